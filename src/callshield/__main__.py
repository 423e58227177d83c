"""`python -m callshield` runs the CLI."""

from callshield.cli import main

main()
