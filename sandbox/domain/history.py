"""A citizen's registration history: copies of groups, listings and card opt-out over time.

Datagenopretning (manual data restore, release 1.1 item 12) restores a citizen from the
system's own history, never from LUNA. The history is kept as snapshots taken *before* each
change: snapshot i holds the state that stood until the change made at ``snapshot.at``. So the
state at a moment T is the first snapshot taken after T, or the current state if nothing
changed after T. Memory grows with the number of changes, not with the population.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sandbox.domain.model import Citizen, GpListing, GroupMembership

R = TypeVar("R", GroupMembership, GpListing)


@dataclass(frozen=True, slots=True)
class RegistrationState:
    """Registreringer - a citizen's groups, GP listings and card opt-out (copies)."""

    groups: tuple[GroupMembership, ...]
    listings: tuple[GpListing, ...]
    card_opt_out: bool


@dataclass(frozen=True, slots=True)
class RegistrationSnapshot:
    """Historikpost - the registrations as they stood just before a change at ``at``.

    ``at`` is None when the caller could not say when the change happened (an old call site);
    restore then places it by its order among the timed snapshots and warns. The state's three
    fields are kept here, not in a `RegistrationState` of their own (one object a change rather
    than two: a national year keeps millions); ``state`` gives them as one.
    """

    at: datetime | None
    groups: tuple[GroupMembership, ...]
    listings: tuple[GpListing, ...]
    card_opt_out: bool

    @classmethod
    def of(cls, at: datetime | None, state: RegistrationState) -> RegistrationSnapshot:
        return cls(at, state.groups, state.listings, state.card_opt_out)

    @property
    def state(self) -> RegistrationState:
        return RegistrationState(self.groups, self.listings, self.card_opt_out)


def copy_state(
    citizen: Citizen, card_opt_out: bool, previous: RegistrationState | None = None
) -> RegistrationState:
    """Deep-enough copies: listings and memberships are mutated in place by later changes.

    With ``previous`` (the citizen's last snapshot), a record that has not changed since is
    that snapshot's copy, not a new one: history copies are never changed, and most changes
    touch one record of several (a national year keeps millions of snapshots).
    """
    old_groups = previous.groups if previous is not None else ()
    old_listings = previous.listings if previous is not None else ()
    return RegistrationState(
        _copied(citizen.group_history(), old_groups),
        _copied(citizen.listing_history(), old_listings),
        card_opt_out,
    )


def snapshot_of(
    citizen: Citizen,
    card_opt_out: bool,
    at: datetime | None,
    previous: RegistrationSnapshot | None = None,
) -> RegistrationSnapshot:
    """`copy_state` as a snapshot at ``at``, made directly (no `RegistrationState` in between:
    one frozen object a change, not three), sharing unchanged records with ``previous``."""
    return RegistrationSnapshot(
        at,
        _copied(citizen.group_history(), previous.groups if previous is not None else ()),
        _copied(citizen.listing_history(), previous.listings if previous is not None else ()),
        card_opt_out,
    )


def _copied(held: Sequence[R], kept: tuple[R, ...]) -> tuple[R, ...]:
    """The records ``held`` as a tuple the history may keep.

    A tuple is a history the citizen still shares with others (the population builder's): its
    records are never changed (`Citizen.groups` copies them before the first change), so the
    snapshot keeps the tuple itself. Read through ``group_history``, not ``groups``: reading
    ``groups`` would make the citizen's own copies before anything changes.
    """
    if type(held) is tuple:
        return held
    # each record: the kept copy at its index when it equals the record (records are appended
    # in order), else a new copy; one loop, no generator and call per record
    copies: list[R] = []
    same = len(held) == len(kept)  # all kept copies, and no more: ``kept`` itself
    for index, record in enumerate(held):
        if index < len(kept) and kept[index] == record:
            copies.append(kept[index])
        else:
            copies.append(record.copy())
            same = False
    return kept if same else tuple(copies)


def copy_state_of(state: RegistrationState) -> RegistrationState:
    """A copy of a stored state whose records may be changed without touching the history."""
    return RegistrationState(
        tuple(membership.copy() for membership in state.groups),
        tuple(listing.copy() for listing in state.listings),
        state.card_opt_out,
    )


@dataclass(frozen=True, slots=True)
class StateAt:
    """The state found for a moment, and whether untimed history made it uncertain."""

    state: RegistrationState
    uncertain: bool


def state_at(
    history: Sequence[RegistrationSnapshot], current: RegistrationState, moment: datetime
) -> StateAt:
    """The registrations as they stood at ``moment``; a change at exactly ``moment`` counts.

    Untimed snapshots take the time of the timed snapshot before them (they were appended in
    order); if one sits right at the border the answer is marked uncertain.
    """
    last_known: datetime | None = None
    untimed_since_known = False
    for snapshot in history:
        if snapshot.at is None:
            untimed_since_known = True
            when = last_known
        else:
            when = snapshot.at
            last_known = snapshot.at
        if when is not None and when > moment:
            return StateAt(snapshot.state, uncertain=untimed_since_known)
        if snapshot.at is not None:
            untimed_since_known = False
    return StateAt(current, uncertain=untimed_since_known)
