"""`letter_renderer` loads a letter's template once per template name: a missing template still
fails when the letter is written, every time, and a found one renders its own facts when read."""

from __future__ import annotations

import pytest
from jinja2 import TemplateNotFound

from sandbox.service.letters import letter_renderer

CONTEXT = {"name": "Ida"}


def test_a_missing_template_fails_when_the_letter_is_written_every_time() -> None:
    for _ in range(2):
        with pytest.raises(TemplateNotFound):
            letter_renderer("no_such_letter", CONTEXT)


def test_a_found_template_is_kept_and_renders_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[tuple[str, dict[str, str]]] = []

    def fake_render(template: str, **context: str) -> str:
        rendered.append((template, context))
        return f"{template}:{context['name']}"

    monkeypatch.setattr("sandbox.service.letters.render_letter", fake_render)
    first = letter_renderer("gp_choice", CONTEXT)
    second = letter_renderer("gp_choice", {"name": "Bo"})
    assert (first(), second()) == ("gp_choice:Ida", "gp_choice:Bo")
    assert rendered == [("gp_choice", {"name": "Ida"}), ("gp_choice", {"name": "Bo"})]
