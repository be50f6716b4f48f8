"""The fake LUNA's batch of registrations (`LunaBackend.register_all`, the relay's one call a
run) answers, draws, journals and holds exactly what one `register` call each would."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest

from fakes.luna.backend import LunaBackend, LunaFault
from sandbox.adapters.in_process import InProcessLuna
from sandbox.service.ports import LunaRegistration, LunaUnavailable

AT = datetime.combine(date(2025, 4, 9), time(10, 0))
DAY = timedelta(days=1)
KEYS = ["F00000001", "F00000002", "F00000001", "F00000003", "F00000004", "F00000002"] * 20


class FixedClock:
    def now(self) -> datetime:
        return AT


def _sent(keys: list[str]) -> list[LunaRegistration]:
    return [
        LunaRegistration(key, "card_order", "0101801001", {"n": index})
        for index, key in enumerate(keys)
    ]


def _one_by_one(luna: LunaBackend, sent: list[LunaRegistration]) -> list[str]:
    answers = []
    for item in sent:
        try:
            answers.append(luna.register_id(item.case_id, item.kind, item.cpr, item.payload, AT)[0])
        except LunaFault as fault:
            answers.append(f"fault:{fault.kind}:{fault.committed}")
    return answers


def _batched(luna: LunaBackend, sent: list[LunaRegistration]) -> list[str]:
    return [
        answer if isinstance(answer, str) else f"fault:{answer.kind}:{answer.committed}"
        for answer in luna.register_all(sent, AT)
    ]


def _state(luna: LunaBackend) -> object:
    held = luna.registrations
    return (
        luna.calls,
        [tuple(call) for call in luna.journal],
        luna.registrations_by_key(),
        {key: (held[key].received, held[key].kind, held[key].payload) for key in held},
        luna._rng.random(),  # the same draws were made
    )


Plan = Callable[[LunaBackend], None]


def _plans() -> list[tuple[str, Plan]]:
    rates = {"error": 0.1, "timeout": 0.1, "drop_after_commit": 0.1}
    return [
        ("no faults", lambda luna: None),
        ("seeded rates", lambda luna: luna.set_faults(rates)),
        ("forced", lambda luna: luna.force_next("timeout", "drop_after_commit")),
        ("by key", lambda luna: luna.force_key("F00000003", "error", "drop_after_commit")),
        ("a window now", lambda luna: luna.add_window(AT, AT + DAY, "error")),
        (
            "a window later",
            lambda luna: luna.add_window(AT + DAY, AT + 2 * DAY),
        ),
        (
            "an outage now",
            lambda luna: luna.set_faults(rates, outages=[(AT, AT + DAY)]),
        ),
    ]


@pytest.mark.parametrize("keep", [False, True], ids=["lean", "full"])
@pytest.mark.parametrize(("name", "plan"), _plans(), ids=[name for name, _ in _plans()])
def test_a_batch_is_the_calls_one_by_one(keep: bool, name: str, plan: Plan) -> None:
    alone, together = (
        LunaBackend(seed=7, keep_payloads=keep),
        LunaBackend(seed=7, keep_payloads=keep),
    )
    sent = _sent(KEYS)
    for luna in (alone, together):
        plan(luna)
    # two runs: the second meets the keys the first holds, and what is left of a forced plan
    for _ in range(2):
        assert _batched(together, sent) == _one_by_one(alone, sent)
    assert _state(together) == _state(alone)


def test_the_in_process_port_answers_ids_and_unavailable_in_order() -> None:
    backend = LunaBackend(seed=1, keep_payloads=False)
    luna = InProcessLuna(backend, FixedClock())
    backend.force_key("F00000002", "timeout")
    answers = luna.register_all(_sent(["F00000001", "F00000002", "F00000003"]))
    assert answers[0] == "L000000001" and answers[2] == "L000000002"
    assert isinstance(answers[1], LunaUnavailable) and answers[1].fields["fault"] == "timeout"
    assert luna.register_all([]) == []
    assert [call.outcome for call in backend.journal] == ["ok", "timeout", "ok"]


class _Sent:
    """A registration a weak reference can follow (`LunaRegistration` has slots only)."""

    def __init__(self, case_id: str) -> None:
        self.case_id, self.kind, self.cpr, self.payload = case_id, "card_order", "0101801001", {}


@pytest.mark.parametrize("keep", [False, True], ids=["lean", "full"])
@pytest.mark.parametrize(("name", "plan"), _plans(), ids=[name for name, _ in _plans()])
def test_a_batch_with_faults_keeps_nothing_alive_without_the_collector(
    keep: bool, name: str, plan: Plan
) -> None:
    # the simulator turns the cyclic collector off for a run: a fault answered with its
    # traceback (which holds the batch's frames, and so the answers list holding the fault) kept
    # every faulted batch's registrations alive to the end of a national year
    luna = LunaBackend(seed=7, keep_payloads=keep)
    plan(luna)
    sent = [_Sent(key) for key in KEYS]
    watched = weakref.ref(sent[0])
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        answers = luna.register_all(sent, AT)
        assert all(
            answer.__traceback__ is None for answer in answers if not isinstance(answer, str)
        )
        del answers, sent
        assert watched() is None  # a full backend holds a copy of the payload, not the item
    finally:
        if was_enabled:
            gc.enable()
