"""Levende dokumentation - the HTML page of a feature run, readable by a trainer in a browser.

`write_living_docs` turns Cucumber JSON (pytest-bdd's format, with each scenario's decisions
attached as an ``after`` embedding by ``tests/bdd/reporting.py``) into one self-contained HTML
page: every feature grouped by area, every scenario with its status, its steps and the
decisions the system made, each reason in Danish with the English beside, its rule, source and
the business parameters it used. Run ``python -m sandbox.reporting.living_docs CUCUMBER_JSON``
to rebuild the page from a saved JSON file.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment

from sandbox.reporting.feature_results import as_features

STATUS_DA = {"passed": "bestået", "failed": "fejlet", "skipped": "sprunget over"}
MODES_DA = {"in-process": "i processen", "http": "over HTTP"}

AREAS_DA = {
    "laegevalg": "Lægevalg",
    "gruppeskift": "Gruppeskift",
    "praksishaendelser": "Praksishændelser",
    "cpr": "CPR-hændelser",
    "sundhedskort": "Sundhedskort",
    "breve": "Breve",
    "revisionslog": "Revisionslog",
    "datagenopretning": "Datagenopretning",
    "luna": "LUNA",
    "demo": "Demoer",
}

# Release 1.1's thirteen changes (SPEC 7.7), in the release notes' own words; a feature or
# scenario tagged @ændring-N covers change N.
CHANGES_DA = (
    "Håndtering af gratisperiode i forbindelse med praksisoverdragelser",
    "Håndtering af flere samtidige praksisændringer",
    "Strammere fortolkning af reglerne om, hvornår en borger får adgang til at vælge en ellers "
    "lukket læge",
    "Understøttelse af fravalg af fysisk sundhedskort",
    "Udtræk af revisionslog for kommunale administratorer",
    "Reduktion i antallet af breve til borgere",
    "Borgere kan nu selv håndtere flytning fra Grønland til Danmark",
    "Automatisk håndtering af omnummerering i CPR",
    "Nyfødte får nu tildelt gruppe/læge fra fødselsdatoen",
    "Håndtering af fødsel og navngivning samme dag",
    "Justering af mulige gyldighedsdatoer for gruppeskift",
    "Manuel datagenopretning",
    "Bedre fejlhåndtering ved fejl i kommunikation med LUNA",
)

_TEMPLATE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>{{ title }}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2a33;
background:#f5f7f8;line-height:1.45}
header{background:#0b4f6c;color:#fff;padding:1.2rem 2rem}
header h1{margin:0 0 .3rem;font-size:1.6rem}
.meta-head{font-size:.85rem;opacity:.85;margin-top:.2rem}
main{display:flex;gap:1.5rem;padding:1.5rem 2rem}
nav{min-width:15rem;max-width:18rem;font-size:.9rem}
nav h3{margin:.8rem 0 .2rem}
nav a{color:#0b4f6c;text-decoration:none;display:block;padding:.1rem 0}
.features{flex:1;min-width:0}
section.feature{background:#fff;border-radius:8px;padding:1rem 1.4rem;margin-bottom:1.4rem;
box-shadow:0 1px 3px rgba(0,0,0,.08)}
section.feature h2{margin:.2rem 0;font-size:1.3rem}
.desc{white-space:pre-wrap;color:#44545e;margin:.4rem 0 .8rem}
.tag{display:inline-block;background:#e3eef3;color:#0b4f6c;border-radius:4px;
padding:0 .4rem;margin-right:.3rem;font-size:.8rem}
details.scenario{border-left:5px solid #2e7d32;background:#fafcfb;margin:.5rem 0;
padding:.4rem .8rem}
details.scenario.failed{border-color:#c62828;background:#fff6f6}
details.scenario.skipped{border-color:#9e9e9e}
summary{cursor:pointer;font-weight:600}
.badge{display:inline-block;font-size:.75rem;border-radius:4px;padding:0 .4rem;color:#fff;
margin-right:.5rem;background:#2e7d32}
.failed .badge{background:#c62828}.skipped .badge{background:#757575}
.example{font-weight:400;color:#55656f}
ol.steps{list-style:none;padding-left:.4rem;margin:.4rem 0}
ol.steps li{padding:.05rem 0}
ol.steps .kw{font-weight:700;color:#0b4f6c}
ol.steps li.failed{color:#c62828}ol.steps li.skipped{color:#888}
.error{white-space:pre-wrap;font-size:.8rem;background:#fdecea;padding:.4rem;max-height:12rem;
overflow:auto}
.decisions h4{margin:.6rem 0 .2rem;font-size:.95rem}
.action{border:1px solid #dde5e9;border-radius:6px;padding:.4rem .7rem;margin:.3rem 0;
background:#fff}
.action .verdict{font-weight:700;color:#2e7d32}.action.refused .verdict{color:#c62828}
.reason{margin:.25rem 0 .25rem 1rem}
.en{color:#5f6f78;font-style:italic}
.meta{color:#6b7b84;font-size:.8rem}
table.changes{border-collapse:collapse;width:100%;font-size:.9rem}
table.changes td,table.changes th{border-bottom:1px solid #e3e9ec;padding:.3rem .5rem;
text-align:left;vertical-align:top}
table.changes tr.failed td:first-child{border-left:5px solid #c62828}
table.changes tr.passed td:first-child{border-left:5px solid #2e7d32}
table.changes tr.missing td:first-child{border-left:5px solid #9e9e9e}
ol.steps .kw{margin-right:.35em}
</style></head><body>
<header><h1>{{ title }}</h1>
<div>{{ counts.features }} egenskaber &middot; {{ counts.scenarios }} scenarier &middot;
{{ counts.passed }} bestået &middot; {{ counts.failed }} fejlet &middot;
{{ counts.skipped }} sprunget over{% if latest %} &middot; seneste kørsel {{ latest }}{% endif %}
</div><div class="meta-head">Hvert scenarie med sit seneste resultat i hver kørselsmåde (i
processen, over HTTP) og hvornår / every scenario with its latest result in each mode, and when.
</div></header>
<main><nav><h3>Release 1.1</h3><a href="#aendringer">De 13 ændringer</a>
{% for area, items in areas %}<h3>{{ area }}</h3>
{% for feature in items %}<a href="#{{ feature.anchor }}">{{ feature.name }}</a>{% endfor %}
{% endfor %}</nav>
<div class="features">
<section class="feature" id="aendringer"><h2>Release 1.1: de 13 ændringer</h2>
<table class="changes"><tr><th>#</th><th>Ændring</th><th>Egenskaber</th><th>Scenarier</th>
</tr>{% for c in changes %}<tr class="{{ c.status }}"><td>{{ c.number }}</td>
<td>{{ c.title }}</td><td>{% for f in c.features %}<a href="#{{ f.anchor }}">{{ f.name }}</a>
{% if not loop.last %}<br>{% endif %}{% endfor %}</td><td>{{ c.passed }} af {{ c.total }}
bestået</td></tr>{% endfor %}</table></section>
{% for area, items in areas %}{% for feature in items %}
<section class="feature" id="{{ feature.anchor }}">
<div>{% for tag in feature.tags %}<span class="tag">{{ tag }}</span>{% endfor %}</div>
<h2>{{ feature.keyword }}: {{ feature.name }}</h2>
<div class="meta">{{ feature.uri }}</div>
{% if feature.description %}<div class="desc">{{ feature.description }}</div>{% endif %}
{% for s in feature.scenarios %}
<details class="scenario {{ s.status }}"{% if s.status == "failed" %} open{% endif %}>
<summary><span class="badge">{{ s.status_da }}</span>{{ s.keyword }}: {{ s.name }}
{% if s.example %}<span class="example">&mdash; {{ s.example }}</span>{% endif %}
{% if s.runs %}<span class="meta">({% for r in s.runs %}{{ r.mode_da }}: {{ r.status_da }}
{{ r.at }}{% if not loop.last %} &middot; {% endif %}{% endfor %})</span>
{% elif s.driver %}<span class="meta">({{ s.driver }})</span>{% endif %}</summary>
<ol class="steps">{% for step in s.steps %}<li class="{{ step.status }}">
<span class="kw">{{ step.keyword }}</span>{{ step.name }}</li>{% endfor %}</ol>
{% if s.error %}<div class="error">{{ s.error }}</div>{% endif %}
{% if s.actions %}<div class="decisions"><h4>Afgørelser</h4>
{% for a in s.actions %}<div class="action{% if not a.accepted %} refused{% endif %}">
{{ a.action }} &mdash; <span class="verdict">{% if a.accepted %}godkendt{% else %}afvist
{% if a.code %}({{ a.code }}){% endif %}{% endif %}</span>
{% if a.message_da %}<div>{{ a.message_da }}<br><span class="en">{{ a.message_en }}</span>
</div>{% endif %}
{% for d in a.decisions %}<div class="meta">{{ d.subject }}:
{% if d.allowed %}tilladt{% else %}afvist{% endif %}
{% if d.conditions %}&middot; betingelser: {{ d.conditions | join(", ") }}{% endif %}</div>
{% for r in d.reasons %}<div class="reason">{% if r.text_da %}{{ r.text_da }}<br>
<span class="en">{{ r.text_en }}</span><br>{% endif %}<span class="meta">{{ r.code }}
{% if r.rule_id %}&middot; {{ r.rule_id }}{% endif %}{% if r.source %} &middot;
{{ r.source }}{% endif %}{% for p in r.parameters or [] %} &middot;
{{ p.name }} = {{ p.value }} (fra {{ p.effective_from }}){% endfor %}</span></div>
{% endfor %}{% endfor %}</div>{% endfor %}</div>{% endif %}
</details>{% endfor %}</section>{% endfor %}{% endfor %}</div></main></body></html>
"""


