"""The report's plots, drawn with matplotlib as inline SVG text (one file, readable offline).

Deterministic: the Agg backend, ``svg.hashsalt`` fixed and no date in the metadata, so the same
run gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "sygesikring-sandbox",
        "svg.fonttype": "path",
        "font.size": 9,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)
COLOURS = ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d96a3", "#2e4057", "#b56576")


def svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(height: float = 3.0) -> tuple[Figure, Any]:
    figure, axes = plt.subplots(figsize=(9.0, height))
    return figure, axes


def _dates(days: list[dict[str, Any]]) -> list[str]:
    return [row["date"] for row in days]


def _ticks(axes: Any, labels: list[str]) -> None:
    step = max(1, len(labels) // 8)
    positions = list(range(0, len(labels), step))
    axes.set_xticks(positions, [labels[i] for i in positions], rotation=30, ha="right")


def cases_over_time(days: list[dict[str, Any]], labels: dict[str, str]) -> str:
    """Open cases by type and status per day, and closed cases by final status (cumulative)."""
    figure, (open_axes, closed_axes) = plt.subplots(1, 2, figsize=(11.0, 3.4))
    keys = sorted({key for row in days for key in row["open_cases"]})
    x = list(range(len(days)))
    for index, key in enumerate(keys):
        values = [row["open_cases"].get(key, 0) for row in days]
        open_axes.plot(x, values, label=_label(key, labels), color=COLOURS[index % 8])
    open_axes.set_title("Åbne forløb / open cases")
    closed = sorted({key for row in days for key in row["closed_cases"]})
    for index, key in enumerate(closed):
        values = [row["closed_cases"].get(key, 0) for row in days]
        closed_axes.plot(x, values, label=_label(key, labels), color=COLOURS[index % 8])
    closed_axes.set_title("Afsluttede forløb (akkumuleret) / closed cases (cumulative)")
    for axes in (open_axes, closed_axes):
        _ticks(axes, _dates(days))
        if axes.get_legend_handles_labels()[0]:
            axes.legend(fontsize=7, loc="upper left")
    return svg(figure)


def _label(key: str, labels: dict[str, str]) -> str:
    kind, _, status = key.partition(":")
    return f"{labels.get(kind, kind)}: {status}"


def luna(days: list[dict[str, Any]]) -> str:
    figure, axes = _figure()
    x = list(range(len(days)))
    peaks = [row.get("luna_backlog_peak", row["luna_backlog"]) for row in days]
    axes.bar(x, peaks, color=COLOURS[5], label="største kø / peak backlog")
    axes.set_ylabel("registreringer i kø / queued")
    axes.set_ylim(0, max(1, *peaks) * 1.1)
    twin = axes.twinx()
    mean = [row["luna_latency_mean"] or 0.0 for row in days]
    peak = [row["luna_latency_max"] or 0.0 for row in days]
    twin.plot(x, mean, color=COLOURS[0], label="middel / mean")
    twin.plot(x, peak, color=COLOURS[1], linestyle="--", label="max")
    twin.set_ylabel("sekunder til LUNA-kvittering / seconds")
    twin.set_yscale("symlog")
    axes.set_title("LUNA: dagens største kø og svartid / peak backlog and latency per day")
    _ticks(axes, _dates(days))
    lines = axes.get_legend_handles_labels()
    more = twin.get_legend_handles_labels()
    axes.legend(lines[0] + more[0], lines[1] + more[1], fontsize=7, loc="upper left")
    return svg(figure)


def letters_and_cards(days: list[dict[str, Any]]) -> str:
    figure, axes = _figure()
    x = list(range(len(days)))
    series = (
        ("letters", "breve / letters"),
        ("cards_physical", "fysiske kort / physical cards"),
        ("cards_skipped", "kort sprunget over (fravalg) / skipped (opt-out)"),
        ("cards_standalone", "selvstændige bestillinger / standalone orders"),
    )
    for index, (key, label) in enumerate(series):
        axes.plot(x, [row[key] for row in days], label=label, color=COLOURS[(0, 1, 2, 4)[index]])
    axes.set_title("Breve og kortbestillinger pr. dag / letters and card orders per day")
    _ticks(axes, _dates(days))
    axes.legend(fontsize=7, loc="upper left")
    return svg(figure)


def uptake(events: list[dict[str, Any]]) -> str:
    shown = events[:40]
    figure, axes = _figure(max(2.0, 0.28 * len(shown) + 1.0))
    labels = [f"{e['event_id']} {e['kind']} ({e['ydernummer']})" for e in shown]
    shares = [100.0 * e["chose_another"] / e["listed"] if e["listed"] else 0.0 for e in shown]
    axes.barh(range(len(shown)), shares, color=COLOURS[3])
    axes.set_yticks(range(len(shown)), labels, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel("% af de tilmeldte der valgte en anden læge / % of listed who chose another")
    axes.set_title("Gratis lægevalg pr. praksishændelse / free-choice uptake per practice event")
    return svg(figure)


def bars(values: dict[str, int], title: str, colour: str = COLOURS[1]) -> str:
    names = list(values)
    figure, axes = _figure(max(2.0, 0.3 * len(names) + 1.0))
    axes.barh(range(len(names)), [values[n] for n in names], color=colour)
    axes.set_yticks(range(len(names)), names, fontsize=7)
    axes.invert_yaxis()
    axes.set_title(title)
    return svg(figure)


PLOTS: dict[str, Callable[..., str]] = {
    "cases": cases_over_time,
    "luna": luna,
    "letters_and_cards": letters_and_cards,
    "uptake": uptake,
    "bars": bars,
}
