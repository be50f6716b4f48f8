"""The municipal administrator (audit-log extraction) and the operator (data restore,
reconciliation with LUNA)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from sandbox.api.deps import Administrator, Operator, World
from sandbox.api.routers.common import CprPath, cpr_digits, send
from sandbox.api.schemas import IsoDate, MunicipalityCode, RestoreIn
from sandbox.api.serialize import result_out
from sandbox.service.commands import ExtractAuditLog, RestoreCitizenData
from sandbox.service.handlers.audit_log import AuditExtract
from sandbox.service.reconciliation import awaiting_luna, reconcile

ADMIN_TAG = "Sygesikring: administrator"
OPERATOR_TAG = "Sygesikring: operator"
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The extract as JSON, or as CSV (';'-separated) with format=csv",
        "content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
    }
}


def build_admin_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(prefix="/sygesikring/administrator", tags=[ADMIN_TAG], responses=responses)

    @router.get("/audit-log", responses=CSV_RESPONSE, response_model=None)
    def audit_log(
        world: World,
        actor: Administrator,
        period_from: Annotated[IsoDate, Query(examples=["2025-04-01"])],
        period_to: Annotated[IsoDate, Query(examples=["2025-04-09"])],
        case_worker_id: Annotated[str | None, Query(max_length=64)] = None,
        format: Literal["json", "csv"] = "json",
    ) -> Response | dict[str, Any]:
        """Udtræk af revisionslog for your municipality: at most 30 days, within the last 6
        months; all case workers or one."""
        extract = send(world, ExtractAuditLog(actor, period_from, period_to, case_worker_id))
        assert isinstance(extract, AuditExtract)
        if format == "csv":
            name = f"revisionslog-{extract.municipality_code}-{period_from}-{period_to}.csv"
            return Response(
                extract.csv,
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
        return {
            "municipality_code": extract.municipality_code,
            "period_from": extract.period_from.isoformat(),
            "period_to": extract.period_to.isoformat(),
            "case_worker_id": extract.case_worker_id,
            "rows": list(extract.rows),
        }

    return router


def build_operator_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(prefix="/sygesikring/operator", tags=[OPERATOR_TAG], responses=responses)

    @router.post("/citizens/{cpr}/restore")
    def restore(world: World, actor: Operator, cpr: CprPath, body: RestoreIn) -> dict[str, Any]:
        """Datagenopretning: restore a citizen's registrations to a moment, from the system's
        own history, without LUNA. ``dry_run`` (default) only shows the differences."""
        command = RestoreCitizenData(actor, cpr_digits(cpr), body.as_of, body.dry_run)
        return dict(result_out(send(world, command)))

    @router.get("/reconciliation")
    def reconciliation(world: World, actor: Operator) -> dict[str, Any]:
        """Afstemning: every case that needs LUNA against what LUNA holds (release 1.1 item 13)."""
        uow = world.uow
        return reconcile(uow, uow.luna.registrations()).to_dict()

    @router.get("/cases-awaiting-luna")
    def awaiting(
        world: World, actor: Operator, municipality_code: MunicipalityCode | None = None
    ) -> list[dict[str, Any]]:
        """Cases whose LUNA registration is still being retried, in every municipality."""
        code = world.geography.municipality(municipality_code).code if municipality_code else None
        return awaiting_luna(world.uow, code)

    return router