def scenario_log(element: dict[str, Any]) -> dict[str, Any]:
    """The decisions attached to a Cucumber element (empty when none were attached)."""
    for hook in element.get("after", []):
        for embedding in hook.get("embeddings", []):
            if embedding.get("mime_type") == "application/json":
                decoded = base64.b64decode(embedding["data"]).decode()
                return dict(json.loads(decoded))
    return {"driver": "", "actions": []}


def scenario_status(element: dict[str, Any]) -> str:
    """The worst latest result of a scenario's modes (or of its steps, for plain Cucumber)."""
    runs = [run["status"] for run in element.get("runs", [])]
    if runs:
        return next(status for status in ("failed", "passed", "skipped") if status in runs)
    statuses = [step["result"]["status"] for step in element.get("steps", [])]
    if "failed" in statuses:
        return "failed"
    if statuses and all(status == "skipped" for status in statuses):
        return "skipped"
    return "passed"


def _example(element_id: str) -> str:
    """The Eksempler row of an outline, from the test id: ``test_x[Thisted-15,0]`` -> values.

    Older runs wrote non-ASCII letters of an id as escapes (``K\\xf8benhavn``); they are undone.
    """
    if "[" not in element_id:
        return ""
    values = element_id[element_id.index("[") + 1 : element_id.rindex("]")]
    if values.isascii():
        values = values.encode("ascii").decode("unicode_escape")
    return values.replace("-", " | ")


