"""`message`: the class decorator of every command and event - a frozen, slotted dataclass whose
`__init__` costs about what a plain class's does.

A frozen dataclass's generated `__init__` sets each field with ``object.__setattr__(self, name,
value)``: the frozen class's own ``__setattr__`` refuses, so it must go round it, looking the
field's slot up by name each time. A national year makes 13 million events and a million
commands, and that was about 40 % of an event's cost (branch ``relay6``). A `message` is the same
dataclass - frozen, slotted, typed, compared, hashed, printed, pickled, and `dataclasses.fields`,
`asdict` and `replace` work on it - but its `__init__` sets each slot through the slot's own
descriptor (``member.__set__``, bound once when the class is made), which does not pass through
``__setattr__`` and needs no look-up by name. Its signature is the dataclass's: the same
parameters, order, defaults and annotations (`tests/unit/test_messages.py`).

Only what commands and events use is supported (plain fields with or without a plain default);
anything else - a default factory, a field left out of ``__init__``, ``__post_init__`` - is a
`TypeError` when the class is made, not a silent difference.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from types import MemberDescriptorType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def message(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True, slots=True)``, with an `__init__` that sets the slots directly."""
    made = dataclass(frozen=True, slots=True)(cls)
    setattr(made, "__init__", _slot_init(made))  # noqa: B010 - mypy: no assignment to a method
    return made


def _slot_init(cls: type[Any]) -> Any:
    """The class's `__init__`: its dataclass signature, each field set through its slot."""
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: a message has no __post_init__")
    names = []
    parameters = ["self"]
    scope: dict[str, Any] = {}
    for spec in fields(cls):
        if not spec.init or spec.default_factory is not MISSING or spec.kw_only is True:
            raise TypeError(f"{cls.__name__}.{spec.name}: a message's fields are plain")
        # the slot's descriptor, found through the class (a field may be a base class's slot)
        slot = getattr(cls, spec.name, None)
        if not isinstance(slot, MemberDescriptorType):
            raise TypeError(f"{cls.__name__}.{spec.name}: a message's fields are slots")
        scope[f"_set_{spec.name}"] = slot.__set__
        if spec.default is MISSING:
            parameters.append(spec.name)
        else:
            scope[f"_default_{spec.name}"] = spec.default
            parameters.append(f"{spec.name}=_default_{spec.name}")
        names.append(spec.name)
    body = "".join(f"    _set_{name}(self, {name})\n" for name in names) or "    pass\n"
    source = f"def __init__({', '.join(parameters)}):\n{body}"
    # the source is made above from the class's own field names; its own file name lets a
    # traceback (and a test) tell it from the dataclass's
    exec(compile(source, f"<message {cls.__qualname__}>", "exec"), scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)  # the dataclass's, as they were
    init.__doc__ = cls.__init__.__doc__
    return init
