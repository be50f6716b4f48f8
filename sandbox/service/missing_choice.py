"""Completing "Manglende lægevalg": the citizen has a doctor again.

`complete_missing_choice` is shared by the handler that resolves the case on a GP choice
(`sandbox.service.handlers.cpr_cases.resolve_missing_choice`) and the daily work, which completes
a case whose noted future choice has begun; the case factory opens such cases.
"""

from __future__ import annotations

from sandbox.domain.case_details import MissingGpChoiceDetails
from sandbox.domain.model import Case, CaseStatus
from sandbox.service.events import CaseCompleted
from sandbox.service.unit_of_work import UnitOfWork


def complete_missing_choice(uow: UnitOfWork, case: Case, resolved_by: str | None) -> None:
    """Gennemført: the citizen has a doctor again; the case's tasks are done."""
    details = case.details_as(MissingGpChoiceDetails)
    # the one field of the details written here, noted alone: a note of all the details (and
    # copies of their lists) was made for every completion and freed, cold, at the end of the
    # daily work that made most of them
    uow.registry.before_change(details, "resolved_by")
    details.resolved_by = resolved_by
    uow.registry.move_case(case, CaseStatus.COMPLETED, uow.now())
    for task_id in details.all_task_ids():
        task = uow.registry.find_task(task_id)
        if task is not None:
            uow.registry.before_change(task, "done")
            task.done = True
    uow.emit(CaseCompleted(case.case_id, case.case_type))
