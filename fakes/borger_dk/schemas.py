"""Pydantic schemas of the fake Borger.dk, used only at its HTTP edge."""

from __future__ import annotations

from pydantic import BaseModel, Field

from fakes.schema_types import CPR_PATTERN as SCHEMA_CPR_PATTERN

CPR_PATTERN = SCHEMA_CPR_PATTERN


class LoginRequest(BaseModel):
    """Simulated MitID login: the CPR number of the person logging in."""

    cpr: str = Field(pattern=CPR_PATTERN, examples=["150596-3001"])


class SessionOut(BaseModel):
    """A MitID session: the bearer token to send to the Sygesikring self-service."""

    token: str
    token_type: str = "Bearer"
    cpr: str
    login_number: int


class SelfServiceLink(BaseModel):
    """Where the municipality's self-service is (also in the ``Location`` header)."""

    location: str
    municipality_code: str
