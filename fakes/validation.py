"""Checks the fakes make at their edge, knowing nothing of the system's own rules."""

from __future__ import annotations

from fakes.control import FakeError
from fakes.schema_types import is_cpr_form


def check_cpr_form(cpr: str) -> str:
    """Ten ASCII digits (a dash after six allowed) and a real date (`fakes.schema_types`);
    returns the digits.

    The fake knows nothing of the system's CPR rules (modulus 11 is never checked, SPEC 5.3);
    whether the person exists is asked of ``person_exists``.
    """
    text = cpr.strip()
    if not is_cpr_form(text):
        raise FakeError(
            422,
            "INVALID_CPR",
            f"CPR-nummeret '{cpr}' er ugyldigt: det skal være DDMMÅÅ-LLLL.",
            f"The CPR number '{cpr}' is invalid: it must be DDMMYY-SSSS.",
            value=cpr,
        )
    return text.replace("-", "", 1)
