"""Sagsbehandlerklient - the case worker's client, within the worker's own municipality.

Reads are views the system writes to the audit log; commands carry the worker as actor, so the
rules apply the role's date windows (a group change: -14..+30 days, with special rights -1..+1
year) and the audit journal records every attempt.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from sandbox.api.deps import CaseWorker, World, same_municipality
from sandbox.api.routers.common import (
    CaseIdPath,
    CprPath,
    address_key,
    ahead_of_move_command,
    choose_command,
    citizen_for,
    cpr_digits,
    greenland_command,
    preview,
    send_case,
    today_or,
)
from sandbox.api.schemas import (
    AheadOfMoveIn,
    CaseOut,
    DormantInsuranceIn,
    DormantReturnIn,
    ForceGroup1In,
    FreeChoiceExtensionIn,
    GpChoiceDispensationIn,
    GpChoiceIn,
    GpChoicePreviewOut,
    GreenlandMoveIn,
    GroupChangeIn,
    HealthCardIn,
    RejectIn,
    SamleverIn,
)
from sandbox.service import views
from sandbox.service.commands import (
    AcceptDispensation,
    ChangeGroup,
    ChooseGp,
    DeclareSamlever,
    EndDormantInsurance,
    ExtendFreeChoice,
    ForceTransferToGroup1,
    OrderHealthCard,
    RegisterDormantInsurance,
    RejectDispensation,
)
from sandbox.service.view_parts import case_row

TAG = "Sygesikring: case worker"


def build_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(prefix="/sygesikring/case-worker", tags=[TAG], responses=responses)

    @router.get("/citizens/{cpr}")
    def overview(world: World, actor: CaseWorker, cpr: CprPath) -> dict[str, Any]:
        """Sikrede overblik: person, relations, group and doctor now and ahead, cases."""
        citizen = citizen_for(world, actor, cpr)
        return views.citizen_overview(world.uow, actor, citizen.cpr)

    @router.get("/citizens/{cpr}/gp-choice-card")
    def card(world: World, actor: CaseWorker, cpr: CprPath) -> dict[str, Any]:
        """Lægevalgskort: current and future doctor and upcoming practice events."""
        citizen = citizen_for(world, actor, cpr)
        return views.gp_choice_card(world.uow, actor, citizen.cpr)

    @router.get("/citizens/{cpr}/gp-choice-history")
    def history(world: World, actor: CaseWorker, cpr: CprPath) -> dict[str, Any]:
        """Lægevalgshistorik, with the physical-card opt-out as LUNA holds it."""
        citizen = citizen_for(world, actor, cpr)
        return views.gp_choice_history(world.uow, actor, citizen.cpr)

    @router.get("/citizens/{cpr}/cases")
    def cases(world: World, actor: CaseWorker, cpr: CprPath) -> list[dict[str, Any]]:
        """The citizen's cases (as main or involved person), oldest first."""
        citizen = citizen_for(world, actor, cpr)
        return [case_row(case) for case in views.citizen_cases(world.uow, citizen.cpr)]

    @router.get("/cases/{case_id}")
    def case(world: World, actor: CaseWorker, case_id: CaseIdPath) -> dict[str, Any]:
        """Forløbsdetaljer: history, persons, decisions, letters, card orders, tasks."""
        same_municipality(actor, world.uow.case(case_id).municipality_code)
        return views.case_details(world.uow, actor, case_id)

    @router.get("/tasks")
    def tasks(world: World, actor: CaseWorker) -> dict[str, Any]:
        """Opgaveoverblik: the municipality's open tasks and open cases."""
        assert actor.municipality_code is not None
        return views.task_overview(world.uow, actor, actor.municipality_code)

    @router.get("/cases-awaiting-luna")
    def awaiting(world: World, actor: CaseWorker) -> list[dict[str, Any]]:
        """Cases whose LUNA registration is still being retried (release 1.1 item 13)."""
        assert actor.municipality_code is not None
        return views.cases_awaiting_luna(world.uow, actor.municipality_code)

    @router.post("/citizens/{cpr}/gp-choice/preview")
    def preview_choice(
        world: World, actor: CaseWorker, cpr: CprPath, body: GpChoiceIn
    ) -> GpChoicePreviewOut:
        citizen = citizen_for(world, actor, cpr)
        return preview(world, choose_command(actor, citizen.cpr, body))

    @router.post("/citizens/{cpr}/gp-choice", status_code=status.HTTP_201_CREATED)
    def choose(world: World, actor: CaseWorker, cpr: CprPath, body: GpChoiceIn) -> CaseOut:
        """Lægevalg for the citizen (and children under 15)."""
        citizen = citizen_for(world, actor, cpr)
        return send_case(world, choose_command(actor, citizen.cpr, body))

    @router.post("/citizens/{cpr}/gp-choice/dispensation", status_code=status.HTTP_201_CREATED)
    def dispensation(
        world: World, actor: CaseWorker, cpr: CprPath, body: GpChoiceDispensationIn
    ) -> CaseOut:
        """Dispensation: the municipality lets the citizen choose a closed practice within the
        limit; the case waits for the doctor's acceptance (SPEC 3.4)."""
        citizen = citizen_for(world, actor, cpr)
        command = ChooseGp(
            actor, citizen.cpr, body.ydernummer, body.effective_date, dispensation=True
        )
        return send_case(world, command)

    @router.post("/citizens/{cpr}/gp-choice/ahead-of-move", status_code=status.HTTP_201_CREATED)
    def ahead_of_move(
        world: World, actor: CaseWorker, cpr: CprPath, body: AheadOfMoveIn
    ) -> CaseOut:
        """Lægevalg forud for en flytning into this municipality: pending until CPR's move
        event approves it (SPEC 3.8, 5.6)."""
        command = ahead_of_move_command(world, actor, cpr_digits(cpr), body)
        assert command.moving_to is not None
        same_municipality(actor, command.moving_to.municipality_code)
        return send_case(world, command)

    @router.post("/citizens/{cpr}/free-choice-extension", status_code=status.HTTP_201_CREATED)
    def extend_free_choice(
        world: World, actor: CaseWorker, cpr: CprPath, body: FreeChoiceExtensionIn
    ) -> dict[str, Any]:
        """Forlæng gratisperioden efter en praksishændelse for borgeren (SPEC 4.3: borgeren
        blev ikke orienteret)."""
        citizen = citizen_for(world, actor, cpr)
        done = world.send(ExtendFreeChoice(actor, citizen.cpr, body.event_id, body.until))
        return {
            "cpr": done.cpr,
            "event_id": done.event_id,
            "until": done.until.isoformat(),
            "decisions": [{"subject": f"ExtendFreeChoice {done.cpr}", **done.decision.to_dict()}],
        }

    @router.post("/citizens/{cpr}/group-change", status_code=status.HTTP_201_CREATED)
    def group_change(world: World, actor: CaseWorker, cpr: CprPath, body: GroupChangeIn) -> CaseOut:
        """Gruppeskift with the role's valid-from window."""
        citizen = citizen_for(world, actor, cpr)
        command = ChangeGroup(actor, citizen.cpr, body.group, today_or(world, body.valid_from))
        return send_case(world, command)

    @router.post("/citizens/{cpr}/force-group-1", status_code=status.HTTP_201_CREATED)
    def force_group_1(
        world: World, actor: CaseWorker, cpr: CprPath, body: ForceGroup1In
    ) -> CaseOut:
        """Tvungen overflytning til gruppe 1, without the citizen's consent."""
        citizen = citizen_for(world, actor, cpr)
        valid_from = today_or(world, body.valid_from)
        return send_case(world, ForceTransferToGroup1(actor, citizen.cpr, valid_from))

    @router.post("/citizens/{cpr}/dormant-insurance", status_code=status.HTTP_201_CREATED)
    def dormant_insurance(
        world: World, actor: CaseWorker, cpr: CprPath, body: DormantInsuranceIn
    ) -> CaseOut:
        """Hvilende sikring: the institution reports military or substitute service or a Prison
        Service stay expected to last dormantStayMinMonths or more (SPEC 2.1, BEK 23/2007)."""
        citizen = citizen_for(world, actor, cpr)
        command = RegisterDormantInsurance(
            actor,
            citizen.cpr,
            body.kind,
            body.starts_on,
            body.expected_end,
            body.final_judgment_on,
        )
        return send_case(world, command)

    @router.post("/citizens/{cpr}/dormant-insurance/end", status_code=status.HTTP_201_CREATED)
    def dormant_insurance_end(
        world: World, actor: CaseWorker, cpr: CprPath, body: DormantReturnIn
    ) -> CaseOut:
        """Tilbage fra hvilende sikring: active again, free card, the last group-1 doctor."""
        citizen = citizen_for(world, actor, cpr)
        return send_case(world, EndDormantInsurance(actor, citizen.cpr, body.on))

    @router.post("/citizens/{cpr}/samlever", status_code=status.HTTP_201_CREATED)
    def samlever(world: World, actor: CaseWorker, cpr: CprPath, body: SamleverIn) -> CaseOut:
        citizen = citizen_for(world, actor, cpr)
        key = address_key(body.moving_in_address) if body.moving_in_address else None
        command = DeclareSamlever(actor, citizen.cpr, cpr_digits(body.samlever_cpr), key)
        return send_case(world, command)

    @router.post("/citizens/{cpr}/health-card", status_code=status.HTTP_201_CREATED)
    def health_card(world: World, actor: CaseWorker, cpr: CprPath, body: HealthCardIn) -> CaseOut:
        """A standalone card order: always a physical card, with a receipt."""
        citizen = citizen_for(world, actor, cpr)
        return send_case(world, OrderHealthCard(actor, citizen.cpr, body.reason))

    @router.post("/citizens/{cpr}/greenland-move", status_code=status.HTTP_201_CREATED)
    def greenland_move(
        world: World, actor: CaseWorker, cpr: CprPath, body: GreenlandMoveIn
    ) -> CaseOut:
        """The Greenland-move choice for a person moving into this municipality."""
        command = greenland_command(world, actor, cpr_digits(cpr), body)
        same_municipality(actor, command.municipality_code)
        return send_case(world, command)

    @router.post("/cases/{case_id}/dispensation/accept")
    def accept(world: World, actor: CaseWorker, case_id: CaseIdPath) -> CaseOut:
        """The doctor accepted: the pending GP choice is registered."""
        same_municipality(actor, world.uow.case(case_id).municipality_code)
        return send_case(world, AcceptDispensation(actor, case_id))

    @router.post("/cases/{case_id}/dispensation/reject")
    def reject(world: World, actor: CaseWorker, case_id: CaseIdPath, body: RejectIn) -> CaseOut:
        """The doctor refused: the pending GP choice is cancelled."""
        same_municipality(actor, world.uow.case(case_id).municipality_code)
        command = RejectDispensation(actor, case_id, body.reason_da, body.reason_en)
        return send_case(world, command)

    return router
