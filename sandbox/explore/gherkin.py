"""Write a schedule as a Danish Gherkin feature: `# language: da`, one `Scenarie`, the step
catalogue's steps (docs/steps.md), and a last `Så` that states the broken invariant.

Every schedule step has one catalogue step; the feature's world is the one the schedule ran in
(`sandbox.explore.world` builds it as the features' Givet-steps do), so the feature fails where
the schedule failed, in the ordinary pytest-bdd setup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sandbox.explore.checks import STATEMENTS_DA
from sandbox.explore.schedule import SETUP_KINDS, Schedule, Step
from sandbox.explore.world import address

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
EVENT_KINDS_DA = {"closure": "nedlæggelse", "transfer": "overdragelse", "change": "ændring"}
LUNA_FAULTS_DA = {"error": "en serverfejl", "timeout": "en timeout"}
CARD_REASONS_DA = {"lost": "bortkommet", "damaged": "beskadiget", "not_received": "ikke modtaget"}


def date_da(day: date) -> str:
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


class Writer:
    """Skriver - one schedule's steps as Danish lines."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule

    def address(self, number: int) -> str:
        found = address(self.schedule.municipality, int(number))
        return f"{found['street']} {found['house_number']}, {found['postcode']} {found['city']}"

    def line(self, step: Step, today: date) -> str:
        a = step.args
        on = date_da(today)
        late = bool(a.get("late"))  # CPR holds the event back until "leverer de forsinkede"
        held = ", men meldingen er forsinket" if late else ""
        lines: dict[str, Callable[[], str]] = {
            "practice": lambda: (
                f'praksis "{a.get("name")}" på {self.address(a.get("number", 1))} '
                f"er {'åben' if a.get('open') else 'lukket'} for tilgang"
            ),
            "person": lambda: (
                f'borgeren "{a.get("name")}" bor på {self.address(a.get("number", 1))}'
            ),
            "listed": lambda: f'"{a.get("person")}" er tilmeldt "{a.get("practice")}"',
            "opted_out": lambda: f'"{a.get("person")}" har fravalgt det fysiske sundhedskort',
            "choose": lambda: f'"{a.get("person")}" vælger "{a.get("practice")}" i selvbetjeningen',
            "samlever": lambda: (
                f'"{a.get("person")}" angiver "{a.get("samlever")}" som samlever '
                f"med tilflytningsadressen {self.address(a.get('number', 1))}"
            ),
            "move": lambda: (
                f'CPR {"registrerer" if late else "melder"}, at "{a.get("person")}" flytter til '
                f"{self.address(a.get('number', 1))} den {on}{held}"
            ),
            "renumber": lambda: (
                (
                    f'CPR registrerer omnummereringen af "{a.get("person")}" til '
                    if late
                    else f'CPR omnummererer "{a.get("person")}" til '
                )
                + f"{str(a.get('new_cpr'))[:6]}-{str(a.get('new_cpr'))[6:]} den {on}{held}"
            ),
            "cpr_release": lambda: "CPR leverer de forsinkede meldinger",
            "practice_event": lambda: (
                f"regionen melder {EVENT_KINDS_DA[str(a.get('kind'))]} af "
                f'"{a.get("practice")}" med virkning fra '
                f"{date_da(today + timedelta(days=int(a.get('in_days', 0))))}"
            ),
            "deadlines": lambda: "systemet behandler fristerne for praksishændelser",
            "group": lambda: (
                f'borgeren skifter "{a.get("person")}" til sikringsgruppe '
                f"{a.get('group')} med gyldighed fra {on}"
            ),
            "card": lambda: (
                f'borgeren bestiller et nyt sundhedskort til "{a.get("person")}", '
                f"fordi det er {CARD_REASONS_DA[str(a.get('reason'))]}"
            ),
            "luna_down": lambda: "LUNA svarer ikke",
            "luna_lost": lambda: "LUNAs næste svar går tabt",
            "luna_fault": lambda: (
                f"LUNA svarer med {LUNA_FAULTS_DA[str(a.get('fault'))]} på det næste kald"
            ),
            "luna_up": lambda: "LUNA svarer igen",
            "minutes": lambda: f"der går {a.get('minutes')} minutter",
        }
        return lines[step.do]()


def feature_text(schedule: Schedule, invariant: str, title: str | None = None) -> str:
    """The feature: Givet the world, Når each step on its day, Så the invariant."""
    writer = Writer(schedule)
    start = schedule.start
    name = title or f"{schedule.scenario}, seed {schedule.seed}/{schedule.interleaving}"
    out = [
        "# language: da",
        f"# Skrevet af sandbox explore: {schedule.scenario} seed {schedule.seed} "
        f"interleaving {schedule.interleaving}"
        + (f", mutant {schedule.mutant}" if schedule.mutant else ""),
        "@udforsket",
        f"Egenskab: Fundet af udforskeren: {STATEMENTS_DA[invariant]}",
        "",
        f"  Scenarie: {name}",
        f"    Givet dags dato er {date_da(start)}",
    ]
    today, acting = start, False
    for step in schedule.steps:
        day = start + timedelta(days=step.day)
        if day > today:
            today = day
            out.append(f"    {'Og' if acting else 'Når'} dags dato er {date_da(today)}")
            acting = True
        if step.do in SETUP_KINDS:
            keyword = "Og"  # the world is set up before anything happens
        else:
            keyword, acting = ("Og" if acting else "Når"), True
        out.append(f"    {keyword} {writer.line(step, today)}")
    out.append(f'    Så gælder invarianten "{STATEMENTS_DA[invariant]}"')
    return "\n".join(out) + "\n"


def step_count(text: str) -> int:
    """How many steps a feature's scenario has (Givet/Når/Så/Og/Men lines)."""
    keywords = ("Givet ", "Når ", "Så ", "Og ", "Men ")
    return sum(1 for line in text.splitlines() if line.strip().startswith(keywords))
