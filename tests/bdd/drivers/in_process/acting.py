"""In-process driver: every action (Når) besides the GP choice, one command each over the bus.

Group changes, samlever, the doctor's answer to a dispensation, CPR's events (which the fake CPR
records and the system then reads with ConsumeCprFeed), the move from Greenland, practice
events, card orders, the audit-log extract, data restore and LUNA's faults.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sandbox.domain.model import Actor, CaseStatus, CaseType
from sandbox.service import commands
from tests.bdd.drivers.base import Outcome
from tests.bdd.drivers.in_process.core import CoreDriver, to_address


class Acting(CoreDriver):
    """Handlinger - what citizens, case workers, CPR, the region and LUNA do."""

    # gruppeskift -----------------------------------------------------------------------------
    def change_group(self, role: str, who: str, group: int, valid_from: date) -> Outcome:
        command = commands.ChangeGroup(
            self.actor(role, who), self.names.cpr(who), group, valid_from
        )
        return self.act(f"{who} skifter til sikringsgruppe {group} fra {valid_from}", command)

    # samlever and dispensation -----------------------------------------------------------------
    def declare_samlever(
        self, role: str, who: str, samlever: str, moving_in: dict[str, Any] | None
    ) -> Outcome:
        key = to_address(moving_in).key if moving_in is not None else None
        cpr = self.names.persons.get(samlever, samlever)
        command = commands.DeclareSamlever(self.actor(role, who), self.names.cpr(who), cpr, key)
        return self.act(f"{who} angiver {samlever} som samlever", command)

    def doctor_answers(self, who: str, accepts: bool) -> Outcome:
        """The closed doctor accepts or rejects the pending choice (registered by a case worker)."""
        cpr = self.names.cpr(who)
        pending = [
            case
            for case in self.registry.cases_of(cpr)
            if case.case_type is CaseType.GP_CHOICE and case.status is CaseStatus.PENDING
        ]
        if not pending:
            raise AssertionError(f"{who} har intet afventende lægevalg")
        actor = self.actor("case_worker", who)
        case_id = pending[-1].case_id
        if accepts:
            return self.act(f"lægen accepterer {who}", commands.AcceptDispensation(actor, case_id))
        command = commands.RejectDispensation(actor, case_id, "Lægen har sagt nej.", "No.")
        return self.act(f"lægen afviser {who}", command)

    # CPR ------------------------------------------------------------------------------------
    def read_cpr_feed(self, action: str) -> Outcome:
        return self.act(action, commands.ConsumeCprFeed(Actor.system()))

    def cpr_birth(self, child: str, cpr: str, mother: str, born: date, registered: date) -> Outcome:
        self.names.persons[child] = cpr
        self.cpr_backend.birth(cpr, born, self.names.cpr(mother), None, None, registered)
        return self.read_cpr_feed(f"CPR melder fødslen af {child}")

    def cpr_naming(self, child: str, on: date) -> Outcome:
        self.cpr_backend.naming(self.names.cpr(child), child, on)
        return self.read_cpr_feed(f"CPR melder navngivning af {child}")

    def cpr_move(self, who: str, address: dict[str, Any], on: date) -> Outcome:
        self.cpr_backend.move(self.names.cpr(who), address, on)
        return self.read_cpr_feed(f"CPR melder flytning af {who}")

    def cpr_move_from_greenland(self, who: str, address: dict[str, Any], on: date) -> Outcome:
        self.cpr_backend.move_from_greenland(self.names.cpr(who), address, on)
        return self.read_cpr_feed(f"CPR melder flytning fra Grønland af {who}")

    def cpr_renumber(self, who: str, new_cpr: str, on: date) -> Outcome:
        old = self.names.cpr(who)
        self.cpr_backend.renumber(old, new_cpr, on)
        self.names.persons[f"{who} (gammelt nummer)"] = old
        self.names.persons[who] = new_cpr
        return self.read_cpr_feed(f"CPR omnummererer {who}")

    def cpr_marriage(self, first: str, second: str, on: date) -> Outcome:
        self.cpr_backend.marriage(self.names.cpr(first), self.names.cpr(second), on)
        return self.read_cpr_feed(f"CPR melder vielse af {first} og {second}")

    def cpr_custody(self, child: str, holders: tuple[str, ...], on: date) -> Outcome:
        cprs = tuple(self.names.cpr(name) for name in holders)
        self.cpr_backend.custody(self.names.cpr(child), cprs, on)
        return self.read_cpr_feed(f"CPR melder forældremyndighed over {child}")

    def cpr_hold_feed(self, holding: bool) -> None:
        """CPR holds back (True) the feed entries of the events from now on, or stops."""
        self.cpr_backend.hold(holding)

    def cpr_release_feed(self) -> Outcome:
        self.cpr_backend.release()
        return self.read_cpr_feed("CPR leverer de forsinkede meldinger")

    def cpr_protection(self, who: str, on: date) -> Outcome:
        self.cpr_backend.set_protection(self.names.cpr(who), True, on)
        return self.read_cpr_feed(f"CPR melder navne- og adressebeskyttelse for {who}")

    def cpr_emigration(self, who: str, on: date) -> Outcome:
        self.cpr_backend.emigrate(self.names.cpr(who), on)
        return self.read_cpr_feed(f"CPR melder udrejse af {who}")

    def cpr_immigration(self, who: str, address: dict[str, Any], on: date, origin: str) -> Outcome:
        self.cpr_backend.immigrate(self.names.cpr(who), address, on, origin)
        return self.read_cpr_feed(f"CPR melder indrejse af {who}")

    def cpr_disappearance(self, who: str, on: date) -> Outcome:
        self.cpr_backend.disappear(self.names.cpr(who), on)
        return self.read_cpr_feed(f"CPR melder forsvinding af {who}")

    def cpr_annulment(self, who: str, on: date) -> Outcome:
        self.cpr_backend.annul(self.names.cpr(who), on)
        return self.read_cpr_feed(f"CPR melder annullering af {who}")

    def cpr_reappearance(self, who: str, address: dict[str, Any], on: date) -> Outcome:
        self.cpr_backend.reappear(self.names.cpr(who), address, on)
        return self.read_cpr_feed(f"CPR melder, at {who} er fundet")

    # flytning fra Grønland ------------------------------------------------------------------
    def choose_gp_for_greenland_move(
        self, role: str, who: str, address: dict[str, Any], practice: str
    ) -> Outcome:
        command = commands.ChooseGpForGreenlandMove(
            self.actor(role, who),
            self.names.cpr(who),
            address["municipality_code"],
            to_address(address),
            self.names.ydernummer(practice),
        )
        return self.act(f"{who} vælger {practice} ved flytning fra Grønland", command)

    # praksishændelser -----------------------------------------------------------------------
    def register_practice_event(
        self, kind: str, practice: str, effective: date, successors: tuple[str, ...] = ()
    ) -> Outcome:
        significant = kind != "minor_change"
        command = commands.RegisterPracticeEvent(
            Actor.system(),
            self.names.ydernummer(practice),
            "change" if kind == "minor_change" else kind,
            effective,
            tuple(self.names.ydernummer(name) for name in successors),
            significant,
        )
        outcome = self.act(f"regionen melder {kind} af {practice}", command)
        event_id = outcome.result.get("event_id")
        if event_id:
            self.practice_events.append(event_id)
        return outcome

    def cancel_practice_event(self, practice: str) -> Outcome:
        event_id = self.event_of(practice)
        command = commands.CancelPracticeEvent(self.actor("case_worker"), event_id)
        return self.act(f"praksishændelsen for {practice} annulleres", command)

    def wind_up_practice_events(self) -> Outcome:
        command = commands.ProcessPracticeEventDeadlines(Actor.system())
        return self.act("fristerne for praksishændelser behandles", command)

    def daily_work(self) -> Outcome:
        return self.act("det daglige arbejde", commands.ProcessDailyWork(Actor.system()))

    def choose_gp_ahead_of_move(
        self, role: str, who: str, practice: str, address: dict[str, Any], moving_on: date
    ) -> Outcome:
        command = commands.ChooseGp(
            self.actor(role, who),
            self.names.cpr(who),
            self.names.ydernummer(practice),
            moving_to=to_address(address),
            expected_move_date=moving_on,
        )
        return self.act(f"{who} vælger {practice} før flytningen", command)

    def extend_free_choice(self, role: str, who: str, practice: str, until: date) -> Outcome:
        command = commands.ExtendFreeChoice(
            self.actor(role, who), self.names.cpr(who), self.event_of(practice), until
        )
        return self.act(f"gratisperioden forlænges for {who}", command)

    def event_of(self, practice: str) -> str:
        ydernummer = self.names.ydernummer(practice)
        for event_id in reversed(self.practice_events):
            if self.registry.practice_event(event_id).ydernummer == ydernummer:
                return event_id
        raise AssertionError(f"ingen praksishændelse for {practice}")

    # hvilende sikring ----------------------------------------------------------------------
    def register_dormant(
        self, role: str, who: str, kind: str, start: date, end: date, judgment: date | None
    ) -> Outcome:
        command = commands.RegisterDormantInsurance(
            self.actor(role, who), self.names.cpr(who), kind, start, end, judgment
        )
        return self.act(f"hvilende sikring registreres for {who}", command)

    def end_dormant(self, role: str, who: str, on: date) -> Outcome:
        command = commands.EndDormantInsurance(self.actor(role, who), self.names.cpr(who), on)
        return self.act(f"{who} vender tilbage fra hvilende sikring", command)

    # sundhedskort ---------------------------------------------------------------------------
    def opt_out_of_physical_card(self, who: str) -> None:
        self.luna.opt_out(self.names.cpr(who), self.clock.now())

    def order_card(self, role: str, who: str, reason: str) -> Outcome:
        command = commands.OrderHealthCard(self.actor(role, who), self.names.cpr(who), reason)
        return self.act(f"{who} bestiller et sundhedskort ({reason})", command)

    # revisionslog og datagenopretning -----------------------------------------------------------
    def extract_audit_log(self, role: str, start: date, end: date, user: str | None) -> Outcome:
        command = commands.ExtractAuditLog(self.actor(role), start, end, user)
        return self.act(f"udtræk af revisionsloggen {start} til {end}", command)

    def restore(self, role: str, who: str, as_of: date, apply: bool) -> Outcome:
        moment = datetime.combine(as_of, time(0, 0))
        command = commands.RestoreCitizenData(
            self.actor(role, who), self.names.cpr(who), moment, not apply
        )
        return self.act(f"Service Desk genopretter {who}s data til {as_of}", command)

    # LUNA -----------------------------------------------------------------------------------
    def luna_down(self) -> None:
        self.luna.add_window(self.clock.now(), self.clock.now() + timedelta(days=3650), "timeout")

    def luna_up(self) -> Outcome:
        self.luna.clear_faults()
        return self.act("LUNA svarer igen", commands.RelayOutbox(Actor.system()))

    def luna_fails_next(self, fault: str) -> None:
        """LUNA's next registration fails this way ("error": a 5xx, or "timeout")."""
        self.luna.force_next(fault)

    def luna_answer_lost(self) -> None:
        """LUNA registers the next call but its answer is lost ("a cable dug over")."""
        self.luna.force_next("drop_after_commit")
