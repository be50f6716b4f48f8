"""Checks for a scenario's ``cast`` (named persons and practices) and ``script`` (timed actions).

A cast entry is ``{type: person, ...}`` or ``{type: practice, ...}``; a script step is
``{day: 0, hour: 9.5, action: NAME, ...}`` with an action from `SCRIPT_ACTIONS` and the fields
it needs. Errors name the entry, in Danish and English (`ScenarioError`).
"""

from __future__ import annotations

from typing import Any

from sandbox.domain.errors import ScenarioError

PERSON_FIELDS = {
    "type",
    "key",
    "cpr",
    "name",
    "birth_date",
    "address",
    "status",
    "group",
    "doctor",
    "civil_status",
    "spouse",
    "samlever",
    "parents",
    "protected",
    "opted_out",
    "in_cpr",
}
PRACTICE_FIELDS = {"type", "ydernummer", "name", "address", "open", "doctors", "capacity"}
ADDRESS_FIELDS = {"street", "house_number", "postcode", "locality", "floor", "lat", "lon"}

# action -> required fields (other fields are optional and named in the process)
SCRIPT_ACTIONS: dict[str, set[str]] = {
    "say": {"da", "en"},
    "choose_gp": {"cpr", "practice"},
    "declare_samlever": {"cpr", "samlever"},
    "move": {"cpr", "address"},
    "move_from_greenland": {"cpr", "address"},
    "choose_gp_greenland": {"cpr", "address", "practice"},
    "birth": {"mother", "child_cpr"},
    "naming": {"cpr", "name"},
    "renumber": {"old", "new"},
    "practice_event": {"practice", "kind"},
    "opt_out": {"cpr"},
    "order_card": {"cpr"},
    "change_group": {"cpr", "group"},
    "luna_outage": {"hours"},
    "luna_fault_next": {"kinds"},
    "consume_cpr_feed": set(),
    "relay": set(),
    "extract_audit_log": {"municipality"},
    "restore_data": {"cpr", "as_of_days_ago"},
}


def _fail(shown: str, da: str, en: str) -> ScenarioError:
    return ScenarioError(path=shown, problem_da=da, problem_en=en)


def check_cast(items: Any, shown: str) -> tuple[dict[str, Any], ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise _fail(shown, "cast skal være en liste", "cast must be a list")
    checked = []
    for index, item in enumerate(items):
        kind = item.get("type") if isinstance(item, dict) else None
        allowed = PERSON_FIELDS if kind == "person" else PRACTICE_FIELDS
        required = {"cpr", "name"} if kind == "person" else {"ydernummer", "name", "address"}
        if kind not in ("person", "practice") or set(item) - allowed or required - set(item):
            raise _fail(
                shown,
                f"cast[{index}] skal have type person ({sorted(PERSON_FIELDS)}) eller practice "
                f"({sorted(PRACTICE_FIELDS)}) med {sorted(required)}",
                f"cast[{index}] must have type person ({sorted(PERSON_FIELDS)}) or practice "
                f"({sorted(PRACTICE_FIELDS)}) with {sorted(required)}",
            )
        address = item.get("address")
        if address is not None and (
            not isinstance(address, dict)
            or set(address) - ADDRESS_FIELDS
            or {"street", "house_number", "postcode"} - set(address)
        ):
            raise _fail(
                shown,
                f"cast[{index}].address skal have street, house_number og postcode "
                f"(og evt. {sorted(ADDRESS_FIELDS)})",
                f"cast[{index}].address needs street, house_number and postcode "
                f"(optionally {sorted(ADDRESS_FIELDS)})",
            )
        checked.append(dict(item))
    return tuple(checked)


def check_script(items: Any, shown: str) -> tuple[dict[str, Any], ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise _fail(shown, "script skal være en liste", "script must be a list")
    checked = []
    for index, item in enumerate(items):
        action = item.get("action") if isinstance(item, dict) else None
        if action not in SCRIPT_ACTIONS:
            raise _fail(
                shown,
                f"script[{index}].action skal være en af {sorted(SCRIPT_ACTIONS)}",
                f"script[{index}].action must be one of {sorted(SCRIPT_ACTIONS)}",
            )
        missing = SCRIPT_ACTIONS[action] - set(item)
        day, hour = item.get("day", 0), item.get("hour", 9)
        if missing or not isinstance(day, int) or not isinstance(hour, int | float):
            raise _fail(
                shown,
                f"script[{index}] ({action}) mangler {sorted(missing)} eller har ugyldig day/hour",
                f"script[{index}] ({action}) lacks {sorted(missing)} or has a bad day/hour",
            )
        checked.append(dict(item))
    return tuple(sorted(checked, key=lambda step: (step.get("day", 0), step.get("hour", 9))))
