"""Dated business parameters (forretningsparametre) and their resolution by date.

A parameter has values keyed by the date they take effect, a reference (law, decision or
release-note item) and a description. ``Parameters.value(name, on=day)`` returns the value whose
start date is the latest one on or before ``day``; ``Parameters.use(name, on=day)`` returns the
same as a `ParameterUse`, ready to go into a decision's reasons. Loading YAML is not the domain's
business: `sandbox.parameters` reads the files and builds this object.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from sandbox.domain.decisions import ParameterUse
from sandbox.domain.errors import ParameterError

_MAX_USED = 100_000
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DatedParameter:
    """Forretningsparameter - one parameter with its dated values and its legal basis."""

    name: str
    starts: tuple[date, ...]
    values: tuple[Any, ...]
    reference: str
    description: str
    provenance: str = ""

    def __post_init__(self) -> None:
        if not self.reference.strip():
            raise ParameterError(
                name=self.name,
                problem_da="mangler en reference (lov, afgørelse eller release note)",
                problem_en="has no reference (law, decision or release note)",
            )
        if not self.starts or len(self.starts) != len(self.values):
            raise ParameterError(
                name=self.name,
                problem_da="har ingen værdier",
                problem_en="has no values",
            )
        for earlier, later in zip(self.starts, self.starts[1:], strict=False):
            if later == earlier:
                raise ParameterError(
                    name=self.name,
                    problem_da=f"datoen {later} står to gange",
                    problem_en=f"the date {later} appears twice",
                )
            if later < earlier:
                raise ParameterError(
                    name=self.name,
                    problem_da=f"datoerne er ikke sorteret ({earlier} før {later})",
                    problem_en=f"the dates are not sorted ({earlier} before {later})",
                )

    def use(self, on: date) -> ParameterUse:
        index = bisect_right(self.starts, on) - 1
        if index < 0:
            raise ParameterError(
                name=self.name,
                problem_da=f"har ingen værdi den {on} (første værdi gælder fra {self.starts[0]})",
                problem_en=f"has no value on {on} (the first value starts {self.starts[0]})",
            )
        return ParameterUse(self.name, self.values[index], self.starts[index])


class Parameters:
    """The set of business parameters a rule may ask, by name and date."""

    __slots__ = ("_by_name", "_derived", "_used")

    def __init__(self, parameters: Iterable[DatedParameter]) -> None:
        self._by_name: dict[str, DatedParameter] = {}
        # the rules ask the same few parameters for the same day many times a day (every GP
        # choice, fee and deadline): each (name, day) is resolved once (the values never change)
        self._used: dict[tuple[str, date], ParameterUse] = {}
        # what a rule derives from the parameters alone (e.g. the day's charged card fee with
        # its explanation), by the rule's own key: made once, as the values never change
        self._derived: dict[Hashable, Any] = {}
        for parameter in parameters:
            if parameter.name in self._by_name:
                raise ParameterError(
                    name=parameter.name,
                    problem_da="er defineret to gange",
                    problem_en="is defined twice",
                )
            self._by_name[parameter.name] = parameter

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_name))

    def definition(self, name: str) -> DatedParameter:
        try:
            return self._by_name[name]
        except KeyError:
            raise ParameterError(
                name=name,
                problem_da="er ikke en kendt forretningsparameter",
                problem_en="is not a known business parameter",
            ) from None

    def use(self, name: str, on: date) -> ParameterUse:
        key = (name, on)
        used = self._used.get(key)
        if used is None:
            used = self.definition(name).use(on)
            if len(self._used) >= _MAX_USED:
                self._used.clear()  # a bound, for callers asking ever new days
            self._used[key] = used
        return used

    def value(self, name: str, on: date) -> Any:
        return self.use(name, on).value

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """What ``make`` derives from these parameters alone, made once per ``key`` (the key
        names the rule and everything else ``make`` reads, e.g. the day): an immutable value
        many decisions of the day share."""
        derived = self._derived
        if key in derived:
            return cast(T, derived[key])
        value = make()
        if len(derived) >= _MAX_USED:
            derived.clear()  # a bound, as for `use`
        derived[key] = value
        return value

    def with_values(self, overrides: Mapping[str, Mapping[date, Any]]) -> Parameters:
        """A copy where the named parameters get new dated values (scenarios, experiments)."""
        replaced = []
        for name in overrides:
            self.definition(name)
        for parameter in self._by_name.values():
            if parameter.name in overrides:
                dated = sorted(overrides[parameter.name].items())
                parameter = DatedParameter(
                    parameter.name,
                    tuple(day for day, _ in dated),
                    tuple(value for _, value in dated),
                    parameter.reference,
                    parameter.description,
                    parameter.provenance,
                )
            replaced.append(parameter)
        return Parameters(replaced)
