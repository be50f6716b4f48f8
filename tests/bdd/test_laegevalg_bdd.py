"""Lægevalg: the features in features/laegevalg/."""

from pytest_bdd import scenarios

scenarios("laegevalg")
