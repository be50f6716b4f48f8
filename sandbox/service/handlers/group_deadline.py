"""The group-choice deadline after a move-in (SPEC 2.2, ``groupChoiceDeadlineDays``): a citizen
who moved in and chose no group in time is placed in group 1 by the daily work.

`sandbox.service.handlers.immigration` sets ``Citizen.group_choice_by`` and watches the citizen
(``Watch.GROUP_CHOICE_DEADLINE`` in the store); `default_groups` places whoever is due.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Actor
from sandbox.domain.rules import group_deadline
from sandbox.service.handlers.groups import apply_group_change
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork


def default_groups(uow: UnitOfWork, today: date) -> tuple[str, ...]:
    """Group 1 for every citizen whose time to choose a group has run out (SPEC 2.2)."""
    placed: list[str] = []
    for cpr in uow.registry.watched(Watch.GROUP_CHOICE_DEADLINE):
        citizen = uow.registry.find_citizen(cpr)
        if citizen is None or citizen.group_choice_by is None:
            # placed already, or renumbered away
            uow.registry.unwatch(Watch.GROUP_CHOICE_DEADLINE, cpr)
            continue
        moved_in_on = citizen.moved_in_on
        chosen = any(
            m.valid_to is None or m.valid_to > moved_in_on
            for m in citizen.group_history()
            if moved_in_on is not None
        )
        if moved_in_on is None or not citizen.is_resident or chosen:
            uow.registry.before_change(citizen, "group_choice_by")
            citizen.group_choice_by = None  # chosen in time, or no longer living here
            uow.registry.unwatch(Watch.GROUP_CHOICE_DEADLINE, cpr)
            continue
        decision = group_deadline.decide_default_group(moved_in_on, today, uow.parameters)
        if not decision.allowed:
            continue
        uow.decided(f"Sikringsgruppe 1 efter fristen {citizen.cpr}", decision)
        uow.registry.before_change(citizen, "group_choice_by")
        citizen.group_choice_by = None
        uow.registry.unwatch(Watch.GROUP_CHOICE_DEADLINE, cpr)
        apply_group_change(
            uow,
            citizen,
            group_deadline.DEFAULT_GROUP,
            moved_in_on,
            Actor.system(),
            group_deadline.NO_GROUP_CHOSEN,
            decision,
            missing_counted_from=today,  # the full time to choose a doctor from today
        )
        placed.append(citizen.cpr)
    return tuple(placed)
