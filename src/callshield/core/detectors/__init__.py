"""Detectors, one small module per entity family: mostly data plus a validator hook."""
