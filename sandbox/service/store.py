"""The store: everything Sygesikring holds, in memory, behind named queries and mutations.

Plain dicts keyed by CPR number, case id and ydernummer, private, with the indexes the rules
ask questions of: persons at an address, cases per person and citizens per practice here;
practices on a map grid in `store_practices`; letters per case and card orders per person in
`store_records`; the watches and the schedule the daily work visits (`store_schedule`). Only
the store's own mutations change its dicts, so its indexes cannot fall behind; listing and
group changes are written once (`store_registrations`), keeping list sizes and history right.
While a unit of work runs a command, every mutation notes how to undo itself (`begin`,
`commit`, `rollback`): a command that fails half-way leaves no change in the store.
Nothing here scans the whole population per question (DESIGN.md, hot path).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date, datetime
from enum import Enum
from operator import attrgetter
from typing import Any

from sandbox.domain.case_details import as_they_are, put_back_details
from sandbox.domain.errors import UnknownCase, UnknownCitizen
from sandbox.domain.geography import Address
from sandbox.domain.model import (
    AuditEntry,
    CardOrder,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    Letter,
    Practice,
    Task,
)
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service.practice_grid import PracticeGrid
from sandbox.service.store_practices import Practices
from sandbox.service.store_records import (
    CardOrders,
    Ids,
    Records,
    add_id,
    add_order,
    ids_of,
    remove_id,
)
from sandbox.service.store_registrations import Registrations, Snapshots
from sandbox.service.store_schedule import DueSchedule

# an undo note: a function and its arguments; calling the one with the others takes back one
# change. A tuple, not a closure or a `partial`: about 740,000 are made a year at 300,000
# residents (nearly all thrown away at `commit`), and a tuple is the cheapest to make and free
Undo = tuple[Any, ...]
# a citizen's CPR number, read in C: a comprehension is a function call of its own (Python 3.11)
_cpr_of = attrgetter("cpr")


def _home(key: str) -> int:
    """The address index's key for an `Address.key`: its CRC-32, a small int (32 bytes) where
    the key string costs about 85 for each of a national population's 3 million homes. Not
    `hash`, which changes between processes while the store is pickled. Two homes may share a
    checksum; `Store._residents` tells their residents apart by their own address's key."""
    return zlib.crc32(key.encode())


class Watch(Enum):
    """What the daily work visits without scanning everyone: keys in the order they came."""

    MISSING_CHOICE = "missing_choice"  # open "Manglende lægevalg" cases (see missing_choice_due)
    AHEAD_OF_MOVE = "ahead_of_move"  # GP choices waiting for a move (handlers/ahead_of_move.py)
    PROTECTION_ENDS = "protection_ends"  # CPR numbers whose protection has an end
    GROUP_CHOICE_DEADLINE = "group_choice_deadline"  # CPR numbers whose time to choose runs


_OUTERMOST = -1  # the mark of a transaction that is no savepoint inside another
# `Store._home_of`'s memory when it has none: two `Address` objects (or None) and their homes
_NO_HOMES: tuple[Address | None, int, Address | None, int] = (None, 0, None, 0)
_CARRIED_BY_RENUMBERING = (Watch.PROTECTION_ENDS, Watch.GROUP_CHOICE_DEADLINE)


def _put_back(entity: object, before: list[tuple[str, object]]) -> None:
    for name, value in before:
        setattr(entity, name, value)


def _put_back_status(
    case: Case, status: CaseStatus, log: tuple[CaseStatus | datetime, ...]
) -> None:
    case.status, case.status_log = status, log


def _move_back(
    citizen: Citizen,
    facts: tuple[Address, date | None, str | None],
    residents: dict[int, str | tuple[str, ...]],
    homes: tuple[int, str | tuple[str, ...] | None, int, str | tuple[str, ...] | None],
) -> None:
    """Undo a move (`Store.move_citizen`): the citizen's address and move facts, and the
    residents of the new home and the old one as they were, in their order (a move out and
    back in would put the citizen last). When both are one home, both hold its residents as
    they were."""
    citizen.address, citizen.moved_in_on, citizen.moved_from_municipality = facts
    old_home, old_here, new_home, new_here = homes
    for home, here in ((new_home, new_here), (old_home, old_here)):
        if here is None:
            residents.pop(home, None)
        else:
            residents[home] = here


