"""The features in features/sundhedskort/."""

from pytest_bdd import scenarios

scenarios("sundhedskort")
