"""Types the HTTP schemas share (the fakes' and the sandbox's): simulated time on the wire.

Simulated time is naive local time (Danish wall-clock time, no offset), so its JSON schema is
a plain ISO 8601 string, not RFC 3339 ``date-time`` (which demands an offset).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import WithJsonSchema

LOCAL_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"

LocalDateTime = Annotated[
    datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_PATTERN,
            "description": "Simulated local time, ISO 8601 without offset",
            "examples": ["2025-04-09T09:00:00"],
        }
    ),
]