class Store(Practices, Records, Registrations):
    """Registret - everything Sygesikring holds, in memory."""

    __slots__ = (
        "_audit",
        "_card_opt_outs",
        "_card_orders_by_cpr",
        "_cases",
        "_cases_by_cpr",
        "_citizens",
        "_due_saved",
        "_feed_sequence",
        "_grid",
        "_history",
        "_left_at",
        "_letters",
        "_letters_by_case",
        "_listed_at",
        "_missing_due",
        "_practice_events",
        "_practice_events_by_yder",
        "_practices",
        "_recent_homes",
        "_residents_at",
        "_tasks",
        "_undo",
        "_undone_cases",
        "_watches",
    )

    def __init__(self) -> None:
        self._citizens: dict[str, Citizen] = {}
        self._practices: dict[str, Practice] = {}
        self._cases: dict[str, Case] = {}
        self._tasks: dict[str, Task] = {}
        self._letters: dict[str, Letter] = {}
        self._audit: list[AuditEntry] = []
        # per CPR, registrations as they stood before each change (datagenopretning; history.py)
        self._history: dict[str, Snapshots] = {}
        # the system's mirror of LUNA's physical-card opt-outs: CPR -> when the system saw it
        self._card_opt_outs: dict[str, datetime | None] = {}
        # the CPR numbers living at each address, by `_home` of the address's key, in the order
        # they came: a tuple (smaller than a list; households are small and seldom change), or
        # for one resident the number itself (39 % of homes: a tuple of one costs 48 bytes more)
        self._residents_at: dict[int, str | tuple[str, ...]] = {}
        # the last two `Address` objects whose home was found, and their homes (`_home_of`)
        self._recent_homes = _NO_HOMES
        # per CPR, the ids of the person's cases: one id itself, more as a tuple (_case_ids)
        self._cases_by_cpr: dict[str, Ids] = {}
        self._letters_by_case: dict[str, Ids] = {}
        self._card_orders_by_cpr: dict[str, CardOrders] = {}
        self._grid = PracticeGrid()
        self._practice_events: dict[str, PracticeEvent] = {}
        self._practice_events_by_yder: dict[str, list[str]] = {}
        self._listed_at: dict[str, list[str]] | None = None  # built on first use: listed_on
        # per practice, those who left it: the last day one of them was listed, their CPRs
        self._left_at: dict[str, tuple[date, list[str]]] = {}
        self._feed_sequence = 0  # the last CPR feed event applied (handlers/cpr_events.py)
        self._watches: dict[Watch, dict[str, None]] = {kind: {} for kind in Watch}
        self._missing_due = DueSchedule()  # when the daily work looks at each of them next
        # the undo list of the command whose daily-work pass will put the whole schedule back
        # (`missing_choice_due`): its looks again need no undo of their own
        self._due_saved: list[Undo] | None = None
        self._undo: list[Undo] | None = None  # while a command runs: how to take it back
        self._undone_cases: list[str] = []  # the cases a rollback took back (see rollback)

    # the unit of work's transaction ---------------------------------------------------------
    def begin(self) -> int:
        """A command starts: from here every mutation notes its undo. The mark returned is for
        `commit` or `rollback`; a command inside a command (a CPR feed entry) nests."""
        if self._undo is None:
            self._undo = []
            return _OUTERMOST
        self._due_saved = None  # a savepoint inside: its own rollback needs every undo
        return len(self._undo)

    def commit(self, mark: int) -> None:
        if mark == _OUTERMOST:
            self._undo = self._due_saved = None
            self._recent_homes = _NO_HOMES

    def rollback(self, mark: int) -> list[str]:
        """Take back every mutation since ``mark``, newest first; the ids of the cases it
        took back (so the unit of work can withdraw their LUNA registrations)."""
        undo = self._undo or []
        start = max(mark, 0)
        steps = undo[start:]
        del undo[start:]
        if mark == _OUTERMOST:
            self._undo = self._due_saved = None
            self._recent_homes = _NO_HOMES
        self._undone_cases = []
        for function, *arguments in reversed(steps):
            function(*arguments)
        undone, self._undone_cases = self._undone_cases, []
        return undone

    def on_rollback(self, step: Callable[[], object]) -> None:
        """Note how to take back a change made by hand inside a command (kept only then)."""
        if self._undo is not None:
            self._undo.append((step,))

    def before_change(self, entity: object, *names: str) -> None:
        """Note the present values of ``names`` on ``entity`` (a citizen, a case, its details)
        that a handler is about to write by hand, so a rollback puts them back too.

        The writes stay plain, typed assignments; this only remembers what was there, and only
        while a command runs (a CPR move writes two facts: ~1 us)."""
        if self._undo is not None:
            if len(names) == 1:  # the most common: one field, one call to put it back
                self._undo.append((setattr, entity, names[0], getattr(entity, names[0])))
                return
            before = [(name, getattr(entity, name)) for name in names]
            self._undo.append((_put_back, entity, before))

    def before_details_change(self, case: Case) -> None:
        """Note all of ``case``'s details (and their optional parts) before a handler writes
        some of them by hand, so a rollback puts them back as they were (`as_they_are`)."""
        if self._undo is not None:
            self._undo.append((put_back_details, as_they_are(case.details)))

    def move_case(self, case: Case, status: CaseStatus, at: datetime) -> None:
        """`Case.move_to`, taken back by a rollback (the status and its log)."""
        if self._undo is not None:  # `before_change` of the two, as one note
            self._undo.append((_put_back_status, case, case.status, case.status_log))
        case.move_to(status, at)

    # citizens -------------------------------------------------------------------------------
    def citizen(self, cpr: str) -> Citizen:
        try:
            return self._citizens[cpr]
        except KeyError:
            raise UnknownCitizen(cpr=cpr) from None

    def find_citizen(self, cpr: str) -> Citizen | None:
        return self._citizens.get(cpr)

    def has_citizen(self, cpr: str) -> bool:
        return cpr in self._citizens

    def all_citizens(self) -> Collection[Citizen]:
        """Every citizen, in the order they came (a live view: do not add while iterating)."""
        return self._citizens.values()

    def citizen_count(self) -> int:
        return len(self._citizens)

    def persons_at(self, address: Address) -> tuple[str, ...]:
        return self._residents(address)

    def housemates_of(self, citizen: Citizen) -> int:
        """How many others live at the citizen's address (the citizen is one of its residents)."""
        return len(self._residents(citizen.address)) - 1

    def _residents(self, address: Address) -> tuple[str, ...]:
        """Who lives at ``address``: its checksum's residents whose own address has its key
        (the household's shared `Address` object is that at once)."""
        key = address.key
        here = self._at(_home(key))
        citizens = self._citizens
        if all((home := citizens[cpr].address) is address or home.key == key for cpr in here):
            return here
        return tuple(cpr for cpr in here if citizens[cpr].address.key == key)

    def _at(self, home: int) -> tuple[str, ...]:
        here = self._residents_at.get(home, ())
        return (here,) if isinstance(here, str) else here

    def _keep(self, home: int, here: tuple[str, ...]) -> None:
        if len(here) == 1:
            self._residents_at[home] = here[0]
        elif here:
            self._residents_at[home] = here
        else:
            self._residents_at.pop(home, None)

    def _home_of(self, address: Address) -> int:
        """`_home` of ``address``'s key, remembered for the last two `Address` objects asked
        about: a household moving together is one `Address` for all its members (the CPR
        feed's reader and the population builder share one), before and after the move, so
        its members after the first find both homes here instead of folding the keys again.
        An `Address` never changes, and the two are held, so their identity cannot be reused.
        Remembered only while a command runs, whose end lets them go (`commit`, `rollback`):
        between commands the store holds no trace of it."""
        recent = self._recent_homes
        if address is recent[0]:
            return recent[1]
        if address is recent[2]:
            return recent[3]
        home = _home(address.key)
        if self._undo is not None:
            self._recent_homes = (address, home, recent[0], recent[1])
        return home

    def _settle(self, address: Address, cprs: tuple[str, ...]) -> None:
        self._settle_at(self._home_of(address), cprs)

    def _settle_at(self, home: int, cprs: tuple[str, ...]) -> None:
        if len(cprs) == 1 and home not in self._residents_at:  # one person, an empty home
            self._residents_at[home] = cprs[0]
            return
        self._keep(home, self._at(home) + cprs)

    def _unsettle(self, address: Address, cpr: str) -> None:
        """Take ``cpr`` out of the residents of ``address``, if it is there."""
        self._unsettle_at(self._home_of(address), cpr)

    def _unsettle_at(self, home: int, cpr: str) -> None:
        if self._residents_at.get(home) == cpr:  # its only resident: no tuples made
            del self._residents_at[home]
            return
        here = self._at(home)
        if cpr in here:
            at = here.index(cpr)
            self._keep(home, here[:at] + here[at + 1 :])

    def add_citizen(self, citizen: Citizen) -> None:
        self._citizens[citizen.cpr] = citizen
        self._settle(citizen.address, (citizen.cpr,))
        self._index_listings(citizen)
        if self._undo is not None:
            self._undo.append((self._forget_citizen, citizen))

    def add_household(self, members: Sequence[Citizen], key: str | None = None) -> None:
        """Citizens sharing the first one's address, in bulk (the population builder, which
        gives the address's `Address.key` it made with the home)."""
        cprs = tuple(map(_cpr_of, members))
        # `_settle`, inlined for the builder's 3 million homes: a new home is nearly always
        # a checksum no one has yet
        home = _home(members[0].address.key if key is None else key)
        here = self._residents_at.get(home)
        if here is None:
            self._residents_at[home] = cprs[0] if len(cprs) == 1 else cprs
        else:
            self._keep(home, ((here,) if isinstance(here, str) else here) + cprs)
        citizens = self._citizens
        for member in members:
            citizens[member.cpr] = member
        if self._listed_at is not None:
            for member in members:
                self._index_listings(member)

    def _forget_citizen(self, citizen: Citizen) -> None:
        del self._citizens[citizen.cpr]
        self._unsettle(citizen.address, citizen.cpr)

    def move_citizen(self, citizen: Citizen, address: Address, on: date | None = None) -> None:
        """The citizen lives at ``address`` now, the address index with them. With ``on``, a
        move CPR reported: the citizen's move facts are written too - ``moved_in_on`` (the
        free choice window's start) and ``moved_from_municipality`` (the one left) - and one
        undo step takes back all three and the residents of both homes.

        Each home's checksum is found once (`_home_of`: for a household's members after the
        first, not at all), where a move folded each address's key twice."""
        old_address = citizen.address
        cpr = citizen.cpr
        old_home, new_home = self._home_of(old_address), self._home_of(address)
        if self._undo is not None:
            residents = self._residents_at
            self._undo.append(
                (
                    _move_back,
                    citizen,
                    (old_address, citizen.moved_in_on, citizen.moved_from_municipality),
                    residents,
                    (old_home, residents.get(old_home), new_home, residents.get(new_home)),
                )
            )
        self._unsettle_at(old_home, cpr)
        citizen.address = address
        self._settle_at(new_home, (cpr,))
        if on is not None:
            citizen.moved_in_on = on
            citizen.moved_from_municipality = old_address.municipality_code

    def rekey_citizen(self, old_cpr: str, citizen: Citizen) -> None:
        """Register ``citizen`` (a new CPR number) in the address index in place of old_cpr;
        what the daily work watches for the old number it watches for the new one."""
        self._swap_resident(citizen.address, old_cpr, citizen.cpr)
        self._citizens[citizen.cpr] = citizen
        self._index_listings(citizen)
        self._poke(old_cpr, date.min)
        self._poke(citizen.cpr, date.min)
        carried = [kind for kind in _CARRIED_BY_RENUMBERING if old_cpr in self._watches[kind]]
        for kind in carried:
            self._watches[kind][citizen.cpr] = None
        if self._undo is not None:
            self._undo.append((self._unrekey, old_cpr, citizen, carried))

    def _swap_resident(self, address: Address, old_cpr: str, cpr: str) -> None:
        """``cpr`` in the place of ``old_cpr`` among the residents of ``address`` (else last)."""
        home = self._home_of(address)
        here = self._at(home)
        if old_cpr in here:
            at = here.index(old_cpr)
            self._keep(home, (*here[:at], cpr, *here[at + 1 :]))
        else:
            self._keep(home, (*here, cpr))

    def _unrekey(self, old_cpr: str, citizen: Citizen, carried: list[Watch]) -> None:
        self._swap_resident(citizen.address, citizen.cpr, old_cpr)
        del self._citizens[citizen.cpr]
        for kind in carried:
            self._watches[kind].pop(citizen.cpr, None)

    # citizens by practice -------------------------------------------------------------------
    def listed_on(self, ydernummer: str, day: date) -> list[Citizen]:
        """Citizens listed with the practice on ``day``, in CPR order (closure and split).

        The index holds per practice every CPR that may be listed there on ``day`` or later
        (`_listed_at`), and those whose listings there have all ended, with the day the last
        of those listings ended (`_left_at`). It costs nothing until the first question, which
        builds it with one scan of the population (so listings the population builder wrote
        are seen); after that the store's mutations keep it up to date. Each candidate is
        checked against its own listings, so stale entries do no harm. A candidate not listed
        there on ``day`` whose listings there all ended by ``day`` moves to the ones who left:
        the thousands of former patients of a closed practice are not visited again on every
        later question (the daily invariant check, the wind-up); a question about a day before
        the last of them left reads them.
        """
        index = self._listed_at
        if index is None:
            index = {}
            for cpr, citizen in self._citizens.items():
                for listing in citizen.listing_history():
                    listed = index.get(listing.ydernummer)
                    if listed is None:
                        index[listing.ydernummer] = [cpr]
                    else:
                        listed.append(cpr)
            self._listed_at = index
        citizens = self._citizens
        found: dict[str, Citizen] = {}
        seen: set[str] = set()
        staying: list[str] = []
        left: list[str] = []
        last = date.min  # the day the last listing there of those leaving now ended
        candidates = index.get(ydernummer, [])
        for cpr in candidates:
            if cpr in seen:  # listed there more than once
                continue
            seen.add(cpr)
            candidate = citizens.get(cpr)
            if candidate is None:  # not known now (a rollback may bring it back)
                staying.append(cpr)
                continue
            if candidate.doctor_on(day) == ydernummer:
                found[cpr] = candidate
            else:
                ended = _left_on(candidate, ydernummer, day)
                if ended is not None:  # not listed there on ``day`` nor after
                    if ended > date.min:  # (else no listing there at all any more)
                        left.append(cpr)
                        last = max(last, ended)
                    continue
            staying.append(cpr)
        gone = self._left_at.get(ydernummer)
        if gone is not None and day < gone[0]:  # a day some who left were still listed there
            for cpr in gone[1]:
                if cpr not in seen:
                    seen.add(cpr)
                    candidate = citizens.get(cpr)
                    if candidate is not None and candidate.doctor_on(day) == ydernummer:
                        found[cpr] = candidate
        if len(staying) < len(candidates):
            self._keep_listed_at(ydernummer, staying, left, last, candidates)
        return [found[cpr] for cpr in sorted(found)]

    def _keep_listed_at(
        self,
        ydernummer: str,
        staying: list[str],
        left: list[str],
        last: date,
        before: list[str],
    ) -> None:
        """The practice's candidates are ``staying``; ``left`` (listed there until ``last`` at
        the latest) join the ones who left. A CPR number costs 8 bytes there, not a tuple."""
        index = self._listed_at
        if index is None:
            return
        index[ydernummer] = staying
        gone = self._left_at.get(ydernummer)
        if self._undo is not None:  # a rollback may lengthen a listing again: all are back
            self._undo.append((self._put_back_listed_at, ydernummer, before, gone))
        if left:
            if gone is None:
                self._left_at[ydernummer] = (last, left)
            else:
                self._left_at[ydernummer] = (max(gone[0], last), gone[1] + left)

    def _put_back_listed_at(
        self, ydernummer: str, before: list[str], gone: tuple[date, list[str]] | None
    ) -> None:
        if self._listed_at is not None:
            self._listed_at[ydernummer] = before
        if gone is None:
            self._left_at.pop(ydernummer, None)
        else:
            self._left_at[ydernummer] = gone

    def _index_listings(self, citizen: Citizen) -> None:
        if self._listed_at is not None:
            for listing in citizen.listing_history():
                self._listed_at.setdefault(listing.ydernummer, []).append(citizen.cpr)

    # cases, tasks, letters, card orders -----------------------------------------------------
    def case(self, case_id: str) -> Case:
        try:
            return self._cases[case_id]
        except KeyError:
            raise UnknownCase(case_id=case_id) from None

    def find_case(self, case_id: str) -> Case | None:
        return self._cases.get(case_id)

    def has_case(self, case_id: str) -> bool:
        return case_id in self._cases

    def all_cases(self) -> Collection[Case]:
        """Every case, in the order they were opened."""
        return self._cases.values()

    def case_ids(self) -> list[str]:
        """Every case id, in the order they were opened."""
        return list(self._cases)

    def case_count(self) -> int:
        return len(self._cases)

    def cases_of(self, cpr: str) -> list[Case]:
        # `_case_ids_of` inlined, and one case (most persons) without a comprehension (a
        # function call of its own in Python 3.11): asked some 140,000 times a year at 300,000
        found = self._cases_by_cpr.get(cpr)
        if found is None:
            return []
        if type(found) is str:
            return [self._cases[found]]
        cases = self._cases
        return [cases[case_id] for case_id in found]

    def _case_ids_of(self, cpr: str) -> tuple[str, ...]:
        """The ids of the person's cases, in the order they were opened (one id itself, more
        as a tuple: `store_records.Ids`, bench_case_size.py)."""
        return ids_of(self._cases_by_cpr, cpr)

    def add_case(self, case: Case) -> None:
        self._cases[case.case_id] = case
        if case.case_type is CaseType.MISSING_GP_CHOICE:
            self._watches[Watch.MISSING_CHOICE][case.case_id] = None
            self._due(case.case_id, date.min)  # looked at the next time
        main, involved = case.main_cpr, case.involved
        # most cases have one person: no tuple, dict and list made to say so
        if involved:
            persons = list(dict.fromkeys(((main,) if main else ()) + involved))
        else:
            persons = [main] if main else []
        for cpr in persons:
            add_id(self._cases_by_cpr, cpr, case.case_id)
        if self._undo is not None:
            self._undo.append((self._undo_case, case, persons))

    def _undo_case(self, case: Case, persons: list[str]) -> None:
        self._forget_case(case, persons)
        self._undone_cases.append(case.case_id)

    def add_card_case(self, case: Case, orders: Sequence[CardOrder]) -> None:
        """`add_case` and `add_card_order` of each of its orders, for a "Bestil Sundhedskort"
        case made with its orders (`sandbox.service.card_ordering`): its persons are exactly
        those of its orders, in their order, so each person's two index entries are written
        together, and one undo takes the case and its orders back together."""
        case_id = case.case_id
        self._cases[case_id] = case
        cases_by_cpr, orders_by_cpr = self._cases_by_cpr, self._card_orders_by_cpr
        for order in orders:
            add_id(cases_by_cpr, order.cpr, case_id)
            add_order(orders_by_cpr, order)
        if self._undo is not None:
            self._undo.append((self._undo_card_case, case, orders))

    def _undo_card_case(self, case: Case, orders: Sequence[CardOrder]) -> None:
        for order in reversed(orders):
            self._forget_card_order(order)
        self._undo_case(case, [order.cpr for order in orders])

    def drop_case(self, case_id: str) -> None:
        """Forget a case as if it never was (only the explorer's mutants do this)."""
        case = self._cases.get(case_id)
        if case is not None:
            persons = [cpr for cpr in self._cases_by_cpr if case_id in self._case_ids_of(cpr)]
            self._forget_case(case, persons)
            if self._undo is not None:
                self._undo.append((self._put_back_case, case, persons))

    def _put_back_case(self, case: Case, persons: list[str]) -> None:
        self._cases[case.case_id] = case
        for cpr in persons:
            add_id(self._cases_by_cpr, cpr, case.case_id)

    def _forget_case(self, case: Case, persons: list[str]) -> None:
        del self._cases[case.case_id]
        self._watches[Watch.MISSING_CHOICE].pop(case.case_id, None)
        for cpr in persons:
            remove_id(self._cases_by_cpr, cpr, case.case_id)

    # CPR feed position, watches ------------------------------------------------------------
    @property
    def cpr_feed_sequence(self) -> int:
        """The last CPR feed event applied."""
        return self._feed_sequence

    def feed_applied(self, sequence: int) -> None:
        before = self._feed_sequence
        self._feed_sequence = sequence
        if self._undo is not None:
            self._undo.append((setattr, self, "_feed_sequence", before))

    def watch(self, kind: Watch, key: str) -> None:
        """Have the daily work visit ``key`` (a CPR number or case id) until it unwatches it."""
        watched = self._watches[kind]
        if key in watched:
            return
        watched[key] = None
        if self._undo is not None:
            self._undo.append((self.unwatch, kind, key))

    def unwatch(self, kind: Watch, key: str) -> None:
        watched = self._watches[kind]
        if key not in watched:
            return
        order = self._missing_due.forget(key) if kind is Watch.MISSING_CHOICE else None
        # an undone unwatch puts the key back at the end: the order of a daily visit may
        # change, what it does to each key does not
        del watched[key]
        if self._undo is not None:
            self._undo.append((self._rewatch, kind, key, order))

    def _rewatch(self, kind: Watch, key: str, order: int | None) -> None:
        self._watches[kind][key] = None
        self._missing_due.remember(key, order)

    def watched(self, kind: Watch) -> list[str]:
        """The keys watched, in the order they came (a copy: unwatch while iterating)."""
        return list(self._watches[kind])

    def is_watched(self, kind: Watch, key: str) -> bool:
        return key in self._watches[kind]

    # the daily work's schedule of missing-choice cases (sandbox.service.store_schedule) -------
    def missing_choice_due(self, today: date) -> Iterator[str]:
        """The open missing-choice cases due a look on ``today``, in the order they were
        opened: new ones, those whose citizen's registrations changed, those whose dates came
        (`sandbox.service.store_schedule`). Each is due once a pass; the daily work says when
        to look again (`look_again`)."""
        if self._undo is not None:
            before = self._missing_due.entries()
            self._undo.append((self._missing_due.restore, before))
            self._due_saved = self._undo
        watched = self._watches[Watch.MISSING_CHOICE]
        for key in self._missing_due.due(today):
            if key in watched:
                yield key

    def look_again(self, case_id: str, on: date) -> None:
        """Look at the open missing-choice case again on ``on`` (unless something wakes it)."""
        if case_id in self._watches[Watch.MISSING_CHOICE]:
            self._due(case_id, on)

    def _poke(self, cpr: str, on: date) -> None:
        """The citizen's registrations changed, taking effect on ``on``: their open
        missing-choice cases are due a look at once and on ``on``."""
        watched = self._watches[Watch.MISSING_CHOICE]
        if not watched:
            return
        found = self._cases_by_cpr.get(cpr)  # `_case_ids_of`, inlined
        if found is None:
            return
        for case_id in (found,) if type(found) is str else found:
            if case_id in watched:
                self._due(case_id, date.min)
                self._due(case_id, on)

    def _due(self, case_id: str, on: date) -> None:
        came = self._missing_due.add(case_id, on)
        undo = self._undo
        # a key that came now has its own undo; a look again of a known key within the daily
        # work's pass is put back with the whole schedule
        if undo is not None and (came or undo is not self._due_saved):
            undo.append((self._missing_due.take_back, case_id, on, came))


def _left_on(citizen: Citizen, ydernummer: str, day: date) -> date | None:
    """None when a listing of the citizen with the practice may cover ``day`` or a later day;
    else the day the last listing there ended (`date.min`: there is none at all)."""
    ended = date.min
    for listing in citizen.listing_history():
        if listing.ydernummer == ydernummer:
            end = listing.valid_to
            if end is None or end > day:
                return None
            ended = max(ended, end)
    return ended
