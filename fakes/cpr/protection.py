"""Navne- og adressebeskyttelse at the fake CPR's edge: what a caller without a system
credential sees of a protected person.

The real CPR gives a protected person's name and address only to authorised systems; so does
the fake. Whoever serves the fake decides who is authorised (`CprContext.sees_protected`; the
sandbox checks the credential its control plane issues, sent in ``X-System-Credential``).
Without it, a protected person's name and address are ``null`` with ``masked: true`` in
persons, in events about them, and in request bodies about them in a journal; a protected
person matches no municipality filter (the municipality is part of the address).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from fakes.cpr.backend import CprEvent, Person

SYSTEM_CREDENTIAL_HEADER = "X-System-Credential"
# keys that hold a name or an address: a person's, an event's (``previous`` is the name or
# address before a naming or a move) and a request body's
MASKED_KEYS = frozenset({"name", "address", "previous", "moving_in_address", "home"})
_CPR_TEXT = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")


def is_protected(persons: dict[str, Person], cpr: str | None) -> bool:
    person = persons.get(cpr) if cpr else None
    return person is not None and person.protected


def cprs_in(value: Any) -> Iterable[str]:
    """Every CPR number (10 digits, with or without the dash) in a value, at any depth."""
    if isinstance(value, str):
        for match in _CPR_TEXT.finditer(value):
            yield match.group(1) + match.group(2)
    elif isinstance(value, dict):
        for item in value.values():
            yield from cprs_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from cprs_in(item)


def masked(value: Any) -> Any:
    """A copy of ``value`` with every name and address (`MASKED_KEYS`) set to None."""
    if isinstance(value, dict):
        return {k: None if k in MASKED_KEYS else masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    return value


def event_concerns_protected(persons: dict[str, Person], event: CprEvent) -> bool:
    """An event about a protected person, or naming one (a birth holds the parents' home)."""
    return any(is_protected(persons, cpr) for cpr in (event.cpr, *cprs_in(event.data)))


def masked_journal_body(path: str, body: Any, protected: Callable[[str], bool]) -> tuple[Any, bool]:
    """A journaled request's body as a caller without the credential may see it, and whether
    it was masked: names and addresses go when the path or body names a protected person.
    A body nested too deep to walk is hidden whole."""
    try:
        if not any(protected(cpr) for cpr in (*cprs_in(path), *cprs_in(body))):
            return body, False
        return (masked(body) if isinstance(body, dict | list) else None), True
    except RecursionError:
        return None, True
