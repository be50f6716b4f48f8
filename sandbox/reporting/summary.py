"""summary.json: the counts of a run, deterministic to the byte for a scenario and seed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA, CaseType
from sandbox.reporting.expectations import check_expectations
from sandbox.service import views
from sandbox.service.reconciliation import reconcile

if TYPE_CHECKING:
    from sandbox.simulation.invariants import InvariantViolation
    from sandbox.simulation.world import World


def summarise(
    world: World, violation: InvariantViolation | None = None, folder: str = ""
) -> dict[str, Any]:
    """Cases by type and status, letters, cards, LUNA, refusals, invariants, expectations."""
    uow = world.bus.uow
    scenario = world.scenario
    by_type: dict[str, Counter[str]] = {}
    for case in views.all_cases(uow):
        by_type.setdefault(case.case_type.value, Counter())[case.status.value] += 1
    end = world.clock.today()
    cards: Counter[str] = Counter()
    for order in views.all_card_orders(uow):
        kind = "standalone" if order.standalone else "physical" if order.physical else "skipped"
        cards[kind] += 1
    tasks = Counter(task.code for task in views.all_tasks(uow))
    summary: dict[str, Any] = {
        "scenario": scenario.name,
        "seed": scenario.seed,
        "start": scenario.start.isoformat(),
        "end": end.isoformat(),
        "population": views.citizen_count(uow),
        "population_at_start": scenario.population,
        "households": world.population.households,
        "residents_at_end": sum(1 for c in views.all_citizens(uow) if c.is_resident),
        "practices": {
            "total": views.practice_count(uow),
            "closed_for_new_patients_at_start": world.population.practices_closed,
            "open_at_end": sum(1 for p in views.all_practices(uow) if p.is_open_on(end)),
        },
        "cases": {
            kind: {"label_da": CASE_TYPE_DA[CaseType(kind)], "by_status": dict(sorted(c.items()))}
            for kind, c in sorted(by_type.items())
        },
        "case_status_labels_da": {s.value: label for s, label in CASE_STATUS_DA.items()},
        "letters": views.letter_count(uow),
        "tasks": dict(sorted(tasks.items())),
        "card_orders": dict(sorted(cards.items())),
        "luna": {
            "registrations": len(world.luna_backend.registrations),
            "calls": world.luna_backend.calls,
            "failed_attempts": world.stats.events.get("LunaAttemptFailed", 0),
            "awaiting_in_outbox": len(uow.outbox),
            "opted_out_of_physical_card": len(world.luna_backend.opt_outs),
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
        "practice_events": sorted(
            world.stats.timeline.uptake.values(), key=lambda item: item["event_id"]
        ),
        "invariants": {
            "checked": world.invariants.counts(),
            "violation": None if violation is None else violation.to_dict(),
            "replay": None if violation is None else violation.replay_command(folder),
        },
        "log": scenario.log,
        "reconciliation": reconcile(uow, world.luna.registrations()).to_dict(),
    }
    summary["expectations"] = check_expectations(world, summary)
    return summary


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
