"""What the handlers share about a citizen's registrations: the physical-card opt-out as LUNA
holds it, mirrored into the store.

The changes of a citizen's GP listing, insurance group and history are the store's own
(`sandbox.service.store_registrations`: ``list_citizen``, ``change_group``,
``capture_history``, ``restore_registrations``), written once for handlers, fixtures and the
simulator's cast.
"""

from __future__ import annotations

from datetime import datetime

from sandbox.domain.model import Citizen
from sandbox.service.unit_of_work import UnitOfWork


def read_card_opt_out(uow: UnitOfWork, citizen: Citizen, now: datetime | None = None) -> bool:
    """Ask LUNA whether the citizen opted out of the physical card (no registration = no
    opt-out), and keep the answer in the system's mirror, so a data restore can bring it back
    without calling LUNA. After a renumbering LUNA still holds the opt-out under the old
    number, and it follows the person: the new number inherits it (issue 15, item 6).
    ``now``: the command's instant when the caller has read it already."""
    opted_out = uow.luna.has_opted_out_of_physical_card(citizen.cpr) or bool(
        citizen.renumbered_from and uow.luna.has_opted_out_of_physical_card(citizen.renumbered_from)
    )
    uow.registry.mirror_card_opt_out(citizen, opted_out, uow.now() if now is None else now)
    return opted_out
