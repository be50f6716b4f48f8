"""The features in features/breve/."""

from pytest_bdd import scenarios

scenarios("breve")
