"""Checks the fakes make at their edge, knowing nothing of the system's own rules."""

from __future__ import annotations

from datetime import date

from fakes.control import FakeError


def check_cpr_form(cpr: str) -> str:
    """Ten digits (a dash after six allowed) and a real day and month; returns the digits.

    The fake knows nothing of the system's CPR rules (modulus 11 is never checked, SPEC 5.3);
    whether the person exists is asked of ``person_exists``.
    """
    digits = cpr.strip().replace("-", "", 1) if len(cpr.strip()) == 11 else cpr.strip()
    ok = len(digits) == 10 and digits.isascii() and digits.isdigit()
    if ok:
        day = int(digits[0:2])
        day = day - 60 if day > 60 else day
        try:
            date(2000, int(digits[2:4]), day)
        except ValueError:
            ok = False
    if not ok:
        raise FakeError(
            422,
            "INVALID_CPR",
            f"CPR-nummeret '{cpr}' er ugyldigt: det skal være DDMMÅÅ-LLLL.",
            f"The CPR number '{cpr}' is invalid: it must be DDMMYY-SSSS.",
            value=cpr,
        )
    return digits
