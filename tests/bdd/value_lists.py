"""Lukkede værdilister - every closed vocabulary a feature may quote, read from the system itself.

A tester writes ``har "Kent" et forløb "Bestil Sundhedskort" med status "Afventer LUNA"`` or
``begrundelsen nævner "SPOUSE"`` only if the values are written down somewhere: these lists
go into ``docs/steps.md`` (the catalogue). They are taken from the code (case types, statuses,
reasons with their Danish texts, task titles, roles, the worlds' user ids), so they cannot drift.
Reasons and task titles are read from the source with ``ast``; a ``{…}`` in a text is filled in
when the system writes it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA
from sandbox.domain.rules.closed_doctor import EXCEPTION_CODES
from tests.bdd.drivers.http.session import LOOKER, USERS
from tests.bdd.vocabulary import PRACTICE_EVENTS_DA, ROLES_DA

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "sandbox" / "domain" / "rules"
HANDLERS = ROOT / "sandbox" / "service" / "handlers"
CASE_FACTORY = ROOT / "sandbox" / "service" / "case_factory.py"  # the missing-choice tasks


def _text(node: ast.expr) -> str | None:
    """A string literal or f-string as a template: ``f"fra {day}"`` -> ``fra {…}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("{…}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return left + right if left is not None and right is not None else None
    return None


def reasons() -> list[tuple[str, str]]:
    """(code, Danish text) of every reason a rule gives, sorted by code."""
    found: dict[str, str] = {}
    for path in sorted(RULES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Reason"):
                continue
            if len(node.args) < 3:
                continue
            code, text = _text(node.args[1]), _text(node.args[2])
            if code and text and code.isupper():
                found.setdefault(code, " ".join(text.split()))
    return sorted(found.items())


def task_titles() -> list[str]:
    """The Danish titles of the tasks the system makes (manual and system tasks)."""
    found: list[str] = []
    for path in [*sorted(HANDLERS.glob("*.py")), CASE_FACTORY]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = None
            name = getattr(node.func, "id", "") if isinstance(node, ast.Call) else ""
            if isinstance(node, ast.Call) and name in ("add_manual_task", "Task"):
                position = 4 if name == "add_manual_task" else 5  # where title_da is given
                text = _text(node.args[position]) if len(node.args) > position else None
            elif isinstance(node, ast.Assign) and any(
                getattr(target, "id", "") == "title_da" for target in node.targets
            ):
                text = _text(node.value)
            elif isinstance(node, ast.AugAssign) and getattr(node.target, "id", "") == "title_da":
                more = _text(node.value)  # title_da += "..." continues the title just made
                if found and more:
                    found[-1] += more
                continue
            if text and text not in found:
                found.append(text)
    return [" ".join(title.split()) for title in found]


def user_ids() -> list[tuple[str, str]]:
    """(user id, who) of the staff users the feature worlds act with; {kode} = kommunekode."""
    who = {
        "case_worker": "sagsbehandleren",
        "case_worker_special": "sagsbehandleren med særlige rettigheder",
        "municipal_admin": "den kommunale administrator",
        "operator": "Service Desk",
    }
    rows = [(USERS[role].replace("{code}", "{kode}"), who[role]) for role in who]
    rows.append((LOOKER, "den bruger, trinene læser med (holdes ude af udtræk)"))
    return rows


def markdown() -> list[str]:
    """The lists as Markdown sections for the catalogue."""
    lines = ["## Lukkede værdilister", ""]
    lines += ["Skriv værdierne præcis som her (store og små bogstaver tæller i anførselstegn).", ""]
    lines += ["### Forløbstyper (`<forløbstype>`)", ""]
    lines += [f"- `{label}`" for label in CASE_TYPE_DA.values()]
    lines += ["", "### Forløbsstatus (`<status>`)", ""]
    lines += [f"- `{label}`" for label in CASE_STATUS_DA.values()]
    lines += ["", "### Roller (`<rolle>`)", ""]
    lines += [f"- `{name}`" for name in ROLES_DA]
    lines += ["", "### Praksishændelser (`<praksishændelse>`)", ""]
    lines += [f"- `{name}`" for name in PRACTICE_EVENTS_DA]
    lines += ["", '### Brugere i verdenerne (revisionslog: `sagsbehandler "<bruger>"`)', ""]
    lines += ["Kommunekoden står i stedet for `{kode}`: Thisted er 0787, Aarhus 0751.", ""]
    lines += [f"- `{user}`: {who}" for user, who in user_ids()]
    lines += ["", '### Opgavetitler (`oprettes en manuel opgave ... med teksten "<tekst>"`)', ""]
    lines += ["Et stykke af titlen er nok; `{…}` udfyldes af systemet.", ""]
    lines += [f"- {title}" for title in task_titles()]
    lines += ["", '### Undtagelser for lukket læge (`begrundelsen nævner "<kode>"`)', ""]
    lines += [f"- `{code}`" for code in EXCEPTION_CODES]
    lines += ["", '### Begrundelser (`begrundelsen nævner "<tekst eller kode>"`)', ""]
    lines += ["Koden eller et stykke af den danske tekst; `{…}` udfyldes af systemet.", ""]
    lines += ["| kode | dansk tekst |", "|---|---|"]
    lines += [f"| `{code}` | {text.replace('|', '/')} |" for code, text in reasons()]
    return lines
