"""Selvbetjening - the citizen's self-service, reached from Borger.dk with a MitID token.

The citizen acts for themself (the CPR number comes from the token, never from the request)
and for children under 15 in their custody, as the rules allow. Protected persons' names and
addresses never reach another citizen: the views mask them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from sandbox.api.deps import Citizen, World
from sandbox.api.routers.common import (
    CaseIdPath,
    address_key,
    ahead_of_move_command,
    choose_command,
    cpr_digits,
    greenland_command,
    preview,
    send_case,
    today_or,
)
from sandbox.api.schemas import (
    AheadOfMoveIn,
    CaseOut,
    GpChoiceIn,
    GpChoicePreviewOut,
    GreenlandMoveIn,
    GroupChangeIn,
    HealthCardIn,
    MunicipalityCode,
    SamleverIn,
    SelfServiceEntryOut,
)
from sandbox.api.serialize import municipality_out, practice_out
from sandbox.domain.errors import SandboxError
from sandbox.service import views
from sandbox.service.commands import ChangeGroup, DeclareSamlever, OrderHealthCard

TAG = "Sygesikring: self-service"
ACTIONS = ("gp-choice", "free-gp-choice", "group-change", "samlever", "health-card")
GREENLAND = ("05", "07")


class NoFreeChoice(SandboxError):
    code = "NO_FREE_CHOICE"
    kind = "conflict"
    da = "Valget er ikke gratis ({fee_dkk} kr.): der er ingen fri valgmulighed lige nu."
    en = "The choice is not free ({fee_dkk} DKK): there is no free choice offer now."


def build_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(prefix="/sygesikring/self-service", tags=[TAG], responses=responses)

    @router.get("/municipalities/{code}/gp-choice")
    def entry(world: World, actor: Citizen, code: MunicipalityCode) -> SelfServiceEntryOut:
        """Where Borger.dk's ``/laegevalg?kommuneid=`` leads: your GP-choice card and the
        practices you can choose from (near your home, or in the moving-in municipality)."""
        municipality = world.geography.municipality(code)
        uow, today = world.uow, world.today()
        citizen = views.known_citizen(uow, actor.user_id)
        person = world.cpr.person(actor.user_id)
        cpr_status = person.status if person is not None else None
        if citizen is not None:
            card = views.gp_choice_card(uow, actor, citizen.cpr)
            home = citizen.address.coordinates
            near = views.practices_near(uow, home, municipality.distance_limit_km)
            practices = [practice_out(p, today, home) for p in near]
            actions = list(ACTIONS)
        else:
            card, home = None, None
            practices = [practice_out(p, today) for p in views.practices_in(uow, municipality.code)]
            actions = ["greenland-move"] if cpr_status in GREENLAND else []
        practices.sort(key=lambda p: (p.distance_km or 0.0, p.ydernummer))
        return SelfServiceEntryOut(
            municipality=municipality_out(municipality),
            cpr=actor.user_id,
            known_to_sygesikring=citizen is not None,
            cpr_status=cpr_status,
            gp_choice_card=card,
            practices=practices,
            actions=actions,
        )

    @router.get("/me")
    def me(world: World, actor: Citizen) -> dict[str, Any]:
        """Your overview: person, relations, group and doctor now and ahead, cases."""
        return views.citizen_overview(world.uow, actor, actor.user_id)

    @router.get("/me/gp-choice-card")
    def my_card(world: World, actor: Citizen) -> dict[str, Any]:
        """Your GP-choice card, with upcoming practice events (a free choice offer)."""
        return views.gp_choice_card(world.uow, actor, actor.user_id)

    @router.get("/me/health-cards")
    def my_health_cards(world: World, actor: Citizen) -> dict[str, Any]:
        """Sundhedskort-appen: your card and your children's cards until they turn
        age.appShowsChildrenUntil (15; SPEC 3.7, 6.3)."""
        return views.app_health_cards(world.uow, actor, actor.user_id)

    @router.get("/me/gp-choice-history")
    def my_history(world: World, actor: Citizen) -> dict[str, Any]:
        return views.gp_choice_history(world.uow, actor, actor.user_id)

    @router.get("/me/cases/{case_id}")
    def my_case(world: World, actor: Citizen, case_id: CaseIdPath) -> dict[str, Any]:
        """One of your cases (or a child's), with its letters."""
        return views.case_details(world.uow, actor, case_id)

    @router.post("/gp-choice/preview")
    def preview_choice(world: World, actor: Citizen, body: GpChoiceIn) -> GpChoicePreviewOut:
        """What choosing this practice would decide and cost; nothing changes."""
        return preview(world, choose_command(actor, actor.user_id, body))

    @router.post("/gp-choice", status_code=status.HTTP_201_CREATED)
    def choose(world: World, actor: Citizen, body: GpChoiceIn) -> CaseOut:
        """Lægevalg: choose a practice for yourself (and children under 15)."""
        return send_case(world, choose_command(actor, actor.user_id, body))

    @router.post("/gp-choice/ahead-of-move", status_code=status.HTTP_201_CREATED)
    def ahead_of_move(world: World, actor: Citizen, body: AheadOfMoveIn) -> CaseOut:
        """Lægevalg forud for en flytning: choose a doctor near your new address before CPR
        reports the move; the choice waits for the move (SPEC 3.8, 5.6)."""
        return send_case(world, ahead_of_move_command(world, actor, actor.user_id, body))

    @router.post("/free-gp-choice", status_code=status.HTTP_201_CREATED)
    def free_choice(world: World, actor: Citizen, body: GpChoiceIn) -> CaseOut:
        """The free choice after a practice event: like ``gp-choice``, but refused (409
        NO_FREE_CHOICE) unless it costs nothing."""
        command = choose_command(actor, actor.user_id, body)
        planned = preview(world, command)
        if planned.allowed and planned.fee_dkk > 0:
            raise NoFreeChoice(fee_dkk=planned.fee_dkk)
        return send_case(world, command)

    @router.post("/group-change", status_code=status.HTTP_201_CREATED)
    def group_change(world: World, actor: Citizen, body: GroupChangeIn) -> CaseOut:
        """Gruppeskift: group 1 or 2 from a date between today and 30 days ahead."""
        command = ChangeGroup(actor, actor.user_id, body.group, today_or(world, body.valid_from))
        return send_case(world, command)

    @router.post("/samlever", status_code=status.HTTP_201_CREATED)
    def samlever(world: World, actor: Citizen, body: SamleverIn) -> CaseOut:
        """Angiv samlever: a generic refusal if the CPR number cannot be given (SPEC 3.4.1)."""
        key = address_key(body.moving_in_address) if body.moving_in_address else None
        command = DeclareSamlever(actor, actor.user_id, cpr_digits(body.samlever_cpr), key)
        return send_case(world, command)

    @router.post("/health-card", status_code=status.HTTP_201_CREATED)
    def health_card(world: World, actor: Citizen, body: HealthCardIn) -> CaseOut:
        """Bestil sundhedskort: always a physical card, with a receipt."""
        cpr = cpr_digits(body.cpr) if body.cpr else actor.user_id
        return send_case(world, OrderHealthCard(actor, cpr, body.reason))

    @router.post("/greenland-move", status_code=status.HTTP_201_CREATED)
    def greenland_move(world: World, actor: Citizen, body: GreenlandMoveIn) -> CaseOut:
        """Lægevalg ved flytning fra Grønland: pending until CPR reports the move; combined
        with a change to group 1."""
        return send_case(world, greenland_command(world, actor, actor.user_id, body))

    return router
