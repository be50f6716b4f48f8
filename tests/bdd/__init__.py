"""Gherkin features in Danish, run by pytest-bdd (DESIGN.md principle 12)."""
