"""Schemathesis's stateful phase: sequences of calls along the links it infers from the
OpenAPI (a registration, then reading it by its key; a login, then its session ...), with all
checks, the stateful ones too (``use_after_free``: a deleted resource is 404;
``ensure_resource_availability``: a created one can be read). The same namespace, tokens and
adapted checks as the stateless run (`tests.api.test_schemathesis`); every scenario starts
from the demo world; bounded by ``SCHEMATHESIS_STATEFUL_EXAMPLES``. Which pairs a bounded run
reaches is Hypothesis's choice: the opt-out's 404 after its deletion has its own test
(`tests.integration.test_fakes_http`).
"""

from __future__ import annotations

import os
import re
from typing import Any

from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, positive_data_acceptance

from sandbox.adapters.http import in_process_client
from sandbox.api.namespaces import HEADER_PATTERN
from tests.api.test_schemathesis import (
    APP,
    NAMESPACE,
    SCHEMA,
    drops_the_token,
    no_5xx_but_injected_faults,
    schema_valid_data_passes_the_schema,
    token_for,
)

EXAMPLES = int(os.environ.get("SCHEMATHESIS_STATEFUL_EXAMPLES", "30"))
CONTROL = in_process_client(APP, NAMESPACE)


class SandboxWorkflow(SCHEMA.as_state_machine()):  # type: ignore[misc]
    def setup(self) -> None:
        """Each scenario starts from the same world (Hypothesis replays it to shrink)."""
        assert CONTROL.post("/_control/seed", json={"world": "demo"}).status_code == 200

    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        generated = [
            v for k, v in (case.headers or {}).items() if k.lower() == "x-sandbox-namespace"
        ]
        broken = bool(generated) and re.fullmatch(HEADER_PATTERN, str(generated[0])) is None
        headers = {} if broken else {"X-Sandbox-Namespace": NAMESPACE}
        token = None if drops_the_token(case) else token_for(CONTROL, case.path)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return {"headers": headers}

    def after_call(self, response: Any, case: Any) -> None:
        super().after_call(response, case)
        if case.path.startswith("/_control/faults"):
            for service in ("cpr", "luna", "borger-dk"):
                CONTROL.delete(f"/_control/faults/{service}")

    def validate_response(
        self,
        response: Any,
        case: Any,
        additional_checks: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        case.validate_response(
            response,
            excluded_checks=[positive_data_acceptance, not_a_server_error],
            additional_checks=[schema_valid_data_passes_the_schema, no_5xx_but_injected_faults],
            transport_kwargs=kwargs or None,
            recorder=self.recorder,
        )


TestSandboxWorkflow = SandboxWorkflow.TestCase
TestSandboxWorkflow.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
