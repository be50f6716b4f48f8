"""summary.json: the counts of a run, deterministic to the byte for a scenario and seed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA, CaseType
from sandbox.simulation.world import World


def summarise(world: World) -> dict[str, Any]:
    """Cases by type and status, letters, LUNA, refusals by reason, and the expectations."""
    registry = world.bus.uow.registry
    scenario = world.scenario
    by_type: dict[str, Counter[str]] = {}
    for case in registry.cases.values():
        by_type.setdefault(case.case_type.value, Counter())[case.status.value] += 1
    practices = registry.practices.values()
    end = world.clock.today()
    summary: dict[str, Any] = {
        "scenario": scenario.name,
        "seed": scenario.seed,
        "start": scenario.start.isoformat(),
        "end": end.isoformat(),
        "population": len(registry.citizens),
        "practices": {
            "total": len(registry.practices),
            "open_at_end": sum(1 for p in practices if p.is_open_on(end)),
        },
        "cases": {
            kind: {"label_da": CASE_TYPE_DA[CaseType(kind)], "by_status": dict(sorted(c.items()))}
            for kind, c in sorted(by_type.items())
        },
        "case_status_labels_da": {s.value: label for s, label in CASE_STATUS_DA.items()},
        "letters": len(registry.letters),
        "luna": {
            "registrations": len(world.luna_backend.registrations),
            "calls": world.luna_backend.calls,
            "failed_attempts": world.stats.events.get("LunaAttemptFailed", 0),
            "awaiting_in_outbox": len(world.bus.uow.outbox),
        },
        "refusals": {
            code: {
                "count": count,
                "example_da": world.stats.refusal_texts[code][0],
                "example_en": world.stats.refusal_texts[code][1],
            }
            for code, count in sorted(world.stats.refusals.items())
        },
        "errors": dict(sorted(world.stats.errors.items())),
        "commands": dict(sorted(world.stats.commands.items())),
        "events": dict(sorted(world.stats.events.items())),
        "decisions": world.stats.decisions,
    }
    summary["expectations"] = check_expectations(world, summary)
    return summary


def check_expectations(world: World, summary: dict[str, Any]) -> dict[str, Any]:
    """Check what the scenario says it expects at the end; each result is met or not."""
    results: dict[str, Any] = {}
    for name, expected in sorted(world.scenario.expectations.items()):
        if name == "min_gp_choice_cases":
            gp = summary["cases"].get("gp_choice", {"by_status": {}})
            actual: Any = sum(gp["by_status"].values())
            met = actual >= expected
        elif name == "all_cases_registered_in_luna":
            registry = world.bus.uow.registry
            actual = all(
                case.case_id in world.luna_backend.registrations
                for case in registry.cases.values()
                if case.status.value == "completed"
            )
            met = actual == expected
        else:
            actual, met = "unknown expectation", False
        results[name] = {"expected": expected, "actual": actual, "met": met}
    return results


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
