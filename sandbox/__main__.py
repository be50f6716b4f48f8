"""`python -m sandbox` runs the `sandbox` command."""

from sandbox.cli import main

main()