def _scenario_view(element: dict[str, Any]) -> dict[str, Any]:
    status = scenario_status(element)
    log = scenario_log(element)
    errors = [
        step["result"]["error_message"]
        for step in element.get("steps", [])
        if step["result"].get("error_message")
    ]
    return {
        "keyword": element["keyword"],
        "name": element["name"],
        "example": _example(element.get("id", "")),
        "status": status,
        "status_da": STATUS_DA[status],
        "steps": [
            {"keyword": step["keyword"], "name": step["name"], "status": step["result"]["status"]}
            for step in element.get("steps", [])
        ],
        "error": errors[0][-3000:] if errors else "",
        "driver": log.get("driver", ""),
        "runs": [
            {
                "mode_da": MODES_DA.get(run["mode"], run["mode"]),
                "status_da": STATUS_DA.get(run["status"], run["status"]),
                "at": run.get("at", ""),
            }
            for run in element.get("runs", [])
        ],
        "actions": log.get("actions", []),
    }


def _tags(item: dict[str, Any]) -> list[str]:
    return [str(tag["name"]).lstrip("@") for tag in item.get("tags", [])]


def _feature_view(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "keyword": feature["keyword"],
        "name": feature["name"],
        "uri": feature["uri"],
        "anchor": feature["uri"].replace("/", "-").replace(".", "-"),
        "tags": _tags(feature),
        "description": feature.get("description", "").strip(),
        "scenarios": [_scenario_view(element) for element in feature.get("elements", [])],
    }


