"""Helpers the handlers share for changing a citizen's GP listing and insurance group."""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Citizen, GpListing, GroupMembership
from sandbox.domain.registry import Registry


def replace_listing_from(
    registry: Registry,
    citizen: Citizen,
    ydernummer: str | None,
    on: date,
    case_id: str | None,
    basis: str,
) -> None:
    """From ``on``, the citizen is listed with ``ydernummer`` (or with no one, for None).

    Listings that would start on or after ``on`` are dropped (a newer choice replaces a future
    one); the listing covering ``on`` ends there. List sizes of the practices follow.
    """
    kept: list[GpListing] = []
    for listing in citizen.listings:
        if listing.valid_from >= on:
            _count(registry, listing.ydernummer, -1)
            continue
        if listing.valid_to is None or listing.valid_to > on:
            listing.valid_to = on
            _count(registry, listing.ydernummer, -1)
        kept.append(listing)
    if ydernummer is not None:
        kept.append(GpListing(ydernummer, on, None, case_id, basis))
        _count(registry, ydernummer, +1)
    citizen.listings = kept


def replace_group_from(
    citizen: Citizen, group: int, on: date, case_id: str | None, reason: str
) -> None:
    """From ``on``, the citizen is in ``group``; later memberships are replaced."""
    kept: list[GroupMembership] = []
    for membership in citizen.groups:
        if membership.valid_from >= on:
            continue
        if membership.valid_to is None or membership.valid_to > on:
            membership.valid_to = on
        kept.append(membership)
    kept.append(GroupMembership(group, on, None, case_id, reason))
    citizen.groups = kept


def _count(registry: Registry, ydernummer: str, delta: int) -> None:
    practice = registry.practices.get(ydernummer)
    if practice is not None:
        practice.list_size += delta
