"""The one interface both drivers offer the steps (in-process and HTTP), in a case worker's terms.

A step calls exactly one of these methods. Names are the feature's names ("Kent", "Lægehuset
Klitmøller"); roles are "citizen", "case_worker", "case_worker_special", "municipal_admin" and
"operator"; dates are already resolved. Acting methods return an `Outcome` and keep it as
``last``; looking methods return plain values.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from tests.bdd.drivers.base import Names, Outcome


class Driver(Protocol):
    name: str
    names: Names
    log: list[dict[str, Any]]
    last: Outcome | None

    # time
    def today(self) -> date: ...
    def set_today(self, day: date) -> None: ...
    def advance_days(self, days: int) -> None: ...

    # setting up (Givet)
    def add_person(
        self,
        name: str,
        cpr: str,
        address: dict[str, Any],
        birth: date,
        group: int | None,
        since: date,
        status: str = "01",
    ) -> None: ...
    def add_practice(
        self, name: str, ydernummer: str, address: dict[str, Any], is_open: bool, since: date
    ) -> None: ...
    def practice_near(
        self, name: str, who: str, km: float, is_open: bool, since: date
    ) -> None: ...
    def list_with(self, who: str, practice: str, since: date) -> None: ...
    def set_group(self, who: str, group: int, since: date) -> None: ...
    def marry(self, first: str, second: str) -> None: ...
    def add_parent(self, child: str, parent: str) -> None: ...
    def protect(self, who: str) -> None: ...

    # acting (Når)
    def choose_gp(
        self,
        role: str,
        who: str,
        practice: str,
        effective: date | None = None,
        involved: tuple[str, ...] = (),
    ) -> Outcome: ...

    # looking (Så)
    def doctor_on(self, who: str, day: date) -> str | None: ...
    def group_on(self, who: str, day: date) -> int | None: ...