def change_coverage(features: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each of the thirteen changes: the features and scenarios tagged with it."""
    rows = []
    for number, title in enumerate(CHANGES_DA, start=1):
        tag = f"ændring-{number}"
        covering: dict[str, dict[str, Any]] = {}
        statuses = []
        for feature in features:
            for element in feature.get("elements", []):
                if tag in _tags(feature) or tag in _tags(element):
                    view = _feature_view(feature)
                    covering[view["uri"]] = view
                    statuses.append(scenario_status(element))
        status = "missing" if not statuses else "failed" if "failed" in statuses else "passed"
        rows.append(
            {
                "number": number,
                "title": title,
                "features": [covering[uri] for uri in sorted(covering)],
                "total": len(statuses),
                "passed": statuses.count("passed"),
                "status": status,
            }
        )
    return rows


def area_of(uri: str) -> str:
    """The feature folder (area) of a feature, in Danish: ``laegevalg/x.feature`` -> Lægevalg."""
    parts = Path(uri).parts
    folder = parts[-2] if len(parts) >= 2 else ""
    return AREAS_DA.get(folder, folder.capitalize())


def render_living_docs(
    features: Sequence[dict[str, Any]], title: str = "Levende dokumentation - Sygesikring 1.1"
) -> str:
    """The living documentation of a run as one HTML page."""
    order = list(AREAS_DA)

    def position(feature: dict[str, Any]) -> tuple[int, str]:
        folder = Path(feature["uri"]).parts[-2] if "/" in feature["uri"] else ""
        return (order.index(folder) if folder in order else len(order), feature["uri"])

    views = [_feature_view(feature) for feature in sorted(features, key=position)]
    areas: dict[str, list[dict[str, Any]]] = {}
    for view in views:
        areas.setdefault(area_of(view["uri"]), []).append(view)
    scenarios = [scenario for view in views for scenario in view["scenarios"]]
    counts = {
        "features": len(views),
        "scenarios": len(scenarios),
        **{status: sum(s["status"] == status for s in scenarios) for status in STATUS_DA},
    }
    times = [
        run.get("at", "") for f in features for e in f["elements"] for run in e.get("runs", [])
    ]
    template = Environment(autoescape=True).from_string(_TEMPLATE)
    return template.render(
        title=title,
        latest=max(times, default=""),
        areas=list(areas.items()),
        counts=counts,
        changes=change_coverage(features),
    )


def write_living_docs(features: Sequence[dict[str, Any]], path: Path) -> Path:
    """Write the page to ``path`` (its folder is created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_living_docs(features), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sandbox.reporting.living_docs reports/features/results.json [out.html]``.

    The source is the results of every run (``results.json``) or one run's Cucumber JSON.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(
            "brug / usage: python -m sandbox.reporting.living_docs RESULTS_OR_CUCUMBER_JSON [HTML]"
        )
        return 2
    source = Path(args[0])
    target = Path(args[1]) if len(args) > 1 else source.parent / "index.html"
    data = json.loads(source.read_text(encoding="utf-8"))
    write_living_docs(as_features(data) if isinstance(data, dict) else data, target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
