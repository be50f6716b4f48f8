"""The features in features/luna/."""

from pytest_bdd import scenarios

scenarios("luna")
