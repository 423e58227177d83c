"""Detection machinery: the multi-pattern prefilter, context scoring, spoken forms, overlaps."""
