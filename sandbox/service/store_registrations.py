"""The store's changes of a citizen's registrations: GP listing, insurance group, card opt-out.

Written once, for the handlers, the fixtures and the simulator's cast alike: a listing ends and
another starts in one method that keeps the practices' list sizes (a practice counts the
listings that have not been ended), the citizens-by-practice index and the history that
datagenopretning restores from (`sandbox.domain.history`: a copy of the citizen's groups,
listings and card opt-out, with the time, taken before every change). Pass ``at`` (the
simulated time of the change); without it the time of the case ``case_id`` is used. Each change
notes its undo while a command runs (`sandbox.service.store.Store.begin`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sandbox.domain.history import (
    RegistrationSnapshot,
    RegistrationState,
    copy_state_of,
    snapshot_of,
)
from sandbox.domain.model import Case, Citizen, GpListing, GroupMembership, Practice

# A citizen's history is nearly always one snapshot (most citizens change once a year, if at
# all): it is kept as that snapshot itself, and a tuple only from the second on (a list grown by
# append costs 88 bytes, a tuple of one 48).
Snapshots = RegistrationSnapshot | tuple[RegistrationSnapshot, ...]


class Registrations:
    """Registreringer - the listing, group and opt-out changes of `Store` (a mixin)."""

    __slots__ = ()

    _citizens: dict[str, Citizen]
    _practices: dict[str, Practice]
    _cases: dict[str, Case]
    _history: dict[str, Snapshots]
    _card_opt_outs: dict[str, datetime | None]
    _listed_at: dict[str, list[str]] | None
    _undo: list[tuple[Any, ...]] | None  # the store's undo notes (store.Undo)

    def list_citizen(
        self,
        citizen: Citizen,
        ydernummer: str | None,
        on: date,
        case_id: str | None,
        basis: str,
        *,
        at: datetime | None = None,
        history: bool = True,
    ) -> None:
        """From ``on``, the citizen is listed with ``ydernummer`` (or with no one, for None).

        Listings that would start on or after ``on`` are dropped (a newer choice replaces a
        future one); the listing covering ``on`` ends there. List sizes of the practices follow.
        ``history=False`` (test data, the cast) keeps no snapshot.
        """
        if history:
            self.capture_history(citizen, at, case_id)
        self._poke(citizen.cpr, on)
        listings = citizen.listings
        undo, practices, index = self._undo, self._practices, self._listed_at
        # the listings' dates, the list sizes and the index are put back by ONE note (the GP
        # choice is the commonest change: one closure, not one per list size and index entry)
        saved = [(li, li.valid_from, li.valid_to) for li in listings] if undo is not None else []
        ended: list[Practice | None] = []  # the practices that lose the citizen
        kept: list[GpListing] = []
        for listing in listings:
            if listing.valid_from >= on:
                ended.append(practices.get(listing.ydernummer))
                continue
            if listing.valid_to is None or listing.valid_to > on:
                listing.valid_to = on
                ended.append(practices.get(listing.ydernummer))
            kept.append(listing)
        for practice in ended:
            if practice is not None:
                practice.list_size -= 1
        chosen: Practice | None = None
        noted: dict[str, list[str]] | None = None  # the index, when the new listing is in it
        if ydernummer is not None:
            kept.append(GpListing(ydernummer, on, None, case_id, basis))
            chosen = practices.get(ydernummer)
            if chosen is not None:
                chosen.list_size += 1
            if index is not None:
                index.setdefault(ydernummer, []).append(citizen.cpr)
                noted = index
        citizen.listings = kept
        if undo is not None:
            undo.append((_put_back_listing, citizen, saved, ended, chosen, noted, ydernummer))

    def count_open_listings(self, citizen: Citizen) -> None:
        """The citizen's open listings count for their practices (a new CPR number inherits
        the old one's listings, which are ended on the old number)."""
        for listing in citizen.listing_history():
            if listing.valid_to is None:
                self._count(listing.ydernummer, +1)

    def end_listing_at(self, citizen: Citizen, day: date, *, at: datetime | None) -> None:
        """The (already ended) listing covering ``day`` ends on ``day``: a later choice
        starting then takes over (a closing practice's last day). List sizes do not change."""
        self.capture_history(citizen, at)
        self._poke(citizen.cpr, day)
        listings = citizen.listings
        self._keep_listings(citizen, listings)
        _covering(listings, day).valid_to = day

    def bring_forward(
        self, citizen: Citizen, following: GpListing, day: date, *, at: datetime | None
    ) -> None:
        """The listing covering ``day`` ends on ``day`` and the chosen ``following`` one starts
        then, not later (a closing practice's patients who chose ahead)."""
        self.capture_history(citizen, at)
        self._poke(citizen.cpr, day)
        listings = citizen.listings
        self._keep_listings(citizen, listings)
        start = following.valid_from
        _covering(listings, day).valid_to = day
        for listing in listings:  # the citizen's own copies now
            if listing.valid_from == start and listing.ydernummer == following.ydernummer:
                listing.valid_from = day
                self._note_listing(citizen.cpr, listing.ydernummer)
                return

    def change_group(
        self,
        citizen: Citizen,
        group: int | None,
        on: date,
        case_id: str | None,
        reason: str,
        *,
        at: datetime | None = None,
        history: bool = True,
    ) -> None:
        """From ``on``, the citizen is in ``group`` (None: in none, the insurance ended);
        later memberships are replaced. ``history=False`` keeps no snapshot."""
        if history:
            self.capture_history(citizen, at, case_id)
        self._poke(citizen.cpr, on)
        groups = citizen.groups
        if self._undo is not None:
            saved = [(membership, membership.valid_to) for membership in groups]
            self._undo.append((_put_back_groups, citizen, saved))
        kept: list[GroupMembership] = []
        for membership in groups:
            if membership.valid_from >= on:
                continue
            if membership.valid_to is None or membership.valid_to > on:
                membership.valid_to = on
            kept.append(membership)
        if group is not None:
            kept.append(GroupMembership(group, on, None, case_id, reason))
        citizen.groups = kept

    # history and the card opt-out mirror -----------------------------------------------------
    def capture_history(
        self, citizen: Citizen, at: datetime | None, case_id: str | None = None
    ) -> None:
        """Keep a copy of the citizen's registrations as they stand, before they change at
        ``at`` (or, without it, at the time the case ``case_id`` was opened)."""
        if at is None and case_id is not None and case_id in self._cases:
            at = self._cases[case_id].created_at
        histories, cpr = self._history, citizen.cpr
        kept = histories.get(cpr)
        earlier = _snapshots(kept)
        previous = earlier[-1] if earlier else None  # unchanged records are shared with it
        snapshot = snapshot_of(citizen, cpr in self._card_opt_outs, at, previous)
        histories[cpr] = (*earlier, snapshot) if earlier else snapshot
        if self._undo is not None:
            self._undo.append((_put_back_history, histories, cpr, kept))

    def history_of(self, cpr: str) -> Sequence[RegistrationSnapshot]:
        """The citizen's registrations before each change, oldest first."""
        return _snapshots(self._history.get(cpr))

    def histories(self) -> list[tuple[str, Sequence[RegistrationSnapshot]]]:
        """Every citizen's history, by CPR number in the order they first changed."""
        return [(cpr, _snapshots(kept)) for cpr, kept in self._history.items()]

    def has_opted_out(self, cpr: str) -> bool:
        """Whether the system's mirror holds a physical-card opt-out for ``cpr``."""
        return cpr in self._card_opt_outs

    def mirror_card_opt_out(self, citizen: Citizen, opted_out: bool, at: datetime | None) -> None:
        """Note in the system's mirror what LUNA says of the citizen's physical-card opt-out.

        Call it where the system reads (or registers) the opt-out; a change is kept in history.
        """
        if opted_out == (citizen.cpr in self._card_opt_outs):
            return
        self.capture_history(citizen, at)
        self._set_opt_out(citizen.cpr, opted_out, at)

    def restore_registrations(
        self, citizen: Citizen, state: RegistrationState, at: datetime
    ) -> None:
        """Put the citizen's registrations back to ``state`` (datagenopretning), keeping
        history. Fresh copies are installed, so the history's snapshots never alias live
        records. List sizes follow."""
        self.capture_history(citizen, at)
        self._poke(citizen.cpr, date.min)
        listings, groups = citizen.listings, citizen.groups
        self._keep_listings(citizen, listings)
        if self._undo is not None:
            saved = [(membership, membership.valid_to) for membership in groups]
            self._undo.append((_put_back_groups, citizen, saved))
        for listing in listings:
            if listing.valid_to is None:
                self._count(listing.ydernummer, -1)
        restored = copy_state_of(state)
        for listing in restored.listings:
            if listing.valid_to is None:
                self._count(listing.ydernummer, +1)
        # every restored listing is noted: one may cover days the index took the citizen off
        for ydernummer in dict.fromkeys(listing.ydernummer for listing in restored.listings):
            self._note_listing(citizen.cpr, ydernummer)
        citizen.listings = list(restored.listings)
        citizen.groups = list(restored.groups)
        self._set_opt_out(citizen.cpr, state.card_opt_out, at)

    def _set_opt_out(self, cpr: str, opted_out: bool, at: datetime | None) -> None:
        mirror = self._card_opt_outs
        if opted_out == (cpr in mirror):
            return
        before = mirror.get(cpr)
        if opted_out:
            mirror[cpr] = at
        else:
            del mirror[cpr]
        if self._undo is not None:
            self._undo.append((_put_back_opt_out, mirror, cpr, not opted_out, before))

    # list sizes and the citizens-by-practice index -------------------------------------------
    def _count(self, ydernummer: str, delta: int) -> None:
        practice = self._practices.get(ydernummer)
        if practice is not None:
            practice.list_size += delta
            if self._undo is not None:
                self._undo.append((_add_to_list_size, practice, -delta))

    def _keep_listings(self, citizen: Citizen, listings: list[GpListing]) -> None:
        """Note how to put the citizen's listings back as they are now (in a command)."""
        if self._undo is not None:
            saved = [(listing, listing.valid_from, listing.valid_to) for listing in listings]
            self._undo.append((_put_back_listings, citizen, saved))

    def _poke(self, cpr: str, on: date) -> None:
        """Wake the daily work for the citizen's cases (`Store._poke`)."""
        raise NotImplementedError

    def _note_listing(self, cpr: str, ydernummer: str) -> None:
        """Keep the citizens-by-practice index (once built) in step with a new listing (and
        with its rollback: later changes are undone first, so it is the last one there)."""
        index = self._listed_at
        if index is not None:
            index.setdefault(ydernummer, []).append(cpr)
            if self._undo is not None:
                self._undo.append((_drop_last, index, ydernummer))


