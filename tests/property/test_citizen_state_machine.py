"""A hypothesis state machine over a small Thisted world: random sequences of the citizen
commands (ChooseGp - also ahead of a move, ChangeGroup, DeclareSamlever, OrderHealthCard, the
move from Greenland, the daily work), CPR events through ConsumeCprFeed (moves, births,
namings, renumberings), LUNA opt-outs and faults, and clock advances. After every step the
release-1.1 invariants must hold:

- every resident group-1 citizen has exactly one current GP listing or an open
  "Manglende lægevalg" case (or has chosen a doctor from a later date: that choice resolves
  the missing-choice case at once);
- no case without a main person;
- every completed case is registered in LUNA exactly once (a case type that never goes to LUNA
  says so with ``details.luna == "not_required"``), and LUNA holds nothing without its case;
- letters go only to main persons, at most one per case;
- an opted-out citizen never gets an automatic physical card; one card case per trigger.

Refusals (`RuleRefused`) and other typed errors are legitimate outcomes of a random command.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from fakes.cpr.backend import CprBackendError, Person
from sandbox.domain.case_details import MissingGpChoiceDetails, SamleverDetails
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import Address
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType, Citizen
from sandbox.service.commands import (
    ChangeGroup,
    ChooseGp,
    ChooseGpForGreenlandMove,
    Command,
    ConsumeCprFeed,
    DeclareSamlever,
    OrderHealthCard,
    ProcessDailyWork,
    RelayOutbox,
)
from sandbox.service.cpr_records import address_to_cpr
from tests.builders import (
    COPENHAGEN,
    KLITMOLLER,
    THISTED,
    add_citizen,
    add_practice,
    address,
    klitmoller,
    make_world,
    mirror_in_cpr,
    offset,
)

MOTHER, CHILD_A, CHILD_B = "0505801234", "0101151234", "0101181234"
KENT, SIGRID, OLIVIA = "1505963001", "0202951234", "1209840000"
STORM = "0102700000"
PRACTICES = ("100001", "100002", "100003", "100004")
NUUK = {
    "street": "Aqqusinersuaq",
    "house_number": "1",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.18,
    "lon": -51.72,
}
HOMES = (
    address("Vestergade", "1"),
    klitmoller("8"),
    klitmoller("4"),
    address("Strøget", "1", COPENHAGEN, "1160", "København K", "0101"),
)
REASONS = ("lost", "damaged", "not_received", "name_change", "other", "nonsense")
INDEX = st.integers(min_value=0, max_value=99)


class CitizenMachine(RuleBasedStateMachine):
    """Sikrede over tid - one small world, driven through the bus."""

    def __init__(self) -> None:
        super().__init__()
        world = make_world()
        add_practice(world, "100001", offset(THISTED, north_km=1))
        add_practice(world, "100002", offset(THISTED, east_km=4))
        add_practice(world, "100003", offset(KLITMOLLER, north_km=1), is_open=False)
        add_practice(world, "100004", offset(COPENHAGEN, north_km=1), municipality="0101")
        family = {"parents": (MOTHER,), "custody_holders": (MOTHER,)}
        citizens = [
            add_citizen(world, MOTHER, name="Mette Hansen", doctor="100001"),
            add_citizen(world, CHILD_A, "Anna", birth=date(2015, 1, 1), doctor="100001", **family),  # type: ignore[arg-type]
            add_citizen(world, CHILD_B, "Bo", birth=date(2018, 1, 1), doctor="100001", **family),  # type: ignore[arg-type]
            add_citizen(world, KENT, "Kent", birth=date(1996, 5, 15), doctor="100002"),
            add_citizen(world, SIGRID, "Sigrid", birth=date(1995, 2, 2), doctor="100002"),
            add_citizen(
                world,
                OLIVIA,
                "Olivia",
                home=klitmoller("8"),
                birth=date(1984, 9, 12),
                doctor="100003",
            ),
        ]
        for citizen in citizens:
            mirror_in_cpr(world, citizen)
        world.cpr.add_person(Person(STORM, "Storm Henningsen", date(1970, 2, 1), "05", NUUK))
        self.world = world
        self.next_number = 1
        self.seen_orders: set[str] = set()

    # helpers -------------------------------------------------------------------------------
    def persons(self) -> list[Citizen]:
        return sorted(self.world.registry.all_citizens(), key=lambda c: c.cpr)

    def pick(self, index: int) -> Citizen:
        persons = self.persons()
        return persons[index % len(persons)]

    def send(self, command: Command) -> Any:
        try:
            return self.world.handle(command)
        except SandboxError:
            return None  # a refusal or a typed error is a legitimate outcome

    def feed(self) -> None:
        self.send(ConsumeCprFeed(Actor.system()))

    def in_cpr(self, citizen: Citizen) -> bool:
        person = self.world.cpr.person(citizen.cpr)
        return person is not None and person.status in ("01", "03")

    # commands ------------------------------------------------------------------------------
    @rule(
        who=INDEX, practice=st.sampled_from(PRACTICES), days=st.integers(0, 20), kids=st.booleans()
    )
    def choose_gp(self, who: int, practice: str, days: int, kids: bool) -> None:
        citizen = self.pick(who)
        involved = (CHILD_A, CHILD_B) if kids and citizen.cpr == MOTHER else ()
        on = self.world.today + timedelta(days=days)
        self.send(ChooseGp(Actor.citizen(citizen.cpr), citizen.cpr, practice, on, involved))

    @rule(who=INDEX, practice=st.sampled_from(PRACTICES), home=st.sampled_from(HOMES))
    def choose_gp_ahead_of_move(self, who: int, practice: str, home: Address) -> None:
        cpr = self.pick(who).cpr  # approved or cancelled by a later cpr_move, to any home
        self.send(ChooseGp(Actor.citizen(cpr), cpr, practice, moving_to=home))

    @rule()
    def daily_work(self) -> None:
        self.send(ProcessDailyWork(Actor.system()))

    @rule(who=INDEX, group=st.sampled_from((1, 2)), days=st.integers(-20, 40))
    def change_group(self, who: int, group: int, days: int) -> None:
        cpr = self.pick(who).cpr
        on = self.world.today + timedelta(days=days)
        self.send(ChangeGroup(self.world.case_worker, cpr, group, on))

    @rule(who=INDEX, other=INDEX)
    def declare_samlever(self, who: int, other: int) -> None:
        cpr = self.pick(who).cpr
        self.send(DeclareSamlever(Actor.citizen(cpr), cpr, self.pick(other).cpr))

    @rule(who=INDEX, reason=st.sampled_from(REASONS), by_case_worker=st.booleans())
    def order_health_card(self, who: int, reason: str, by_case_worker: bool) -> None:
        cpr = self.pick(who).cpr
        actor = self.world.case_worker if by_case_worker else Actor.citizen(cpr)
        self.send(OrderHealthCard(actor, cpr, reason))

    @rule(right_address=st.booleans(), practice=st.sampled_from(PRACTICES))
    def move_from_greenland(self, right_address: bool, practice: str) -> None:
        person = self.world.cpr.person(STORM)
        if person is None or person.status != "05":
            return
        self.send(
            ChooseGpForGreenlandMove(Actor.citizen(STORM), STORM, "0787", klitmoller("4"), practice)
        )
        home = klitmoller("4" if right_address else "6")
        self.world.cpr.move_from_greenland(STORM, address_to_cpr(home), self.world.today)
        self.feed()

    # CPR events ----------------------------------------------------------------------------
    @rule(who=INDEX, home=st.sampled_from(HOMES))
    def cpr_move(self, who: int, home: Address) -> None:
        citizen = self.pick(who)
        if self.in_cpr(citizen):
            self.world.cpr.move(citizen.cpr, address_to_cpr(home), self.world.today)
            self.feed()

    @rule(who=INDEX, days_to_naming=st.integers(0, 3))
    def cpr_birth_and_naming(self, who: int, days_to_naming: int) -> None:
        mother = self.pick(who)
        if not self.in_cpr(mother) or mother.age_on(self.world.today) < 18:
            return
        born = self.world.today
        child = f"{born:%d%m%y}{4000 + self.next_number:04d}"
        self.next_number += 1
        try:
            self.world.cpr.birth(child, born, mother.cpr, None, None, born)
        except CprBackendError:
            return
        self.feed()
        self.world.advance(days=days_to_naming)
        self.world.cpr.naming(child, f"Barn {child[-2:]}", self.world.today)
        self.feed()

    @rule(who=INDEX)
    def cpr_renumbering(self, who: int) -> None:
        citizen = self.pick(who)
        if not self.in_cpr(citizen):
            return
        new = f"{citizen.cpr[:6]}{8000 + self.next_number:04d}"
        self.next_number += 1
        try:
            self.world.cpr.renumber(citizen.cpr, new, self.world.today)
        except CprBackendError:
            return
        self.feed()

    # LUNA and time -------------------------------------------------------------------------
    @rule(who=INDEX, opt_out=st.booleans())
    def luna_opt_out(self, who: int, opt_out: bool) -> None:
        cpr = self.pick(who).cpr
        if opt_out:
            self.world.luna.opt_out(cpr)
        else:
            self.world.luna.withdraw_opt_out(cpr)

    @rule(kind=st.sampled_from(("timeout", "error", "drop_after_commit")))
    def luna_fault(self, kind: str) -> None:
        self.world.luna.force_next(kind)

    @rule(days=st.integers(0, 40))
    def advance_clock(self, days: int) -> None:
        self.world.advance(days=days, seconds=1)
        self.send(RelayOutbox(Actor.system()))

    # invariants ----------------------------------------------------------------------------
    @invariant()
    def group_1_residents_have_one_doctor_or_an_open_missing_choice(self) -> None:
        today = self.world.today
        for citizen in self.persons():
            group = citizen.group_on(today)
            if not citizen.is_resident or group is None or group.group != 1:
                continue
            listed = [listing for listing in citizen.listings if listing.covers(today)]
            missing = [
                case
                for case in self.world.registry.cases_of(citizen.cpr)
                if case.case_type is CaseType.MISSING_GP_CHOICE
                and case.is_open
                and case.main_cpr == citizen.cpr
            ]
            chosen = [listing for listing in citizen.listings if listing.valid_from > today]
            assert len(listed) == 1 or (not listed and (missing or chosen)), citizen.cpr

    @invariant()
    def every_case_has_a_main_person(self) -> None:
        registry = self.world.registry
        for case in registry.all_cases():
            assert case.main_cpr is not None and registry.has_citizen(case.main_cpr), case

    @invariant()
    def completed_cases_are_registered_in_luna_exactly_once(self) -> None:
        registry, luna = self.world.registry, self.world.luna
        for case in registry.all_cases():
            if case.status is not CaseStatus.COMPLETED or _luna_not_required(case):
                continue
            stored = luna.registrations.get(case.case_id)
            assert stored is not None, (case.case_id, case.case_type)
            committed = [
                call
                for call in luna.calls_for(case.case_id)
                if call.outcome in ("ok", "duplicate", "drop_after_commit")
            ]
            assert [c.outcome for c in committed[:1]] in (["ok"], ["drop_after_commit"])
            assert stored.received == len(committed)
        for key in luna.registrations:
            assert registry.has_case(key), key  # never a LUNA registration without its case

    @invariant()
    def letters_go_only_to_main_persons(self) -> None:
        registry = self.world.registry
        cases_with_letters = [letter.case_id for letter in registry.all_letters()]
        assert len(cases_with_letters) == len(set(cases_with_letters))
        for letter in registry.all_letters():
            assert letter.recipient_cpr == registry.case(letter.case_id).main_cpr

    @invariant()
    def opted_out_citizens_get_no_automatic_physical_card(self) -> None:
        registry, luna = self.world.registry, self.world.luna
        for order in registry.all_card_orders():
            order_id = order.order_id
            if order_id in self.seen_orders:
                continue
            self.seen_orders.add(order_id)
            if order.standalone:
                assert order.physical
            elif luna.has_opted_out(order.cpr):  # opt-outs change only between steps
                assert not order.physical and order.skipped_reason == "PHYSICAL_CARD_OPTED_OUT"
        keys = [
            case.details.trigger_key
            for case in registry.all_cases()
            if case.case_type is CaseType.CARD_ORDER and case.details.trigger_key
        ]
        assert len(keys) == len(set(keys))


def _luna_not_required(case: Case) -> bool:
    """A case never registered in LUNA itself (a missing choice, a samlever)."""
    details = case.details
    return isinstance(details, MissingGpChoiceDetails | SamleverDetails) and (
        details.luna == "not_required"
    )


TestCitizenStateMachine = CitizenMachine.TestCase
