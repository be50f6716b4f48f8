"""Helpers the handlers share for changing a citizen's GP listing and insurance group.

These are the mutation points of a citizen's registrations, so they also keep the history that
datagenopretning restores from (`sandbox.domain.history`): a copy of the citizen's groups,
listings and card opt-out, with the time, is taken before every change. Pass ``at`` (the
simulated time of the change); without it the time of the case ``case_id`` is used.
"""

from __future__ import annotations

from datetime import date, datetime

from sandbox.domain.history import (
    RegistrationSnapshot,
    RegistrationState,
    copy_state,
    copy_state_of,
)
from sandbox.domain.model import Citizen, GpListing, GroupMembership
from sandbox.domain.registry import Registry
from sandbox.service.unit_of_work import UnitOfWork


def replace_listing_from(
    registry: Registry,
    citizen: Citizen,
    ydernummer: str | None,
    on: date,
    case_id: str | None,
    basis: str,
    *,
    at: datetime | None = None,
) -> None:
    """From ``on``, the citizen is listed with ``ydernummer`` (or with no one, for None).

    Listings that would start on or after ``on`` are dropped (a newer choice replaces a future
    one); the listing covering ``on`` ends there. List sizes of the practices follow.
    """
    capture_history(registry, citizen, at, case_id)
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
        registry.note_listing(citizen.cpr, ydernummer)
    citizen.listings = kept


def replace_group_from(
    citizen: Citizen,
    group: int,
    on: date,
    case_id: str | None,
    reason: str,
    *,
    registry: Registry | None = None,
    at: datetime | None = None,
) -> None:
    """From ``on``, the citizen is in ``group``; later memberships are replaced.

    Pass ``registry`` so the change is kept in the citizen's history (without it, it is not).
    """
    if registry is not None:
        capture_history(registry, citizen, at, case_id)
    kept: list[GroupMembership] = []
    for membership in citizen.groups:
        if membership.valid_from >= on:
            continue
        if membership.valid_to is None or membership.valid_to > on:
            membership.valid_to = on
        kept.append(membership)
    kept.append(GroupMembership(group, on, None, case_id, reason))
    citizen.groups = kept


def capture_history(
    registry: Registry, citizen: Citizen, at: datetime | None, case_id: str | None = None
) -> None:
    """Keep a copy of the citizen's registrations as they stand, before they change at ``at``."""
    if at is None and case_id is not None and case_id in registry.cases:
        at = registry.cases[case_id].created_at
    state = copy_state(citizen, citizen.cpr in registry.card_opt_outs)
    registry.history.setdefault(citizen.cpr, []).append(RegistrationSnapshot(at, state))


def mirror_card_opt_out(
    registry: Registry, citizen: Citizen, opted_out: bool, at: datetime | None
) -> None:
    """Note in the system's mirror what LUNA says of the citizen's physical-card opt-out.

    Call it where the system reads (or registers) the opt-out; a change is kept in history.
    """
    if opted_out == (citizen.cpr in registry.card_opt_outs):
        return
    capture_history(registry, citizen, at)
    if opted_out:
        registry.card_opt_outs[citizen.cpr] = at
    else:
        registry.card_opt_outs.pop(citizen.cpr, None)


def restore_registrations(
    registry: Registry, citizen: Citizen, state: RegistrationState, at: datetime
) -> None:
    """Put the citizen's registrations back to ``state`` (datagenopretning), keeping history.

    Fresh copies are installed, so the history's snapshots never alias live records. List
    sizes follow: a practice counts its listings that have not been ended.
    """
    capture_history(registry, citizen, at)
    for listing in citizen.listings:
        if listing.valid_to is None:
            _count(registry, listing.ydernummer, -1)
    restored = copy_state_of(state)
    for listing in restored.listings:
        if listing.valid_to is None:
            _count(registry, listing.ydernummer, +1)
            registry.note_listing(citizen.cpr, listing.ydernummer)
    citizen.listings = list(restored.listings)
    citizen.groups = list(restored.groups)
    if state.card_opt_out:
        registry.card_opt_outs.setdefault(citizen.cpr, at)
    else:
        registry.card_opt_outs.pop(citizen.cpr, None)


def _count(registry: Registry, ydernummer: str, delta: int) -> None:
    practice = registry.practices.get(ydernummer)
    if practice is not None:
        practice.list_size += delta


def read_card_opt_out(uow: UnitOfWork, citizen: Citizen) -> bool:
    """Ask LUNA whether the citizen opted out of the physical card (no registration = no
    opt-out), and keep the answer in the system's mirror, so a data restore can bring it back
    without calling LUNA. After a renumbering LUNA still holds the opt-out under the old
    number, and it follows the person: the new number inherits it (issue 15, item 6)."""
    opted_out = uow.luna.has_opted_out_of_physical_card(citizen.cpr) or bool(
        citizen.renumbered_from and uow.luna.has_opted_out_of_physical_card(citizen.renumbered_from)
    )
    mirror_card_opt_out(uow.registry, citizen, opted_out, uow.now())
    return opted_out
