"""The daily work visits only the citizens it may have to act on: those whose protection has an
end and those whose time to choose a group runs (`Watch.PROTECTION_ENDS`,
`Watch.GROUP_CHOICE_DEADLINE` in the store), and a renumbering carries them to the new number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Citizen
from sandbox.service.store import Store, Watch

OLD, NEW = "0505801234", "0505801242"


def a_citizen() -> Citizen:
    home = Address("Storegade", "1", "7700", "Thisted", "0787", Coordinates(56.95, 8.69))
    return Citizen(cpr=OLD, name="Grethe", birth_date=date(1980, 5, 5), address=home)


def test_a_renumbering_carries_what_the_daily_work_watches() -> None:
    registry = Store()
    old = a_citizen()
    registry.add_citizen(old)
    registry.watch(Watch.PROTECTION_ENDS, OLD)
    registry.watch(Watch.GROUP_CHOICE_DEADLINE, OLD)
    registry.rekey_citizen(OLD, replace(old, cpr=NEW))
    assert registry.is_watched(Watch.PROTECTION_ENDS, NEW)
    assert registry.is_watched(Watch.GROUP_CHOICE_DEADLINE, NEW)


def test_a_number_nobody_watched_is_not_watched_after_it() -> None:
    registry = Store()
    old = a_citizen()
    registry.add_citizen(old)
    registry.rekey_citizen(OLD, replace(old, cpr=NEW))
    assert registry.watched(Watch.PROTECTION_ENDS) == []
    assert registry.watched(Watch.GROUP_CHOICE_DEADLINE) == []
