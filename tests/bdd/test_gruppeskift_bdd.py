"""The features in features/gruppeskift/."""

from pytest_bdd import scenarios

scenarios("gruppeskift")
