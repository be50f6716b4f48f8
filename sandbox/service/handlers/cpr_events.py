"""ConsumeCprFeed: apply CPR's event feed, in order, each entry as a typed command (SPEC 5.6).

The registry keeps the sequence number of the last event applied
(``Store.cpr_feed_sequence``); each run reads the entries after it from the CPR port (each a
`sandbox.service.ports.CprFeedEntry`, its head typed), parses each once into its command
(`sandbox.service.cpr_commands.CPR_COMMANDS`) and sends it through the bus as a part of this
command (`MessageBus.handle_part`), to the handler the wiring table
(`sandbox.service.bootstrap.COMMAND_HANDLERS`) gives it:

=====================  ============================  ==============================================
kind                   command                       handler
=====================  ============================  ==============================================
birth, naming          RegisterBirth,                `sandbox.service.handlers.births`
                       RegisterNaming
move                   RegisterMove                  `sandbox.service.handlers.moves`
move_from_greenland    RegisterMoveFromGreenland     `sandbox.service.handlers.greenland`
immigration,           RegisterImmigration,          `sandbox.service.handlers.immigration`: from
reappearance           RegisterReappearance          abroad or the Faroe Islands, or found after a
                                                     disappearance (70 -> 01): as a move-in
renumbering            RegisterRenumbering           `sandbox.service.handlers.renumbering`
annulment              RegisterAnnulment             `sandbox.service.handlers.annulment`: a number
                                                     annulled without a new one
emigration, death,     RegisterEmigration,           `sandbox.service.handlers.insurance_end`: the
move_to_greenland,     RegisterDeath,                group and listing end on the event date, the
disappearance          RegisterMoveToGreenland,      status follows CPR, open cases are cancelled
                       RegisterDisappearance         (a disappearance, status 70: only 01/03 give
                                                     sygesikring, SPEC 5.4)
civil_status           RegisterCivilStatus           `sandbox.service.handlers.person_data`
protection             RegisterProtection            `sandbox.service.handlers.person_data`; on,
                                                     it lapses after its period
                                                     (`sandbox.service.handlers.protection`)
custody                RegisterCustody               `sandbox.service.handlers.custody`
=====================  ============================  ==============================================

A handler returns False for an entry that does not concern Sygesikring (an unknown person, an
event already applied); unknown kinds are skipped. An entry the system cannot apply (broken
data, found when it is parsed or by its handler: a typed `SandboxError`) is reported in the
result's ``failed`` and skipped, so one bad record does not stop the feed; handlers decide
before they change anything, so it left no trace. What a new kind touches is said in
`sandbox.service.cpr_commands`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.domain.errors import SandboxError
from sandbox.service.commands import ConsumeCprFeed
from sandbox.service.cpr_commands import parse_entry
from sandbox.service.cpr_records import AddressReader
from sandbox.service.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CprFeedResult:
    """Resultat af CPR-læsning - events applied, skipped and failed, and where it stopped."""

    applied: int
    skipped: tuple[int, ...]
    failed: tuple[tuple[int, str], ...]
    last_sequence: int


def consume_cpr_feed(command: ConsumeCprFeed, uow: UnitOfWork) -> CprFeedResult:
    """Apply every CPR event after the last one applied, in sequence order."""
    registry = uow.registry
    if uow.cpr is None:
        return CprFeedResult(0, (), (), registry.cpr_feed_sequence)
    dispatch = uow.dispatch
    if dispatch is None:
        raise LookupError("the CPR feed's entries are sent through a bus; this unit has none")
    applied = 0
    skipped: list[int] = []
    failed: list[tuple[int, str]] = []
    begin, commit = uow.begin, uow.commit
    addresses = AddressReader(uow.geography)  # a household moving together is read once
    start = sequence = registry.cpr_feed_sequence
    # the port gives the entries with their heads typed (sequence, kind, person, date): the
    # simulator's fake its own events, without a dict made and read again per entry
    for entry in uow.cpr.events_after(start):
        sequence = entry.sequence
        savepoint = begin()  # an entry that fails half-way leaves no change
        try:
            part = parse_entry(entry, addresses)
            done = part is not None and bool(dispatch(part))
        except SandboxError as error:
            uow.rollback(savepoint)
            failed.append((sequence, error.code))
            done = False
        else:
            commit(savepoint)
            if done:
                applied += 1
            else:
                skipped.append(sequence)
    # the feed's place is noted once, after its last entry: nothing reads it while the feed
    # runs, and if the run fails the command's rollback takes it back either way
    if sequence != start:
        registry.feed_applied(sequence)
    return CprFeedResult(applied, tuple(skipped), tuple(failed), registry.cpr_feed_sequence)
