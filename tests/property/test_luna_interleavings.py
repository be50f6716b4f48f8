"""Random interleavings of GP choices, practice events, LUNA faults (the cable case included),
clock advances and outbox relays. After every step and at the end, once LUNA recovers: the
system and LUNA reconcile, and no case is lost or doubled (release 1.1 item 13)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from fakes.luna.backend import FAULT_KINDS
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType, Role
from sandbox.service.commands import (
    ChooseGp,
    ProcessPracticeEventDeadlines,
    RegisterPracticeEvent,
    RelayOutbox,
)
from sandbox.service.outbox import BACKOFF_MAX_SECONDS
from sandbox.service.reconciliation import needs_luna, reconcile
from tests.builders import THISTED, TestWorld, add_citizen, add_practice, make_world, offset

CPRS = ("0505801234", "0606801234", "0707801234", "0808801234")
PRACTICES = ("100001", "100002", "100003")
WORKER = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")


class LunaInterleavings(RuleBasedStateMachine):
    """One world; each rule is a step a real day could bring."""

    world: TestWorld

    @initialize()
    def build(self) -> None:
        self.world = make_world(relay=False)
        for n, number in enumerate(PRACTICES):
            add_practice(self.world, number, offset(THISTED, north_km=n + 1))
        for cpr in CPRS:
            add_citizen(self.world, cpr, doctor=PRACTICES[0])
        self.accepted_choices: list[str] = []

    # steps ------------------------------------------------------------------------------------
    @rule(
        who=st.sampled_from(CPRS),
        where=st.sampled_from(PRACTICES),
        by_worker=st.booleans(),
        later=st.sampled_from((0, 0, 3)),
    )
    def choose_gp(self, who: str, where: str, by_worker: bool, later: int) -> None:
        actor = WORKER if by_worker else Actor.citizen(who)
        on = self.world.today + timedelta(days=later)
        try:
            case = self.world.handle(ChooseGp(actor, who, where, on))
        except SandboxError:
            return  # a refusal is an outcome; the invariants check nothing was half-made
        assert isinstance(case, Case)
        self.accepted_choices.append(case.case_id)

    @rule(kinds=st.lists(st.sampled_from(FAULT_KINDS), min_size=1, max_size=4))
    def fail_next_calls(self, kinds: list[str]) -> None:
        self.world.luna.force_next(*kinds)

    @rule(kind=st.sampled_from(FAULT_KINDS), minutes=st.integers(1, 6 * 60))
    def outage_window(self, kind: str, minutes: int) -> None:
        start = self.world.clock.now()
        self.world.luna.add_window(start, start + timedelta(minutes=minutes), kind)

    @rule(rate=st.sampled_from((0.0, 0.3, 0.7)), seed=st.integers(0, 3))
    def fault_rates(self, rate: float, seed: int) -> None:
        rates = {kind: rate / len(FAULT_KINDS) for kind in FAULT_KINDS}
        self.world.luna.set_faults(rates=rates, seed=seed)

    @rule(seconds=st.sampled_from((1.0, 29.0, 30.0, 600.0, 3 * 3600.0, 86_400.0, 30 * 86_400.0)))
    def advance(self, seconds: float) -> None:
        self.world.advance(seconds=seconds)

    @rule()
    def relay(self) -> None:
        self.world.handle(RelayOutbox(Actor.system()))

    @rule(
        where=st.sampled_from(PRACTICES),
        kind=st.sampled_from(("transfer", "closure")),
        days=st.integers(0, 20),
    )
    def practice_event(self, where: str, kind: str, days: int) -> None:
        on = self.world.today + timedelta(days=days)
        try:
            self.world.handle(RegisterPracticeEvent(Actor.system(), where, kind, on))
        except SandboxError:
            return  # e.g. closing a practice twice

    @rule()
    def practice_deadlines(self) -> None:
        self.world.handle(ProcessPracticeEventDeadlines(Actor.system()))

    # after every step ---------------------------------------------------------------------------
    @invariant()
    def reconciles(self) -> None:
        uow = self.world.bus.uow
        report = reconcile(uow, uow.luna.registrations())
        assert report.ok, [problem.text("en") for problem in report.problems]

    @invariant()
    def nothing_lost_or_doubled(self) -> None:
        registry = self.world.registry
        choices = [c for c in registry.all_cases() if c.case_type is CaseType.GP_CHOICE]
        assert [c.case_id for c in choices] == self.accepted_choices, "one case per choice"
        stored = self.world.luna.registrations
        assert len({entry.luna_id for entry in stored.values()}) == len(stored)
        assert all(registry.has_case(key) for key in stored), "no registration without a case"
        for case in registry.all_cases():
            if not needs_luna(case):
                continue
            if case.status is CaseStatus.AWAITING_LUNA:
                assert case.case_id in self.world.bus.uow.outbox
            elif case.status is CaseStatus.COMPLETED:
                assert case.case_id in stored

    def teardown(self) -> None:
        """LUNA recovers; within a bounded time every waiting case is registered, once."""
        if not hasattr(self, "world"):
            return
        world = self.world
        world.luna.clear_faults()
        for _ in range(3):
            world.advance(seconds=BACKOFF_MAX_SECONDS)
            world.handle(RelayOutbox(Actor.system()))
        assert len(world.bus.uow.outbox) == 0, "everything sent once LUNA answers"
        self.reconciles()
        self.nothing_lost_or_doubled()
        waiting = [c for c in world.registry.all_cases() if c.status is CaseStatus.AWAITING_LUNA]
        assert waiting == []
        needing = {c.case_id for c in world.registry.all_cases() if needs_luna(c)}
        assert set(world.luna.registrations) == needing


TestLunaInterleavings = LunaInterleavings.TestCase
