"""The features in features/praksishaendelser/."""

from pytest_bdd import scenarios

scenarios("praksishaendelser")
