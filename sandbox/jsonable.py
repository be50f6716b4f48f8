"""Plain JSON data for messages and results: what the journals, the API and replays write.

`jsonable` turns a command, event or handler result (dataclasses, dates, enums, containers)
into plain JSON data; the simulator's replay log and the API's answers both use it, so one
result reads the same wherever it is shown.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

_field_names: dict[type, tuple[str, ...]] = {}


def jsonable(value: Any) -> Any:
    """Plain JSON data for a message: dataclasses by field, dates as ISO text, enums by value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _field_names.get(type(value))
        if names is None:
            # a class may show a field under the name its readers know (`JSON_FIELDS`)
            names = getattr(value, "JSON_FIELDS", None) or tuple(
                f.name for f in dataclasses.fields(value)
            )
            _field_names[type(value)] = names
        return {name: jsonable(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value
