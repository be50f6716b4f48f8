"""The step catalogue docs/steps.md is current: regenerated in memory and compared."""

from __future__ import annotations

from tests.bdd import catalogue


def test_the_step_catalogue_is_current() -> None:
    current = catalogue.TARGET.read_text(encoding="utf-8") if catalogue.TARGET.exists() else ""
    assert current == catalogue.render(), "docs/steps.md er forældet: python -m tests.bdd.catalogue"


def test_every_step_has_a_danish_description() -> None:
    missing = [entry.pattern for entry in catalogue.steps() if not entry.doc]
    assert missing == []
