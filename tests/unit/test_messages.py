"""Commands and events made by `message`: the same frozen, slotted dataclasses as before, with an
`__init__` of their own - the dataclass's signature, every field set, nothing else changed."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import sys
from datetime import date
from typing import Any

import pytest

from sandbox.domain.model import Actor
from sandbox.service import commands, cpr_commands, events
from sandbox.service.messages import message


def every_class(base: type) -> list[type]:
    """``base`` and its subclasses in the sandbox (a test's own command is not a message), as
    their modules name them (a slotted dataclass is a new class; the first may linger)."""
    found, todo = [], [base]
    while todo:
        kind = todo.pop()
        module = sys.modules[kind.__module__]
        if kind.__module__.startswith("sandbox.") and getattr(module, kind.__name__) is kind:
            found.append(kind)
        todo.extend(kind.__subclasses__())
    return sorted(set(found), key=lambda kind: (kind.__module__, kind.__name__))


MESSAGES = every_class(events.Event) + every_class(commands.Command)


def test_every_command_and_event_is_a_message() -> None:
    # the three modules' classes all; a CPR entry is a command too
    assert {kind.__module__ for kind in MESSAGES} == {
        events.__name__,
        commands.__name__,
        cpr_commands.__name__,
    }
    for kind in MESSAGES:
        assert kind.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert kind.__init__.__code__.co_filename == f"<message {kind.__qualname__}>"


def as_a_dataclass(kind: type) -> Any:
    """The same fields, as ``@dataclass(frozen=True, slots=True)`` alone makes them."""
    return dataclasses.make_dataclass(
        kind.__name__,
        [(f.name, f.type, f) for f in dataclasses.fields(kind)],
        frozen=True,
        slots=True,
    )


def sample_values(kind: type) -> dict[str, Any]:
    """A distinct value for every field (a string of its name will do: nothing checks types)."""
    return {f.name: f"{kind.__name__}.{f.name}" for f in dataclasses.fields(kind)}


@pytest.mark.parametrize("kind", MESSAGES, ids=lambda kind: kind.__name__)
def test_a_message_is_made_as_its_dataclass_would_be(kind: type) -> None:
    plain = as_a_dataclass(kind)
    assert inspect.signature(kind.__init__) == inspect.signature(plain.__init__)
    values = sample_values(kind)
    by_name, by_place = kind(**values), kind(*values.values())
    assert by_name == by_place
    assert dataclasses.asdict(by_name) == dataclasses.asdict(plain(**values)) == values
    assert repr(by_name) == repr(plain(**values)).replace(plain.__qualname__, kind.__qualname__)
    assert hash(by_name) == hash(by_place)
    # fields left out take their defaults, as the dataclass's own __init__ gives them
    needed = {f.name: values[f.name] for f in dataclasses.fields(kind) if not _has_default(f)}
    assert dataclasses.asdict(kind(**needed)) == dataclasses.asdict(plain(**needed))
    with pytest.raises(TypeError):
        kind(**values, not_a_field=1)


def _has_default(spec: dataclasses.Field[Any]) -> bool:
    return spec.default is not dataclasses.MISSING


@pytest.mark.parametrize("kind", MESSAGES, ids=lambda kind: kind.__name__)
def test_a_message_stays_frozen_slotted_and_copyable(kind: type) -> None:
    values = sample_values(kind)
    made = kind(**values)
    assert not hasattr(made, "__dict__")
    for name in values:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, name, "changed")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(made, name)
    assert pickle.loads(pickle.dumps(made)) == made
    assert copy.deepcopy(made) == made
    if values:
        first = next(iter(values))
        changed = dataclasses.replace(made, **{first: "other"})
        assert getattr(changed, first) == "other" and made == kind(**values)


def test_typed_messages_keep_their_values() -> None:
    on = date(2025, 3, 1)
    chosen = events.GpChosen("F00000001", "0101011234", "100001", on)
    assert (chosen.case_id, chosen.cpr, chosen.ydernummer, chosen.effective_date) == (
        "F00000001",
        "0101011234",
        "100001",
        on,
    )
    choice = commands.ChooseGp(Actor.system(), "0101011234", "100001", involved=("0202021234",))
    assert choice.involved == ("0202021234",) and choice.effective_date is None
    assert choice == commands.ChooseGp(
        Actor.system(), "0101011234", "100001", None, ("0202021234",)
    )
    assert choice != commands.ChooseGp(Actor.system(), "0101011234", "100002")


def test_what_a_message_cannot_be_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="plain"):

        @message
        class WithFactory:
            names: list[str] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="__post_init__"):

        @message
        class Checked:
            value: int

            def __post_init__(self) -> None: ...
