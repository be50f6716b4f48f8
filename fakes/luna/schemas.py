"""Pydantic schemas of the fake LUNA, used only at its HTTP edge."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from fakes.schema_types import CPR_DIGITS_PATTERN, LocalDateTime

CPR_PATTERN = CPR_DIGITS_PATTERN


class RegistrationIn(BaseModel):
    """A registration: ``key`` is the idempotency key (the system's case id)."""

    key: str = Field(min_length=1, max_length=64, examples=["F00000001"])
    kind: str = Field(min_length=1, max_length=40, examples=["gp_listing"])
    cpr: str = Field(pattern=CPR_PATTERN, examples=["1505963001"])
    payload: dict[str, Any] = Field(default_factory=dict)


class RegistrationOut(BaseModel):
    """What LUNA holds for a key; ``duplicate`` when this call repeated an earlier one."""

    key: str
    luna_id: str
    kind: str
    cpr: str
    payload: dict[str, Any]
    received: int
    duplicate: bool = False


class CallOut(BaseModel):
    """One registration call as LUNA saw it: ok, duplicate or the fault it met."""

    key: str
    outcome: str
    at: LocalDateTime | None


class OptOutOut(BaseModel):
    """Fravalg af fysisk sundhedskort: whether the person opted out, and when."""

    cpr: str
    opted_out: bool
    at: LocalDateTime | None = None
