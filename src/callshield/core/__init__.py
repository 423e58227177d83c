"""The pure core of Callshield: no I/O, no settings, no global state."""
