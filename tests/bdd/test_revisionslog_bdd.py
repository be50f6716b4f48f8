"""The features in features/revisionslog/."""

from pytest_bdd import scenarios

scenarios("revisionslog")
