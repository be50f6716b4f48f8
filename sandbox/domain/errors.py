"""The typed error tree of the sandbox, with stable codes and Danish and English messages.

Every error a user can meet (a bad CPR number, an unknown practice, a refused rule, a broken
scenario file) is a `SandboxError` with a stable ``code``, a ``kind`` that the API maps to an HTTP
status in one place, the fields that explain it, and a message in Danish and in English. Messages
that could leak protected data are generic by design (DESIGN.md principle 9).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from sandbox.domain.decisions import Decision


class SandboxError(Exception):
    """Fejl - the root of every error the sandbox raises on purpose."""

    code: ClassVar[str] = "SANDBOX_ERROR"
    kind: ClassVar[str] = "invalid"  # invalid | not_found | conflict | forbidden | unauthorized
    da: ClassVar[str] = "Der opstod en fejl i sandkassen."
    en: ClassVar[str] = "The sandbox met an error."

    def __init__(self, **fields: Any) -> None:
        self.fields = fields
        super().__init__(self.message_en)

    @property
    def message_da(self) -> str:
        return self.da.format(**self.fields)

    @property
    def message_en(self) -> str:
        return self.en.format(**self.fields)

    def to_dict(self) -> dict[str, Any]:
        """The error as the API and the CLI show it: code, both messages and the fields."""
        return {
            "code": self.code,
            "message_da": self.message_da,
            "message_en": self.message_en,
            "fields": {key: _plain(value) for key, value in self.fields.items()},
        }


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


class DomainError(SandboxError):
    """Domænefejl - input the rules cannot accept."""

    code = "DOMAIN_ERROR"


class InvalidCpr(DomainError):
    code = "INVALID_CPR"
    da = "CPR-nummeret '{value}' er ugyldigt: {reason_da}"
    en = "The CPR number '{value}' is invalid: {reason_en}"


class InvalidInput(DomainError):
    code = "INVALID_INPUT"
    da = "Ugyldigt input for '{field}': {reason_da}"
    en = "Invalid input for '{field}': {reason_en}"


class UnknownMunicipality(DomainError):
    code = "UNKNOWN_MUNICIPALITY"
    kind = "not_found"
    da = "Kommunekoden '{value}' findes ikke."
    en = "The municipality code '{value}' does not exist."


class UnknownPostcode(DomainError):
    code = "UNKNOWN_POSTCODE"
    kind = "not_found"
    da = "Postnummeret '{value}' findes ikke."
    en = "The postcode '{value}' does not exist."


class UnknownPractice(DomainError):
    code = "UNKNOWN_PRACTICE"
    kind = "not_found"
    da = "Ydernummeret '{value}' findes ikke."
    en = "The provider number '{value}' does not exist."


class InvalidYdernummer(DomainError):
    code = "INVALID_YDERNUMMER"
    da = "Ydernummeret '{value}' er ugyldigt: det skal være 6 cifre."
    en = "The provider number '{value}' is invalid: it must be 6 digits."


class UnknownCitizen(DomainError):
    code = "UNKNOWN_CITIZEN"
    kind = "not_found"
    da = "Borgeren med CPR-nummer '{cpr}' findes ikke i Sygesikring."
    en = "No citizen with CPR number '{cpr}' is known to Sygesikring."


class UnknownCase(DomainError):
    code = "UNKNOWN_CASE"
    kind = "not_found"
    da = "Forløbet '{case_id}' findes ikke."
    en = "The case '{case_id}' does not exist."


class RuleRefused(DomainError):
    """Afvist - a rule refused a command; the decision says which rule and why."""

    code = "RULE_REFUSED"
    kind = "conflict"
    da = "Afvist: {reason_da}"
    en = "Refused: {reason_en}"

    def __init__(self, decision: Decision) -> None:
        # The texts are rendered when first read, not here: most refusals (the simulator's,
        # a choice tried by the daily work) are counted by code and never shown.
        self.decision = decision
        self._fields: dict[str, Any] | None = None
        Exception.__init__(self)

    @property
    def fields(self) -> dict[str, Any]:
        """The rule and both texts of the refusing decision, rendered on first read."""
        if self._fields is None:
            first = self.decision.reasons[0] if self.decision.reasons else None
            self._fields = {
                "rule_id": first.rule_id if first else "",
                "reason_da": self.decision.text("da"),
                "reason_en": self.decision.text("en"),
            }
        return self._fields

    @fields.setter
    def fields(self, fields: dict[str, Any]) -> None:
        self._fields = fields

    # str(), repr() and the args show the English message, as for every SandboxError
    @property
    def args(self) -> tuple[Any, ...]:  # type: ignore[override]
        return (self.message_en,)

    def __str__(self) -> str:
        return self.message_en

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message_en!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.decision,))

    @property
    def refusal_code(self) -> str:
        """The stable code of the refusing reason, e.g. ``PRACTICE_CLOSED``."""
        return self.decision.refusal_code

    def to_dict(self) -> dict[str, Any]:
        body = super().to_dict()
        body["refusal_code"] = self.refusal_code
        body["decision"] = self.decision.to_dict()
        return body


class ParameterError(SandboxError):
    """Forretningsparameterfejl - the dated business parameters are broken or asked wrongly."""

    code = "PARAMETER_ERROR"
    da = "Forretningsparameter '{name}': {problem_da}"
    en = "Business parameter '{name}': {problem_en}"


class ScenarioError(SandboxError):
    code = "SCENARIO_ERROR"
    da = "Scenariet '{path}' kan ikke bruges: {problem_da}"
    en = "The scenario '{path}' cannot be used: {problem_en}"


class RoleNotAllowed(DomainError):
    """Ikke tilladt - the actor's role may not do this (e.g. only administrators extract)."""

    code = "ROLE_NOT_ALLOWED"
    kind = "forbidden"
    da = "Rollen '{role_da}' må ikke {action_da}; det kræver rollen '{required_da}'."
    en = "The role '{role_en}' may not {action_en}; it takes the role '{required_en}'."


class CaseNotAwaitingAcceptance(DomainError):
    """Forløbet afventer ikke lægens accept - accept/reject of a case that is not pending."""

    code = "CASE_NOT_AWAITING_ACCEPTANCE"
    kind = "conflict"
    da = "Forløbet '{case_id}' afventer ikke lægens accept (status: {status})."
    en = "The case '{case_id}' is not awaiting the doctor's acceptance (status: {status})."


class CaseStatusChangeNotAllowed(DomainError):
    """Statusskiftet er ikke tilladt - a case asked to move where SPEC 7.3's flow does not go
    (an ended case reopened, a completed one cancelled): the system's own mistake, refused
    before anything changes."""

    code = "CASE_STATUS_CHANGE_NOT_ALLOWED"
    kind = "conflict"
    da = "Forløbet '{case_id}' kan ikke skifte status fra {from_da} til {to_da}."
    en = "The case '{case_id}' cannot change status from {from_en} to {to_en}."