def _put_back_listing(
    citizen: Citizen,
    saved: list[tuple[GpListing, date, date | None]],
    ended: list[Practice | None],
    chosen: Practice | None,
    index: dict[str, list[str]] | None,
    ydernummer: str | None,
) -> None:
    """Undo `Registrations.list_citizen`: the index entry, the list sizes, the listings."""
    if index is not None and ydernummer is not None:
        _drop_last(index, ydernummer)
    if chosen is not None:
        chosen.list_size -= 1
    for practice in ended:
        if practice is not None:
            practice.list_size += 1
    _put_back_listings(citizen, saved)


def _drop_last(index: dict[str, list[str]], ydernummer: str) -> None:
    listed = index[ydernummer]
    del listed[-1]
    if not listed:
        del index[ydernummer]


def _covering(listings: list[GpListing], day: date) -> GpListing:
    for listing in reversed(listings):
        if listing.covers(day):
            return listing
    raise LookupError(f"no listing covers {day}")  # the caller found the citizen listed on day


def _put_back_listings(citizen: Citizen, saved: list[tuple[GpListing, date, date | None]]) -> None:
    for listing, valid_from, valid_to in saved:
        listing.valid_from, listing.valid_to = valid_from, valid_to
    citizen.listings = [listing for listing, _, _ in saved]


def _put_back_groups(citizen: Citizen, saved: list[tuple[GroupMembership, date | None]]) -> None:
    for membership, valid_to in saved:
        membership.valid_to = valid_to
    citizen.groups = [membership for membership, _ in saved]


def _put_back_opt_out(
    mirror: dict[str, datetime | None], cpr: str, had: bool, when: datetime | None
) -> None:
    if had:
        mirror[cpr] = when
    else:
        mirror.pop(cpr, None)


def _snapshots(kept: Snapshots | None) -> tuple[RegistrationSnapshot, ...]:
    if kept is None:
        return ()
    return (kept,) if isinstance(kept, RegistrationSnapshot) else kept


def _put_back_history(histories: dict[str, Snapshots], cpr: str, kept: Snapshots | None) -> None:
    if kept is None:
        del histories[cpr]
    else:
        histories[cpr] = kept


def _add_to_list_size(practice: Practice, delta: int) -> None:
    practice.list_size += delta
