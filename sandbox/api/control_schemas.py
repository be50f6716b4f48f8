"""Pydantic schemas of the control plane (``/_control``), used only at the HTTP edge."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from fakes.schema_types import Flag, LocalDateTime, Moment, Number, Seed, Whole
from sandbox.api.scenario_files import NAME_PATTERN as SCENARIO_NAME_PATTERN
from sandbox.domain.model import Role

Service = Literal["sygesikring", "cpr", "luna", "borger-dk"]
FakeService = Literal["cpr", "luna", "borger-dk"]
LunaFaultKind = Literal["error", "timeout", "drop_after_commit"]
Job = Literal["relay-outbox", "consume-cpr-feed", "practice-event-deadlines", "daily-work"]


class ResetIn(BaseModel):
    """``empty``: start the namespace empty instead of from its spec; ``start``: the fresh
    world's clock (default: the spec's start)."""

    empty: Flag = False
    start: Moment | None = None


SEED_SOURCES = ("scenario_path", "scenario", "world")


class SeedIn(BaseModel):
    """Exactly one of: a shipped scenario's name or a file in the server's scenarios folder
    (``scenario_path``, relative), an inline scenario mapping, the demo world, or an empty
    world (no other key, none null). The namespace keeps it for later resets."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"minProperties": 1, "maxProperties": 1}
    )

    scenario_path: Annotated[
        str | None,
        WithJsonSchema(
            {"type": "string", "maxLength": 200, "pattern": SCENARIO_NAME_PATTERN},
        ),
    ] = Field(
        default=None,
        max_length=200,
        pattern=SCENARIO_NAME_PATTERN,
        description="A shipped scenario's name (greenland-move) or a .yaml file's path relative "
        "to the folder named by `sandbox serve --scenarios DIR`",
        examples=["greenland-move"],
    )
    scenario: Annotated[dict[str, Any] | None, WithJsonSchema({"type": "object"})] = None
    world: Annotated[
        Literal["demo", "empty"] | None, WithJsonSchema({"enum": ["demo", "empty"]})
    ] = None

    @model_validator(mode="before")
    @classmethod
    def one_source(cls, data: Any) -> Any:
        given = [key for key in SEED_SOURCES if isinstance(data, dict) and key in data]
        if len(given) != 1 or data[given[0]] is None:
            raise ValueError("give exactly one of scenario_path, scenario, world (not null)")
        return data


class NamespaceOut(BaseModel):
    namespace: str
    spec: dict[str, Any]
    now: LocalDateTime
    citizens: int
    practices: int
    cases: int
    tasks: int
    outbox: int
    cpr_persons: int
    cpr_events: int
    luna_registrations: int
    cpr_delivery: str


class ClockOut(BaseModel):
    now: LocalDateTime
    today: date


class ClockSetIn(BaseModel):
    """Move the clock to ``now`` (forward only: the system's history never runs backwards)."""

    now: Moment


class AdvanceIn(BaseModel):
    days: Whole = Field(default=0, ge=0, le=3660)
    hours: Whole = Field(default=0, ge=0, le=87840)
    minutes: Whole = Field(default=0, ge=0, le=5_270_400)
    seconds: Whole = Field(default=0, ge=0, le=316_224_000)


class JobRunOut(BaseModel):
    job: str
    at: LocalDateTime
    result: Any = None
    error: dict[str, Any] | None = None


class AdvanceOut(BaseModel):
    """Where the clock went from and to, and every job run that did something on the way."""

    start: LocalDateTime
    end: LocalDateTime
    runs: list[JobRunOut]
    quiet_runs: int


class OutageIn(BaseModel):
    """From ``start`` up to ``end`` (which must come after it)."""

    start: Moment
    end: Moment


class LunaWindowIn(OutageIn):
    kind: LunaFaultKind = "timeout"


class FaultsIn(BaseModel):
    """Seeded faults at a service's HTTP edge; the ``luna_*`` fields set LUNA's own faults,
    which also hit the system's registrations (the outbox retries them)."""

    latency_ms: Whole = Field(default=0, ge=0, le=10_000)
    error_rate: Number = Field(default=0.0, ge=0.0, le=1.0)
    drop_after_commit_rate: Number = Field(default=0.0, ge=0.0, le=1.0)
    outages: list[OutageIn] = Field(default_factory=list, max_length=100)
    seed: Seed | None = None
    luna_rates: dict[LunaFaultKind, Annotated[Number, Field(ge=0.0, le=1.0)]] = Field(
        default_factory=dict
    )
    luna_windows: list[LunaWindowIn] = Field(default_factory=list, max_length=100)
    luna_force_next: list[LunaFaultKind] = Field(default_factory=list, max_length=100)


class FaultsOut(BaseModel):
    service: str
    http: dict[str, Any]
    luna: dict[str, Any] | None = None


class JournalEntryOut(BaseModel):
    sequence: int
    at: LocalDateTime | None
    method: str
    path: str
    query: str
    status: int
    body: Any = None
    fault: str | None = None


class CountOut(BaseModel):
    count: int


class TokenIn(BaseModel):
    """A staff token; ``municipality_code`` is required for municipal roles."""

    role: Literal[Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.MUNICIPAL_ADMIN, Role.OPERATOR]
    user_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    municipality_code: str | None = Field(default=None, pattern=r"^[0-9]{3,4}$")


class TokenOut(BaseModel):
    token: str
    token_type: str = "Bearer"
    role: str
    user_id: str
    municipality_code: str | None


class SystemCredentialOut(BaseModel):
    """The credential an authorised system (the Sygesikring system itself) presents to the fake
    CPR, in the header ``header``, to see protected persons' name and address. One per server,
    in every namespace; it outlives resets."""

    credential: str
    header: str
    grants: list[str]


class SettingsIn(BaseModel):
    """``cpr_delivery``: the system reads CPR's feed at once after each life event
    (immediate) or at each simulated midnight (daily)."""

    cpr_delivery: Literal["immediate", "daily"]
