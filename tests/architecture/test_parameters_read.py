"""Every business parameter is read by some code: none is defined and left unread (issue 15).

A source scan: the parameter's name must stand in quotes (``"name"`` or ``'name'``, the way
`Parameters.use` / `Parameters.value` are called) in a Python module of the sandbox or the fakes
outside the parameter package itself. A name that only a docstring or a test mentions does not
count. A parameter that is no longer needed is removed from its YAML file with the reason in
docs/decisions.md, not kept unread.
"""

from __future__ import annotations

from pathlib import Path

from sandbox.parameters.loader import default_parameters

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "sandbox", ROOT / "fakes")
PARAMETER_PACKAGE = ROOT / "sandbox" / "parameters"


def _source_text() -> str:
    texts = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            if PARAMETER_PACKAGE not in path.parents:
                texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def unread_parameters() -> list[str]:
    """The parameter names no source module quotes."""
    text = _source_text()
    return [
        name
        for name in default_parameters().names
        if f'"{name}"' not in text and f"'{name}'" not in text
    ]


def test_every_parameter_is_read_by_some_code() -> None:
    unread = unread_parameters()
    assert unread == [], (
        f"parameters defined in sandbox/parameters/*.yaml but read by no code: {unread}"
    )


def test_the_scan_finds_a_parameter_a_rule_reads() -> None:
    # the scan itself works: a parameter read by a rule is not reported, an unknown name would be
    assert "distanceLimitKmDefault" not in unread_parameters()
    assert '"noSuchParameterAnywhere"' not in _source_text()
