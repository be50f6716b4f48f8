"""The Sygesikring API's routers, by audience: public, self-service, case worker,
administrator, operator."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from sandbox.api.routers import admin_operator, case_worker, practices, self_service


def build_routers(responses: dict[int | str, dict[str, Any]]) -> list[APIRouter]:
    return [
        practices.build_public_router(responses),
        self_service.build_router(responses),
        case_worker.build_router(responses),
        practices.build_case_worker_router(responses),
        admin_operator.build_admin_router(responses),
        admin_operator.build_operator_router(responses),
    ]
