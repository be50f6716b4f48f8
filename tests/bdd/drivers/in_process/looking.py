"""In-process driver: what a case worker sees (Så), through the system's own views.

The same read models the API serves (`sandbox.service.views`): citizen overview, case details,
GP-choice card and history, task overview. The driver looks as the system itself, so its looking
is not written to the audit log that some features count.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sandbox.domain.model import Actor, Role
from sandbox.service import views
from sandbox.service.reconciliation import reconcile
from tests.bdd.drivers.base import ReadsCases
from tests.bdd.drivers.in_process.core import CoreDriver

View = dict[str, Any]


class Looking(CoreDriver, ReadsCases):
    """Visninger - sikrede overblik, forløbsdetaljer, lægevalgskort, -historik, opgaveoverblik."""

    @property
    def _uow(self) -> Any:
        return self.world.bus.uow

    def cases(self, who: str) -> list[View]:
        """Forløbsdetaljer of every case the person is main or involved person of, oldest first."""
        found = self.registry.cases_of(self.names.cpr(who))
        ordered = sorted(found, key=lambda case: (case.created_at, case.case_id))
        return [views.case_details(self._uow, Actor.system(), case.case_id) for case in ordered]

    def case(self, case_id: str) -> View:
        return views.case_details(self._uow, Actor.system(), case_id)

    def case_details_as_case_worker(self, case_id: str, municipality_code: str) -> View:
        """Forløbsdetaljer as an ordinary case worker of the municipality sees them."""
        actor = Actor(Role.CASE_WORKER, f"sb-{municipality_code}-01", municipality_code)
        return views.case_details(self._uow, actor, case_id)

    def tasks(self, municipality_code: str) -> list[View]:
        """Opgaveoverblik: the municipality's open tasks."""
        overview = views.task_overview(self._uow, Actor.system(), municipality_code)
        return list(overview["tasks"])

    def open_cases_in(self, municipality_code: str) -> list[View]:
        overview = views.task_overview(self._uow, Actor.system(), municipality_code)
        return list(overview["cases"])

    def gp_card(self, who: str, day: date | None = None) -> View:
        return views.gp_choice_card(self._uow, Actor.system(), self.names.cpr(who), day)

    def gp_history(self, who: str) -> View:
        return views.gp_choice_history(self._uow, Actor.system(), self.names.cpr(who))

    def app_cards(self, who: str) -> View:
        """Sundhedskort-appen as the person sees it when logged in."""
        cpr = self.names.cpr(who)
        return views.app_health_cards(self._uow, Actor.citizen(cpr), cpr)

    def overview(self, who: str) -> View:
        return views.citizen_overview(self._uow, Actor.system(), self.names.cpr(who))

    def municipality_of(self, who: str) -> str:
        return str(self.overview(who)["person"]["municipality_code"])

    def reconciliation(self) -> View:
        """Afstemning: the system's cases against LUNA's registrations (release 1.1 item 13)."""
        return reconcile(self._uow, self._uow.luna.registrations()).to_dict()

    def audit_entries(self) -> int:
        """How many entries the revisionslog holds (to see that a step was audited)."""
        return len(self.registry.audit_log())
