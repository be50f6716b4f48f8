"""Words the demo narration uses for the system's own names, in Danish and English.

Commands, roles, case types and statuses are identifiers in the code (``ChooseGp``,
``case_worker``, ``awaiting_luna``); a trainer's audience reads them as words. The time stamp
each narrated line carries is written here too.
"""

from __future__ import annotations

import re
from datetime import datetime

from sandbox.domain.decisions import Language
from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA, CaseStatus, CaseType, Role
from sandbox.domain.rules.cards import TRIGGER_DA, TRIGGER_EN, CardTrigger

MONTHS_SHORT_DA = [
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
]
MONTHS_SHORT_EN = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]

CASE_TYPE_EN = {
    CaseType.GP_CHOICE: "GP choice",
    CaseType.GROUP_CHANGE: "Group change",
    CaseType.CARD_ORDER: "Health card order",
    CaseType.MISSING_GP_CHOICE: "Missing GP choice",
    CaseType.PRACTICE_EVENT: "Practice event",
    CaseType.BIRTH: "Birth",
    CaseType.RENUMBERING: "Renumbering",
    CaseType.DATA_RESTORE: "Data restore",
    CaseType.SAMLEVER: "Samlever declaration",
}
CASE_STATUS_EN = {
    CaseStatus.CREATED: "Created",
    CaseStatus.AWAITING_LUNA: "Awaiting LUNA",
    CaseStatus.PENDING: "Pending approval",
    CaseStatus.COMPLETED: "Done",
    CaseStatus.CANCELLED: "Cancelled",
    CaseStatus.REFUSED: "Refused",
}
ROLES = {
    Role.CITIZEN: ("borger", "citizen"),
    Role.CASE_WORKER: ("sagsbehandler", "case worker"),
    Role.CASE_WORKER_SPECIAL: ("specialsagsbehandler", "special case worker"),
    Role.MUNICIPAL_ADMIN: ("kommunal administrator", "municipal administrator"),
    Role.OPERATOR: ("driftsoperatør", "operator"),
    Role.SYSTEM: ("systemet", "the system"),
}
# what a command (or a decision's subject, named after its command or in Danish) is called
ACTIONS = {
    "ChooseGpForGreenlandMove": (
        "Lægevalg ved flytning fra Grønland",
        "GP choice on a move from Greenland",
    ),
    "ChooseGp": ("Lægevalg", "GP choice"),
    "RelayOutbox": ("Afsendelse til LUNA", "Sending to LUNA"),
    "RegisterPracticeEvent": ("Praksishændelse registreres", "Practice event registered"),
    "CancelPracticeEvent": ("Praksishændelse annulleres", "Practice event cancelled"),
    "MovePracticeEvent": ("Praksishændelse flyttes", "Practice event moved"),
    "ProcessPracticeEventDeadlines": ("Praksishændelsernes frister", "Practice event deadlines"),
    "ProcessDailyWork": ("Daglig kørsel", "Daily run"),
    "ChangePracticeStatus": ("Praksis ændrer status", "Practice changes status"),
    "ChangePracticeCapacity": ("Praksis ændrer kapacitet", "Practice changes capacity"),
    "OrderHealthCard": ("Bestil sundhedskort", "Health card order"),
    "ExtractAuditLog": ("Udtræk af revisionslog", "Audit log extract"),
    "RestoreCitizenData": ("Datagenopretning", "Data restore"),
    "ChangeGroup": ("Gruppeskift", "Group change"),
    "ForceTransferToGroup1": ("Tvungen overførsel til gruppe 1", "Forced transfer to group 1"),
    "ConsumeCprFeed": ("CPR-hændelser læses", "CPR events read"),
    "AcceptDispensation": ("Dispensation accepteres", "Dispensation accepted"),
    "RejectDispensation": ("Dispensation afvises", "Dispensation rejected"),
    "DeclareSamlever": ("Angivelse af samlever", "Samlever declaration"),
    "ExtendFreeChoice": ("Frit valg forlænges", "Free choice extended"),
    "AheadOfMoveExpired": (
        "Lægevalg forud for flytning udløbet",
        "GP choice ahead of a move expired",
    ),
    "PracticeEventDeadline": ("Frist for praksishændelse", "Practice event deadline"),
    "Fee": ("Gebyr", "Fee"),
    "Sundhedskort": ("Sundhedskort", "Health card"),
    "Flytning fra Grønland": ("Flytning fra Grønland", "Move from Greenland"),
    "Flytning": ("Flytning", "Move"),
    "Omnummerering": ("Omnummerering", "Renumbering"),
    "Administrativ tildeling": ("Administrativ tildeling", "Administrative assignment"),
    "Sikring ophører": ("Sikring ophører", "Insurance ends"),
    "Gebyr for gruppeskift": ("Gebyr for gruppeskift", "Group change fee"),
    "Forældremyndighed": ("Forældremyndighed", "Custody"),
}
SUBJECT_WORDS = {
    "effective date": ("virkningsdato", "effective date"),
    "who": ("hvem", "who"),
    "group": ("gruppe", "group"),
}
IDS = re.compile(r"\b(?:\d{10}|F\d{8})\b")


def stamp(moment: datetime, language: Language) -> str:
    """9. apr. 2025 kl. 09:00 (Danish) or 9 Apr 2025 09:00 (English)."""
    if language == "da":
        return f"{moment.day}. {MONTHS_SHORT_DA[moment.month - 1]} {moment.year} kl. {moment:%H:%M}"
    return f"{moment.day} {MONTHS_SHORT_EN[moment.month - 1]} {moment.year} {moment:%H:%M}"


def case_type(kind: CaseType | str, language: Language) -> str:
    known = CaseType(kind)
    return CASE_TYPE_DA[known] if language == "da" else CASE_TYPE_EN[known]


def case_status(status: CaseStatus | str, language: Language) -> str:
    known = CaseStatus(status)
    return CASE_STATUS_DA[known] if language == "da" else CASE_STATUS_EN[known]


def action(name: str, language: Language) -> str:
    words = ACTIONS.get(name)
    return name if words is None else words[0 if language == "da" else 1]


def role(value: Role, language: Language) -> str:
    return ROLES[value][0 if language == "da" else 1]


def role_named(danish_word: str, language: Language) -> str:
    """A role the audit log names in Danish, in the reader's words."""
    for da, en in ROLES.values():
        if da == danish_word:
            return da if language == "da" else en
    return danish_word


def subject(text: str, language: Language) -> str:
    """A decision's subject in the reader's words: ``ChooseGp 0101011234 -> 900101`` becomes
    ``Lægevalg 0101011234 -> 900101``; a case type in brackets is named."""
    for name in sorted(ACTIONS, key=len, reverse=True):
        if text.startswith(name):
            text = action(name, language) + text[len(name) :]
            break
    for word, (da, en) in SUBJECT_WORDS.items():
        text = re.sub(rf"\b{word}\b", da if language == "da" else en, text)

    def _kind(match: re.Match[str]) -> str:
        try:
            return f"({case_type(match.group(1), language)})"
        except ValueError:
            pass
        try:  # a card order's trigger
            trigger = CardTrigger(match.group(1))
        except ValueError:
            return match.group(0)
        return f"({(TRIGGER_DA if language == 'da' else TRIGGER_EN)[trigger]})"

    return re.sub(r"\((\w+)\)", _kind, text)
