"""report.html of an exploration: the original and the minimal schedule side by side, the broken
invariant (Danish and English) and the decisions the shrinker made. One file, opens offline."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from sandbox.explore.checks import STATEMENTS_DA, STATEMENTS_EN
from sandbox.explore.gherkin import Writer
from sandbox.explore.schedule import Schedule, Step

TEMPLATE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>Udforskning / exploration: {{ scenario }} {{ seed }}</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; font-size: 90%; }
.kept { background: #eef8ee; } .gone { color: #999; text-decoration: line-through; }
pre { background: #f4f4f4; padding: 1em; }
.side { display: flex; gap: 2em; } .side > div { flex: 1; }
</style></head><body>
<h1>Udforskning / exploration: {{ scenario }}, seed {{ seed }}</h1>
<p>{{ runs }} kørsler / runs, {{ failures }} med brud / failing{% if mutant %},
mutant <b>{{ mutant }}</b>{% endif %}.</p>
{% if invariant %}
<h2>Brudt invariant / broken invariant: {{ invariant }}</h2>
<p>{{ statement_da }}<br><i>{{ statement_en }}</i></p>
<p>{{ detail }}</p>
<p>Fundet i / found in program seed {{ program_seed }}, interleaving {{ interleaving }};
krympet fra {{ original_steps }} til {{ minimal_steps }} trin / shrunk from
{{ original_steps }} to {{ minimal_steps }} steps in {{ tries }} genafspilninger / replays.</p>
<div class="side">
<div><h3>Oprindeligt skema / original schedule</h3><table>
<tr><th>dag</th><th>trin / step</th></tr>
{% for row in original %}<tr class="{{ 'kept' if row.kept else 'gone' }}">
<td>{{ row.day }}</td><td>{{ row.text }}</td></tr>{% endfor %}
</table></div>
<div><h3>Minimalt skema / minimal schedule</h3><table>
<tr><th>dag</th><th>trin / step</th></tr>
{% for row in minimal %}<tr><td>{{ row.day }}</td><td>{{ row.text }}</td></tr>{% endfor %}
</table></div></div>
<h3>Beslutninger / decisions</h3><ol>
{% for line in decisions %}<li>{{ line }}</li>{% endfor %}</ol>
<h3>minimal.feature</h3><pre>{{ feature }}</pre>
<p>Genkør / rerun: <code>{{ command }}</code></p>
{% else %}
<h2>Ingen brud / no invariant broken</h2>
{% endif %}
</body></html>
"""


def _key(step: Step) -> str:
    """A step as the shrinker may leave it: its days and numbers may change, not its parts."""
    return repr((step.do, step.names(), step.args.get("name"), step.args.get("kind")))


def _rows(schedule: Schedule, kept: set[str] | None = None) -> list[dict[str, Any]]:
    writer = Writer(schedule)
    rows = []
    for step in schedule.steps:
        text = writer.line(step, schedule.start + timedelta(days=step.day))
        rows.append({"day": step.day, "text": text, "kept": kept is None or _key(step) in kept})
    return rows


def write_report(path: Path, context: dict[str, Any]) -> None:
    """Render report.html; ``original``/``minimal`` are schedules, the rest plain values."""
    original: Schedule | None = context.pop("original_schedule", None)
    minimal: Schedule | None = context.pop("minimal_schedule", None)
    if original is not None and minimal is not None:
        kept = {_key(step) for step in minimal.steps}
        context["original"] = _rows(original, kept)
        context["minimal"] = _rows(minimal)
        context["original_steps"] = len(original.steps)
        context["minimal_steps"] = len(minimal.steps)
    invariant = context.get("invariant")
    if invariant:
        context["statement_da"] = STATEMENTS_DA[invariant]
        context["statement_en"] = STATEMENTS_EN[invariant]
    environment = Environment(autoescape=select_autoescape(default=True))
    html = environment.from_string(TEMPLATE).render(**context)
    path.write_text(html, encoding="utf-8")
