"""The features in features/datagenopretning/."""

from pytest_bdd import scenarios

scenarios("datagenopretning")
