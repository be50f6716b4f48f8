"""The features in features/demo/ (also run through the HTTP driver: test_http_driver.py)."""

from pytest_bdd import scenarios

scenarios("demo")
