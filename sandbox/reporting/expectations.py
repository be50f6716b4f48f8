"""The named checks a scenario's ``expectations`` may state, checked at the end of a run.

Each check gives ``{expected, actual, met}``. Counts use the summary; checks about persons use
the registry (``citizens``: group, doctor, status, name; ``cases_of``: a person's cases by type
and status, ``open`` meaning any open status). An unknown name is reported as not met.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sandbox.service import views

if TYPE_CHECKING:
    from sandbox.simulation.world import World

Check = Callable[["World", dict[str, Any], Any], tuple[Any, bool]]


def _cases(summary: dict[str, Any], kind: str, status: str | None = None) -> int:
    entry = summary["cases"].get(kind, {"by_status": {}})
    if status is None:
        return int(sum(entry["by_status"].values()))
    return int(entry["by_status"].get(status, 0))


def _at_least(actuals: dict[str, int], expected: dict[str, int]) -> tuple[Any, bool]:
    return actuals, all(actuals[key] >= int(value) for key, value in expected.items())


def min_gp_choice_cases(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actual = _cases(summary, "gp_choice")
    return actual, actual >= int(expected)


def all_cases_registered_in_luna(
    world: World, summary: dict[str, Any], expected: Any
) -> tuple[Any, bool]:
    held = world.luna_backend.registrations
    actual = all(
        case.case_id in held
        for case in views.all_cases(
            world.bus.uow,
        )
        if case.status.value == "completed"
        and any(status.value == "awaiting_luna" for _, status in case.history)
    )
    return actual, actual == bool(expected)


def min_cases(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    """{type: n} or {"type:status": n}."""
    actuals = {}
    for key in expected:
        kind, _, status = str(key).partition(":")
        actuals[str(key)] = _cases(summary, kind, status or None)
    return _at_least(actuals, expected)


def max_cases(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actuals = {}
    for key in expected:
        kind, _, status = str(key).partition(":")
        actuals[str(key)] = _cases(summary, kind, status or None)
    return actuals, all(actuals[key] <= int(value) for key, value in expected.items())


def min_refusals(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    refusals = summary["refusals"]
    actuals = {str(k): int(refusals.get(k, {}).get("count", 0)) for k in expected}
    return _at_least(actuals, expected)


def min_events(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actuals = {str(k): int(summary["events"].get(k, 0)) for k in expected}
    return _at_least(actuals, expected)


def min_commands(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actuals = {str(k): int(summary["commands"].get(k, 0)) for k in expected}
    return _at_least(actuals, expected)


def min_tasks(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actuals = {str(k): int(summary["tasks"].get(k, 0)) for k in expected}
    return _at_least(actuals, expected)


def min_card_orders(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actuals = {str(k): int(summary["card_orders"].get(k, 0)) for k in expected}
    return _at_least(actuals, expected)


def min_letters(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    return summary["letters"], int(summary["letters"]) >= int(expected)


def luna_backlog_at_end(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actual = int(summary["luna"]["awaiting_in_outbox"])
    return actual, actual <= int(expected)


def min_luna_failed_attempts(
    world: World, summary: dict[str, Any], expected: Any
) -> tuple[Any, bool]:
    actual = int(summary["luna"]["failed_attempts"])
    return actual, actual >= int(expected)


def reconciliation_ok(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    """LUNA and the system agree (no errors in `sandbox.service.reconciliation`)."""
    report = summary["reconciliation"]
    actual = sorted({problem["code"] for problem in report["problems"]}) or "ok"
    return actual, report["ok"] == bool(expected)


def invariants_hold(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    actual = summary["invariants"]["violation"] is None
    return actual, actual == bool(expected)


def citizens(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    """{person: {group, doctor ("none" for no listing), status, name, samlever}}."""
    today = world.clock.today()
    actuals: dict[str, Any] = {}
    met = True
    for name, wanted in expected.items():
        cpr = world.cast.cpr(str(name))
        citizen = views.known_citizen(world.bus.uow, cpr)
        if citizen is None:
            actuals[str(name)] = "unknown"
            met = False
            continue
        group = citizen.group_on(today)
        facts = {
            "group": group.group if group is not None else None,
            "doctor": citizen.doctor_on(today) or "none",
            "status": citizen.status,
            "name": citizen.name,
            "samlever": citizen.declared_samlever,
        }
        shown = {key: facts[key] for key in wanted}
        actuals[str(name)] = shown
        for key, value in wanted.items():
            target = world.cast.ydernummer(str(value)) if key == "doctor" else value
            if key == "samlever" and value is not None:
                target = world.cast.cpr(str(value))
            met = met and str(shown[key]) == str(target)
    return actuals, met


def cases_of(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    """{person: {case type: status or "open"}}: the person has such a case (as main person)."""
    actuals: dict[str, Any] = {}
    met = True
    for name, wanted in expected.items():
        cpr = world.cast.cpr(str(name))
        found: dict[str, list[str]] = {}
        for case in views.cases_of(world.bus.uow, cpr):
            if case.main_cpr == cpr:
                found.setdefault(case.case_type.value, []).append(case.status.value)
        actuals[str(name)] = found
        for kind, status in wanted.items():
            statuses = found.get(str(kind), [])
            if status == "open":
                ok = any(s in ("created", "awaiting_luna", "pending") for s in statuses)
            else:
                ok = str(status) in statuses
            met = met and ok
    return actuals, met


def no_physical_card_for(world: World, summary: dict[str, Any], expected: Any) -> tuple[Any, bool]:
    """These persons got no automatic physical card (standalone orders are allowed)."""
    cprs = [world.cast.cpr(str(name)) for name in expected]
    cards = {
        cpr: sum(
            1 for o in views.card_orders_of(world.bus.uow, cpr) if o.physical and not o.standalone
        )
        for cpr in cprs
    }
    return cards, all(count == 0 for count in cards.values())


CHECKS: dict[str, Check] = {
    "min_gp_choice_cases": min_gp_choice_cases,
    "all_cases_registered_in_luna": all_cases_registered_in_luna,
    "min_cases": min_cases,
    "max_cases": max_cases,
    "min_refusals": min_refusals,
    "min_events": min_events,
    "min_commands": min_commands,
    "min_tasks": min_tasks,
    "min_card_orders": min_card_orders,
    "min_letters": min_letters,
    "luna_backlog_at_end": luna_backlog_at_end,
    "min_luna_failed_attempts": min_luna_failed_attempts,
    "invariants_hold": invariants_hold,
    "reconciliation_ok": reconciliation_ok,
    "citizens": citizens,
    "cases_of": cases_of,
    "no_physical_card_for": no_physical_card_for,
}


def check_expectations(world: World, summary: dict[str, Any]) -> dict[str, Any]:
    """Check what the scenario says it expects at the end; each result is met or not."""
    results: dict[str, Any] = {}
    for name, expected in sorted(world.scenario.expectations.items()):
        check = CHECKS.get(name)
        if check is None:
            results[name] = {"expected": expected, "actual": "unknown expectation", "met": False}
            continue
        try:
            actual, met = check(world, summary, expected)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            actual, met = f"check failed: {error!r}", False
        results[name] = {"expected": expected, "actual": actual, "met": met}
    return results
