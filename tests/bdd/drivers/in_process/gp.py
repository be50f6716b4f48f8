"""In-process driver: lægevalg (GP choice), for a citizen in self-service or a case worker."""

from __future__ import annotations

from datetime import date

from sandbox.service.commands import ChooseGp
from tests.bdd.drivers.base import Outcome
from tests.bdd.drivers.in_process.core import CoreDriver


class GpChoice(CoreDriver):
    """Lægevalg - choosing a practice for oneself and involved children."""

    def choose_gp(
        self,
        role: str,
        who: str,
        practice: str,
        effective: date | None = None,
        involved: tuple[str, ...] = (),
        change_to_group_1: bool = False,
    ) -> Outcome:
        command = ChooseGp(
            self.actor(role, who),
            self.names.cpr(who),
            self.names.ydernummer(practice),
            effective,
            tuple(self.names.cpr(name) for name in involved),
            change_to_group_1,
        )
        return self.act(f"{who} vælger {practice}", command)

    def grant_dispensation(self, role: str, who: str, practice: str) -> Outcome:
        """The municipality's dispensation for a closed practice (a case worker's choice)."""
        command = ChooseGp(
            self.actor(role, who),
            self.names.cpr(who),
            self.names.ydernummer(practice),
            dispensation=True,
        )
        return self.act(f"{who} får dispensation til {practice}", command)
