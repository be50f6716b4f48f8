"""The features in features/cpr/."""

from pytest_bdd import scenarios

scenarios("cpr")
