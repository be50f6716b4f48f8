"""The report's plots, drawn with matplotlib as inline SVG text (one file, readable offline).

Deterministic: the Agg backend, ``svg.hashsalt`` fixed and no date in the metadata, so the same
run gives the same bytes. Legends sit beside the axes, never on the data; axes that count have
whole-number ticks; a day without a LUNA confirmation leaves a gap, not a latency of 0; labels
are Danish with the English beside, as the tables are; the scenario's LUNA outages and injected
faults are shaded on every time plot (`Window`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

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


@dataclass(frozen=True, slots=True)
class Window:
    """Et nedbrud eller en fejl - a stretch of the run to shade, in day positions (x = day index;
    a day spans x - 0.5 to x + 0.5). A fault at a moment is a narrow window."""

    start: float
    end: float
    label: str
    fault: bool = False  # an injected fault (amber), not an outage (red)


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
    axes.set_xlim(-0.5, max(0.5, len(labels) - 0.5))


def _counts(axis: Any) -> None:
    """Whole-number ticks on an axis that counts (no 2.5 cases)."""
    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))


def _legend_beside(
    axes: Any, handles: list[Any] | None = None, names: list[str] | None = None
) -> None:
    """The legend to the right of the axes, clear of every bar and line."""
    if handles is None or names is None:
        handles, names = axes.get_legend_handles_labels()
    if handles:
        axes.legend(handles, names, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _shade(axes: Any, windows: Sequence[Window]) -> None:
    """Shade the outage and fault windows; each kind of window is named once in the legend."""
    named: set[str] = set()
    for window in windows:
        label = window.label if window.label not in named else None
        named.add(window.label)
        width = max(window.end - window.start, 0.04)  # a moment still shows
        colour = COLOURS[2] if window.fault else COLOURS[1]
        axes.axvspan(window.start, window.start + width, color=colour, alpha=0.2, lw=0, label=label)


def cases_over_time(
    days: list[dict[str, Any]],
    labels: dict[str, str],
    status_labels: dict[str, str] | None = None,
    windows: Sequence[Window] = (),
) -> str:
    """Open cases by type and status per day (with the day's peak of cases awaiting LUNA), and
    closed cases by final status (cumulative)."""
    statuses = status_labels or {}
    figure, (open_axes, closed_axes) = plt.subplots(2, 1, figsize=(9.0, 6.4))
    keys = sorted({key for row in days for key in row["open_cases"]})
    x = list(range(len(days)))
    for index, key in enumerate(keys):
        values = [row["open_cases"].get(key, 0) for row in days]
        open_axes.plot(x, values, label=_label(key, labels, statuses), color=COLOURS[index % 8])
    awaiting = [row.get("luna_backlog_peak", row.get("luna_backlog", 0)) for row in days]
    open_axes.plot(
        x,
        awaiting,
        label="Afventer LUNA (dagens højeste) / awaiting LUNA (day's peak)",
        color=COLOURS[6],
        linestyle=":",
        marker="o",
        markersize=3,
    )
    open_axes.set_title("Åbne forløb ved dagens slut / open cases at the end of each day")
    closed = sorted({key for row in days for key in row["closed_cases"]})
    for index, key in enumerate(closed):
        values = [row["closed_cases"].get(key, 0) for row in days]
        closed_axes.plot(x, values, label=_label(key, labels, statuses), color=COLOURS[index % 8])
    closed_axes.set_title("Afsluttede forløb (akkumuleret) / closed cases (cumulative)")
    for axes in (open_axes, closed_axes):
        _shade(axes, windows)
        _ticks(axes, _dates(days))
        _counts(axes.yaxis)
        axes.set_ylim(bottom=0)
        _legend_beside(axes)
    figure.subplots_adjust(hspace=0.55)
    return svg(figure)


def _label(key: str, labels: dict[str, str], statuses: dict[str, str]) -> str:
    kind, _, status = key.partition(":")
    return f"{labels.get(kind, kind)}: {statuses.get(status, status)}"


def luna(days: list[dict[str, Any]], windows: Sequence[Window] = ()) -> str:
    figure, axes = _figure()
    x = list(range(len(days)))
    peaks = [row.get("luna_backlog_peak", row["luna_backlog"]) for row in days]
    axes.bar(x, peaks, color=COLOURS[5], alpha=0.8, label="største kø / peak backlog")
    axes.set_ylabel("forløb i kø / cases queued")
    axes.set_ylim(0, max(1, *peaks) * 1.1)
    _counts(axes.yaxis)
    _shade(axes, windows)
    twin = axes.twinx()
    # a day without a confirmation has no latency: a gap in the line, not a drop to 0
    mean = [
        math.nan if row["luna_latency_mean"] is None else row["luna_latency_mean"] for row in days
    ]
    peak = [
        math.nan if row["luna_latency_max"] is None else row["luna_latency_max"] for row in days
    ]
    twin.plot(
        x, mean, color=COLOURS[0], marker="o", markersize=3, label="svartid, middel / mean latency"
    )
    twin.plot(
        x, peak, color=COLOURS[1], linestyle="--", marker="o", markersize=3,
        label="svartid, højeste / max latency",
    )  # fmt: skip
    twin.set_ylabel("sekunder til LUNA-kvittering / seconds")
    twin.set_yscale("symlog")
    twin.grid(False)
    axes.set_title("LUNA: dagens største kø og svartid / peak backlog and latency per day")
    _ticks(axes, _dates(days))
    lines = axes.get_legend_handles_labels()
    more = twin.get_legend_handles_labels()
    axes.legend(
        lines[0] + more[0], lines[1] + more[1], fontsize=7, loc="upper left",
        bbox_to_anchor=(1.12, 1.0),
    )  # fmt: skip
    return svg(figure)


def letters_and_cards(days: list[dict[str, Any]], windows: Sequence[Window] = ()) -> str:
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
    _shade(axes, windows)
    _ticks(axes, _dates(days))
    _counts(axes.yaxis)
    axes.set_ylim(bottom=0)
    _legend_beside(axes)
    return svg(figure)


def uptake(events: list[dict[str, Any]]) -> str:
    shown = events[:40]
    figure, axes = _figure(max(2.0, 0.28 * len(shown) + 1.0))
    labels = [f"{e['event_id']} {e['kind']} ({e['ydernummer']})" for e in shown]
    shares = [100.0 * e["chose_another"] / e["listed"] if e["listed"] else 0.0 for e in shown]
    axes.barh(range(len(shown)), shares, color=COLOURS[3])
    axes.set_yticks(range(len(shown)), labels, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("% af de tilmeldte der valgte en anden læge / % of listed who chose another")
    axes.set_title("Gratis lægevalg pr. praksishændelse / free-choice uptake per practice event")
    return svg(figure)


def bars(values: dict[str, int], title: str, colour: str = COLOURS[1]) -> str:
    names = list(values)
    figure, axes = _figure(max(2.0, 0.3 * len(names) + 1.0))
    axes.barh(range(len(names)), [values[n] for n in names], color=colour)
    axes.set_yticks(range(len(names)), names, fontsize=7)
    axes.invert_yaxis()
    _counts(axes.xaxis)
    axes.set_title(title)
    return svg(figure)


PLOTS: dict[str, Callable[..., str]] = {
    "cases": cases_over_time,
    "luna": luna,
    "letters_and_cards": letters_and_cards,
    "uptake": uptake,
    "bars": bars,
}
