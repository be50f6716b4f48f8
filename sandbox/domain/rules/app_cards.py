"""Sundhedskort-appen: whose cards the app shows a parent (SPEC 3.7, 6.3 [C:S36]).

SPEC 6.3: the app "Shows the user's children's cards until they turn 15"; SPEC 3.7: "The
Sundhedskort app shows a parent the children's cards until they are 15". The age is the dated
parameter ``age.appShowsChildrenUntil`` (15, the value in force on the day asked about).

- `age_on` - whole years on a day (as `Citizen.age_on`).
- `decide_app_shows_child` - allowed (shown) while the child is younger than the parameter on
  ``on``: at 14 years and 364 days the card is shown, on the 15th birthday it is not.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.parameters import Parameters

RULE = "cards.app_shows_children"
SOURCE = "SPEC 3.7, 6.3, 10 [C:S36]"
PARAMETER = "age.appShowsChildrenUntil"


def age_on(birth_date: date, on: date) -> int:
    """Whole years from ``birth_date`` to ``on``."""
    years = on.year - birth_date.year
    return years - ((on.month, on.day) < (birth_date.month, birth_date.day))


def decide_app_shows_child(birth_date: date, on: date, parameters: Parameters) -> Decision:
    """Shown while the child is under ``age.appShowsChildrenUntil`` on ``on``."""
    limit = parameters.use(PARAMETER, on)
    age = age_on(birth_date, on)
    fields: tuple[tuple[str, object], ...] = (("on", on), ("age", age), ("limit", limit.value))
    if age < int(limit.value):
        return Decision.allow(
            Reason(
                RULE,
                "APP_SHOWS_CHILD",
                "Den {on} er barnet {age} år. Sundhedskort-appen viser forældrene barnets "
                "sundhedskort, til barnet fylder {limit} år.",
                "On {on} the child is {age}. The Sundhedskort app shows the parents the child's "
                "health card until the child turns {limit}.",
                SOURCE,
                fields,
                (limit,),
            )
        )
    return Decision.refuse(
        Reason(
            RULE,
            "APP_CHILD_TOO_OLD",
            "Den {on} er barnet {age} år. Sundhedskort-appen viser kun forældrene et barns "
            "sundhedskort, til barnet fylder {limit} år; barnet kan selv bruge appen.",
            "On {on} the child is {age}. The Sundhedskort app shows the parents a child's "
            "health card only until the child turns {limit}; the child can use the app itself.",
            SOURCE,
            fields,
            (limit,),
        )
    )
