"""The step library: the shared steps of every feature, grouped Givet / Når / Så.

Each step reads the way a case worker speaks (SPEC section 11's glossary) and delegates, in a
few lines, to ONE driver object (the ``driver`` fixture): in-process by default, or HTTP
against ``sandbox serve`` with ``--sandbox-url``. A step never reaches the service layer
itself. A step's docstring is its Danish description in ``docs/steps.md`` (the catalogue:
``python -m tests.bdd.catalogue``). The pytest wiring (options, the driver, the report) is in
``tests/bdd/wiring.py``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from pytest_bdd import given, parsers, then, when

from sandbox.domain.cpr import Cpr
from sandbox.domain.rules.fee_regulation import regulate
from tests.bdd.drivers.base import Outcome
from tests.bdd.drivers.contract import Driver
from tests.bdd.drivers.places import GREENLAND, address_dict, address_in, municipality_code
from tests.bdd.vocabulary import TYPES, AddressText, DateExpr, event_kind, names_action
from tests.bdd.wiring import driver, pytest_addoption, pytest_configure

__all__ = ["driver", "pytest_addoption", "pytest_configure"]

SINCE = date(2020, 1, 1)  # from when a person's group and doctor hold, unless a step says
ADULT = date(1980, 5, 5)  # the birth date of a person the feature gives no CPR number
ONE_DAY = timedelta(days=1)


def step(pattern: str) -> parsers.parse:
    return parsers.parse(pattern, extra_types=TYPES)


def explain(driver: Driver) -> str:
    last = driver.last
    return "ingen handling endnu" if last is None else f"{last.action}: {last.explanation_da()}"


def expect(condition: bool, driver: Driver, wanted: str) -> None:
    """Fail with what was expected and what the system did and why, not with a Python repr."""
    if not condition:
        raise AssertionError(f"forventede {wanted}; {explain(driver)}")


def settled(outcome: Outcome) -> None:
    """A Givet-step that acts must succeed, or the scenario starts from a wrong world."""
    if not outcome.accepted:
        raise AssertionError(
            f"forudsætningen mislykkedes: {outcome.action}: {outcome.explanation_da()}"
        )


def on(driver: Driver, day: DateExpr) -> date:
    return day.on(driver.today())


# =============================================================================================
# Givet
# =============================================================================================
@given(step("dags dato er {day:Dato}"))
@when(step("dags dato er {day:Dato}"))
def given_today(driver: Driver, day: DateExpr) -> None:
    """Stiller sandkassens ur: alle regler afgør ud fra denne dag."""
    driver.set_today(on(driver, day))


@given(step("sandkassens demoverden"))
def given_demo_world(driver: Driver) -> None:
    """Demoverdenen fra `sandbox serve`: Aarhus og Thisted med release-noternes demopersoner."""
    driver.use_demo_world()


@given(step('demoborgeren "{name:Navn}" har CPR-nummer {cpr:CPR}'))
def given_demo_person(driver: Driver, name: str, cpr: str) -> None:
    """Giver en person, der findes i demoverdenen, et navn i egenskaben."""
    driver.know_person(name, cpr)


@given(
    step(
        '"{practice:Navn}" er den første praksis i {municipality:Kommune}, der er åben for tilgang'
    )
)
def given_first_open_practice(driver: Driver, practice: str, municipality: str) -> None:
    """Giver den første åbne praksis i kommunen (efter ydernummer) et navn i egenskaben."""
    driver.pick_practice(practice, municipality_code(municipality))


@given(step('borgeren "{name:Navn}" med CPR-nummer {cpr:CPR} bor på {home:Adresse}'))
def given_citizen_with_cpr(driver: Driver, name: str, cpr: str, home: AddressText) -> None:
    """En borger i sikringsgruppe 1 med et bestemt CPR-nummer (fødselsdato herfra)."""
    driver.add_person(name, cpr, address_dict(home), Cpr.parse(cpr).birth_date, 1, SINCE)


@given(step('borgeren "{name:Navn}" bor på {home:Adresse}'))
def given_citizen_at(driver: Driver, name: str, home: AddressText) -> None:
    """En voksen borger i sikringsgruppe 1 på en adresse; CPR-nummeret opfindes."""
    driver.add_person(name, driver.names.next_cpr(ADULT), address_dict(home), ADULT, 1, SINCE)


@given(step('borgeren "{name:Navn}" bor i {municipality:Kommune}'))
def given_citizen_in(driver: Driver, name: str, municipality: str) -> None:
    """En voksen borger i sikringsgruppe 1 et sted i kommunen."""
    home = address_in(municipality, len(driver.names.persons) + 1)
    driver.add_person(name, driver.names.next_cpr(ADULT), home, ADULT, 1, SINCE)


@given(step('borgeren "{name:Navn}" med CPR-nummer {cpr:CPR} bor i Grønland'))
def given_greenlander(driver: Driver, name: str, cpr: str) -> None:
    """En person i det grønlandske CPR (status 05): ikke omfattet af dansk sygesikring."""
    driver.add_person(name, cpr, dict(GREENLAND), Cpr.parse(cpr).birth_date, None, SINCE, "05")


@given(step('"{name:Navn}" er født {day:Dato}'))
def given_born(driver: Driver, name: str, day: DateExpr) -> None:
    """Sætter borgerens fødselsdato (fx for at gøre borgeren 15 år)."""
    driver.set_birth(name, on(driver, day))


@given(step('"{name:Navn}" er i sikringsgruppe {group:Tal} fra {day:Dato}'))
def given_group(driver: Driver, name: str, group: int, day: DateExpr) -> None:
    """Borgerens sikringsgruppe, gældende fra datoen."""
    driver.set_group(name, group, on(driver, day))


@given(step('"{name:Navn}" er tilmeldt "{practice:Navn}"'))
def given_listed(driver: Driver, name: str, practice: str) -> None:
    """Borgeren er tilmeldt praksis (siden 1. januar 2020)."""
    driver.list_with(name, practice, SINCE)


@given(step('"{name:Navn}" er tilmeldt "{practice:Navn}" fra {day:Dato}'))
def given_listed_from(driver: Driver, name: str, practice: str, day: DateExpr) -> None:
    """Borgeren er tilmeldt praksis fra datoen."""
    driver.list_with(name, practice, on(driver, day))


@given(
    step(
        'praksis "{practice:Navn}" er {is_open:Åbenhed} for tilgang og ligger {km:Km} km fra '
        'bopælen hos "{name:Navn}"'
    )
)
def given_practice_near(driver: Driver, practice: str, is_open: bool, km: float, name: str) -> None:
    """En praksis i præcis denne afstand (luftlinje) fra borgerens bopæl."""
    driver.practice_near(practice, name, km, is_open, SINCE)


@given(step('praksis "{practice:Navn}" på {where:Adresse} er {is_open:Åbenhed} for tilgang'))
def given_practice_at(driver: Driver, practice: str, where: AddressText, is_open: bool) -> None:
    """En praksis på en adresse, åben eller lukket for nye patienter."""
    ydernummer = driver.names.next_ydernummer()
    driver.add_practice(practice, ydernummer, address_dict(where), is_open, SINCE)


@given(step('praksis "{practice:Navn}" på {where:Adresse} er nyoprettet {day:Dato}'))
def given_new_practice(driver: Driver, practice: str, where: AddressText, day: DateExpr) -> None:
    """En praksis, der er oprettet (og åben for tilgang) fra datoen."""
    ydernummer = driver.names.next_ydernummer()
    driver.add_practice(practice, ydernummer, address_dict(where), True, on(driver, day))


@given(step('"{first:Navn}" og "{second:Navn}" er gift med hinanden'))
def given_married(driver: Driver, first: str, second: str) -> None:
    """Begge har civilstand gift (G) i CPR med hinanden som ægtefælle."""
    driver.marry(first, second)


@given(step('"{child:Navn}" er barn af "{parent:Navn}"'))
def given_child_of(driver: Driver, child: str, parent: str) -> None:
    """CPR kender forælderen som barnets forælder og forældremyndighedsindehaver."""
    driver.add_parent(child, parent)


@given(step('"{name:Navn}" har navne- og adressebeskyttelse'))
def given_protected(driver: Driver, name: str) -> None:
    """Borgeren har navne- og adressebeskyttelse i CPR."""
    driver.protect(name)


@given(step('CPR har meldt navne- og adressebeskyttelse for "{name:Navn}" fra {day:Dato}'))
def given_protected_from(driver: Driver, name: str, day: DateExpr) -> None:
    """Beskyttelsen begynder på datoen i CPR, og Sygesikring har behandlet hændelsen."""
    settled(driver.cpr_protection(name, on(driver, day)))


@given(step('CPR har meldt, at "{name:Navn}" er udrejst den {day:Dato}'))
def given_emigrated(driver: Driver, name: str, day: DateExpr) -> None:
    """Udrejse (status 80): sikringen, gruppen og lægen ophører på datoen."""
    settled(driver.cpr_emigration(name, on(driver, day)))


@given(step('"{name:Navn}" har fravalgt det fysiske sundhedskort'))
def given_opted_out(driver: Driver, name: str) -> None:
    """Fravalget af det fysiske sundhedskort er registreret i LUNA (fra Sundhedskort-appen)."""
    driver.opt_out_of_physical_card(name)


@given(step('"{name:Navn}" har angivet "{samlever:Navn}" som samlever'))
def given_samlever(driver: Driver, name: str, samlever: str) -> None:
    """Borgeren har i selvbetjeningen angivet en samlever, der bor på borgerens adresse."""
    settled(driver.declare_samlever("citizen", name, samlever, None))


@given(step('"{name:Navn}" har valgt "{practice:Navn}" i selvbetjeningen'))
def given_chosen(driver: Driver, name: str, practice: str) -> None:
    """Et lægevalg, der allerede er foretaget (og registreret i LUNA)."""
    settled(driver.choose_gp("citizen", name, practice))


@given(step('"{name:Navn}" er flyttet til {home:Adresse} den {day:Dato}'))
def given_moved(driver: Driver, name: str, home: AddressText, day: DateExpr) -> None:
    """CPR har meldt borgerens flytning, og Sygesikring har behandlet den."""
    settled(driver.cpr_move(name, address_dict(home), on(driver, day)))


@given(
    step(
        'regionen har meldt {kind:Praksishændelse} af "{practice:Navn}" med virkning fra {day:Dato}'
    )
)
def given_practice_event(driver: Driver, kind: str, practice: str, day: DateExpr) -> None:
    """En praksishændelse, som regionen allerede har meldt."""
    settled(driver.register_practice_event(kind, practice, on(driver, day)))


@given(step('CPR har meldt fødslen af "{child:Navn}" den {day:Dato} med "{mother:Navn}" som mor'))
def given_birth(driver: Driver, child: str, day: DateExpr, mother: str) -> None:
    """Et barn er født og registreret i CPR, og Sygesikring har behandlet fødslen."""
    born = on(driver, day)
    settled(driver.cpr_birth(child, driver.names.next_cpr(born), mother, born, driver.today()))


@given(
    step('"{name:Navn}" har valgt "{practice:Navn}" ved flytning fra Grønland til {home:Adresse}')
)
def given_greenland_choice(driver: Driver, name: str, practice: str, home: AddressText) -> None:
    """Et afventende lægevalg ved flytning fra Grønland, foretaget i selvbetjeningen."""
    settled(driver.choose_gp_for_greenland_move("citizen", name, address_dict(home), practice))


@given(
    step(
        '{role:Rolle} har skiftet "{name:Navn}" til sikringsgruppe {group:Tal} med gyldighed '
        "fra {day:Dato}"
    )
)
def given_group_changed(driver: Driver, role: str, name: str, group: int, day: DateExpr) -> None:
    """Et gruppeskift, der allerede er foretaget (fx af den sagsbehandler, loggen skal vise)."""
    settled(driver.change_group(role, name, group, on(driver, day)))


@given(step('{role:Rolle} har givet "{name:Navn}" dispensation til at vælge "{practice:Navn}"'))
def given_dispensation(driver: Driver, role: str, name: str, practice: str) -> None:
    """Kommunen har givet dispensation til en lukket læge; valget afventer lægens accept."""
    settled(driver.grant_dispensation(role, name, practice))


@given(step('CPR har meldt vielsen af "{first:Navn}" og "{second:Navn}" den {day:Dato}'))
def given_wedding(driver: Driver, first: str, second: str, day: DateExpr) -> None:
    """CPR's vielse (civilstand G for begge fra datoen), og Sygesikring har behandlet den."""
    settled(driver.cpr_marriage(first, second, on(driver, day)))


@given(
    step(
        '{role:Rolle} har valgt "{practice:Navn}" for "{name:Navn}" før flytningen til '
        "{home:Adresse} den {day:Dato}"
    )
)
def given_chosen_ahead_of_move(
    driver: Driver, role: str, practice: str, name: str, home: AddressText, day: DateExpr
) -> None:
    """Et lægevalg før en flytning, der afventer CPR's flyttehændelse."""
    settled(
        driver.choose_gp_ahead_of_move(role, name, practice, address_dict(home), on(driver, day))
    )


@given(step("LUNA svarer ikke"))
@when(step("LUNA svarer ikke"))
def given_luna_down(driver: Driver) -> None:
    """LUNA svarer ikke på registreringer, før den svarer igen (fx et overgravet kabel)."""
    driver.luna_down()


@given(step("LUNAs næste svar går tabt"))
@when(step("LUNAs næste svar går tabt"))
def given_luna_answer_lost(driver: Driver) -> None:
    """LUNA gennemfører den næste registrering, men svaret når aldrig frem."""
    driver.luna_answer_lost()


@given(step("LUNA svarer med {fault:LunaFejl} på det næste kald"))
@when(step("LUNA svarer med {fault:LunaFejl} på det næste kald"))
def given_luna_fails_next(driver: Driver, fault: str) -> None:
    """LUNAs næste registrering fejler sådan (en serverfejl, 5xx, eller en timeout)."""
    driver.luna_fails_next(fault)


# =============================================================================================
# Når
# =============================================================================================
@when(step('"{name:Navn}" vælger "{practice:Navn}" i selvbetjeningen'))
def when_citizen_chooses(driver: Driver, name: str, practice: str) -> None:
    """Borgeren vælger selv læge på Borger.dk (selvbetjening)."""
    driver.choose_gp("citizen", name, practice)


@when(step('{role:Rolle} vælger "{practice:Navn}" for "{name:Navn}"'))
def when_someone_chooses(driver: Driver, role: str, practice: str, name: str) -> None:
    """En sagsbehandler (eller borgeren) registrerer lægevalget for borgeren."""
    driver.choose_gp(role, name, practice)


@when(
    step(
        '{role:Rolle} vælger "{practice:Navn}" for "{name:Navn}" med skift til sikringsgruppe 1 '
        "fra {day:Dato}"
    )
)
def when_chooses_with_group_1(
    driver: Driver, role: str, practice: str, name: str, day: DateExpr
) -> None:
    """Et lægevalg kombineret med skift fra gruppe 2 til gruppe 1 fra datoen (et gruppeskift)."""
    driver.choose_gp(role, name, practice, on(driver, day), change_to_group_1=True)


@when(step('"{name:Navn}" vælger "{practice:Navn}" for sig selv og {children:Navne}'))
def when_chooses_with_children(
    driver: Driver, name: str, practice: str, children: tuple[str, ...]
) -> None:
    """Ét lægevalg for hovedpersonen og de involverede børn."""
    driver.choose_gp("citizen", name, practice, involved=children)


@when(step('"{name:Navn}" vælger "{practice:Navn}" med virkning fra {day:Dato}'))
def when_chooses_from(driver: Driver, name: str, practice: str, day: DateExpr) -> None:
    """Et fremtidigt lægevalg i selvbetjeningen."""
    driver.choose_gp("citizen", name, practice, on(driver, day))


@when(
    step(
        '{role:Rolle} skifter "{name:Navn}" til sikringsgruppe {group:Tal} med gyldighed fra '
        "{day:Dato}"
    )
)
def when_changes_group(driver: Driver, role: str, name: str, group: int, day: DateExpr) -> None:
    """Gruppeskift med den gyldighedsdato, der er valgt i klienten."""
    driver.change_group(role, name, group, on(driver, day))


@when(
    step(
        '"{name:Navn}" angiver "{samlever:Navn}" som samlever med tilflytningsadressen '
        "{home:Adresse}"
    )
)
def when_declares_samlever(driver: Driver, name: str, samlever: str, home: AddressText) -> None:
    """Borgeren angiver i selvbetjeningen en samlever ved flytning til adressen."""
    driver.declare_samlever("citizen", name, samlever, address_dict(home))


@when(step('"{name:Navn}" angiver CPR-nummer {cpr:CPR} som samlever'))
def when_declares_unknown_samlever(driver: Driver, name: str, cpr: str) -> None:
    """Borgeren angiver et CPR-nummer, som Sygesikring ikke kender, som samlever."""
    driver.declare_samlever("citizen", name, cpr, None)


@when(step('{role:Rolle} giver "{name:Navn}" dispensation til at vælge "{practice:Navn}"'))
def when_grants_dispensation(driver: Driver, role: str, name: str, practice: str) -> None:
    """Sagsbehandleren registrerer lægevalget med kommunens dispensation (lukket læge)."""
    driver.grant_dispensation(role, name, practice)


@when(step('lægen i "{practice:Navn}" {answer:Svar} "{name:Navn}" som patient'))
def when_doctor_answers(driver: Driver, practice: str, answer: bool, name: str) -> None:
    """Den lukkede læges svar på dispensationen, registreret af sagsbehandleren."""
    driver.doctor_answers(name, answer)


@when(step('CPR melder fødslen af "{child:Navn}" den {day:Dato} med "{mother:Navn}" som mor'))
def when_birth(driver: Driver, child: str, day: DateExpr, mother: str) -> None:
    """CPR's fødselshændelse, registreret i dag; barnet bor hos moderen."""
    born = on(driver, day)
    driver.cpr_birth(child, driver.names.next_cpr(born), mother, born, driver.today())


@when(
    step(
        'CPR melder fødslen af "{child:Navn}" den {day:Dato} med "{mother:Navn}" som mor, '
        "registreret {registered:Dato}"
    )
)
def when_birth_registered(
    driver: Driver, child: str, day: DateExpr, mother: str, registered: DateExpr
) -> None:
    """CPR's fødselshændelse med den dato, CPR registrerede fødslen."""
    born = on(driver, day)
    driver.cpr_birth(child, driver.names.next_cpr(born), mother, born, on(driver, registered))


@when(step('CPR melder navngivning af "{child:Navn}" den {day:Dato}'))
def when_naming(driver: Driver, child: str, day: DateExpr) -> None:
    """CPR's navngivningshændelse."""
    driver.cpr_naming(child, on(driver, day))


@when(step('CPR melder, at "{name:Navn}" flytter til {home:Adresse} den {day:Dato}'))
def when_moves(driver: Driver, name: str, home: AddressText, day: DateExpr) -> None:
    """CPR's flyttehændelse inden for Danmark."""
    driver.cpr_move(name, address_dict(home), on(driver, day))


@when(step('CPR melder, at "{name:Navn}" flytter fra Grønland til {home:Adresse} den {day:Dato}'))
def when_moves_from_greenland(driver: Driver, name: str, home: AddressText, day: DateExpr) -> None:
    """CPR's flyttehændelse fra Grønland (status 05 til 01)."""
    driver.cpr_move_from_greenland(name, address_dict(home), on(driver, day))


@when(step('CPR melder, at "{name:Navn}" indrejser fra udlandet til {home:Adresse} den {day:Dato}'))
def when_cpr_immigration(driver: Driver, name: str, home: AddressText, day: DateExpr) -> None:
    """Indrejse fra udlandet (status 80 -> 01) til en dansk adresse."""
    driver.cpr_immigration(name, address_dict(home), on(driver, day), "abroad")


@when(step('CPR melder, at "{name:Navn}" flytter fra Færøerne til {home:Adresse} den {day:Dato}'))
def when_cpr_from_faroe_islands(
    driver: Driver, name: str, home: AddressText, day: DateExpr
) -> None:
    """Flytning fra Færøerne: i CPR en indrejse (status 80 -> 01) til en dansk adresse."""
    driver.cpr_immigration(name, address_dict(home), on(driver, day), "faroe_islands")


@when(step('CPR melder, at "{name:Navn}" er forsvundet den {day:Dato}'))
def when_cpr_disappearance(driver: Driver, name: str, day: DateExpr) -> None:
    """Forsvinding (status 70)."""
    driver.cpr_disappearance(name, on(driver, day))


@when(step('CPR melder, at "{name:Navn}" er fundet og bor på {home:Adresse} fra {day:Dato}'))
def when_cpr_reappearance(driver: Driver, name: str, home: AddressText, day: DateExpr) -> None:
    """En forsvundet person er fundet (status 70 -> 01) og bor på en dansk adresse."""
    driver.cpr_reappearance(name, address_dict(home), on(driver, day))


@when(step('CPR annullerer CPR-nummeret for "{name:Navn}" den {day:Dato} uden et nyt nummer'))
def when_cpr_annulment(driver: Driver, name: str, day: DateExpr) -> None:
    """Annullering (status 30), hvor CPR ikke angiver et nyt nummer."""
    driver.cpr_annulment(name, on(driver, day))


@when(step('CPR omnummererer "{name:Navn}" til {cpr:CPR} den {day:Dato}'))
def when_renumbered(driver: Driver, name: str, cpr: str, day: DateExpr) -> None:
    """CPR giver borgeren et nyt CPR-nummer; det gamle kaldes "<navn> (gammelt nummer)"."""
    driver.cpr_renumber(name, cpr, on(driver, day))


@when(
    step(
        'CPR registrerer, at "{name:Navn}" flytter til {home:Adresse} den {day:Dato}, '
        "men meldingen er forsinket"
    )
)
def when_moves_late(driver: Driver, name: str, home: AddressText, day: DateExpr) -> None:
    """CPR's flyttehændelse, som systemet først læser, når CPR leverer de forsinkede meldinger."""
    driver.cpr_hold_feed(True)
    try:
        driver.cpr_move(name, address_dict(home), on(driver, day))
    finally:
        driver.cpr_hold_feed(False)


@when(
    step(
        'CPR registrerer omnummereringen af "{name:Navn}" til {cpr:CPR} den {day:Dato}, '
        "men meldingen er forsinket"
    )
)
def when_renumbered_late(driver: Driver, name: str, cpr: str, day: DateExpr) -> None:
    """CPR's omnummerering, som systemet først læser, når CPR leverer de forsinkede meldinger."""
    driver.cpr_hold_feed(True)
    try:
        driver.cpr_renumber(name, cpr, on(driver, day))
    finally:
        driver.cpr_hold_feed(False)


@when(step("CPR leverer de forsinkede meldinger"))
def when_cpr_delivers_late(driver: Driver) -> None:
    """CPR leverer de tilbageholdte meldinger efter dem, der kom imens, og systemet læser dem."""
    driver.cpr_release_feed()


@when(
    step(
        'CPR melder, at "{parent:Navn}" har forældremyndigheden over "{child:Navn}" den {day:Dato}'
    )
)
def when_custody(driver: Driver, parent: str, child: str, day: DateExpr) -> None:
    """CPR's hændelse om forældremyndighed: den nævnte er nu barnets eneste indehaver."""
    driver.cpr_custody(child, (parent,), on(driver, day))


@when(step('"{name:Navn}" vælger "{practice:Navn}" ved flytning fra Grønland til {home:Adresse}'))
def when_greenland_choice(driver: Driver, name: str, practice: str, home: AddressText) -> None:
    """Borgeren i Grønland vælger selv læge i tilflytningskommunen (selvbetjening)."""
    driver.choose_gp_for_greenland_move("citizen", name, address_dict(home), practice)


@when(
    step(
        '{role:Rolle} vælger "{practice:Navn}" for "{name:Navn}" ved flytning fra Grønland til '
        "{home:Adresse}"
    )
)
def when_greenland_choice_for(
    driver: Driver, role: str, practice: str, name: str, home: AddressText
) -> None:
    """Sagsbehandleren i tilflytningskommunen registrerer lægevalget ved flytning fra Grønland."""
    driver.choose_gp_for_greenland_move(role, name, address_dict(home), practice)


@when(
    step('regionen melder {kind:Praksishændelse} af "{practice:Navn}" med virkning fra {day:Dato}')
)
def when_practice_event(driver: Driver, kind: str, practice: str, day: DateExpr) -> None:
    """Regionen (via LUNA) melder en praksishændelse."""
    driver.register_practice_event(kind, practice, on(driver, day))


@when(
    step(
        'regionen melder {kind:Praksishændelse} af "{practice:Navn}" {to:TilMed} '
        "{successors:Navne} med virkning fra {day:Dato}"
    )
)
def when_practice_event_to(
    driver: Driver, kind: str, practice: str, to: str, successors: tuple[str, ...], day: DateExpr
) -> None:
    """En opsplitning eller sammenlægning med de praksis, patienterne kan vælge imellem."""
    driver.register_practice_event(kind, practice, on(driver, day), successors)


@when(step('regionen annullerer praksishændelsen for "{practice:Navn}"'))
def when_practice_event_cancelled(driver: Driver, practice: str) -> None:
    """Den seneste praksishændelse for praksis annulleres."""
    driver.cancel_practice_event(practice)


@when(
    step(
        '{role:Rolle} vælger "{practice:Navn}" for "{name:Navn}" før flytningen til {home:Adresse} '
        "den {day:Dato}"
    )
)
def when_chooses_ahead_of_move(
    driver: Driver, role: str, practice: str, name: str, home: AddressText, day: DateExpr
) -> None:
    """Lægevalg før en flytning: lægen ved den nye adresse; valget afventer CPR's flytning."""
    driver.choose_gp_ahead_of_move(role, name, practice, address_dict(home), on(driver, day))


@given(
    step(
        '{role:Rolle} har forlænget gratisperioden for "{name:Navn}" efter praksishændelsen for '
        '"{practice:Navn}" til og med {day:Dato}'
    )
)
@when(
    step(
        '{role:Rolle} forlænger gratisperioden for "{name:Navn}" efter praksishændelsen for '
        '"{practice:Navn}" til og med {day:Dato}'
    )
)
def when_extends_free_period(
    driver: Driver, role: str, name: str, practice: str, day: DateExpr
) -> None:
    """Sagsbehandleren forlænger gratisperioden for én borger (borgeren blev ikke orienteret)."""
    driver.extend_free_choice(role, name, practice, on(driver, day))


@when(
    step(
        '{role:Rolle} registrerer hvilende sikring for "{name:Navn}" ved {kind:Ophold} '
        "fra {start:Dato} til {end:Dato}"
    )
)
def when_dormant(
    driver: Driver, role: str, name: str, kind: str, start: DateExpr, end: DateExpr
) -> None:
    """Institutionen har meldt værnepligt, anden tjeneste eller afsoning med forventet slutdato;
    sagsbehandleren registrerer hvilende sikring (SPEC 2.1)."""
    driver.register_dormant(role, name, kind, on(driver, start), on(driver, end), None)


@when(
    step(
        '{role:Rolle} registrerer hvilende sikring for "{name:Navn}" ved {kind:Ophold} '
        "fra {start:Dato} med endelig dom {judgment:Dato} til {end:Dato}"
    )
)
def when_dormant_judged(
    driver: Driver,
    role: str,
    name: str,
    kind: str,
    start: DateExpr,
    judgment: DateExpr,
    end: DateExpr,
) -> None:
    """Som ovenfor, for en varetægtsfængslet: opholdets længde regnes fra den endelige dom."""
    driver.register_dormant(
        role, name, kind, on(driver, start), on(driver, end), on(driver, judgment)
    )


@when(step('{role:Rolle} registrerer, at "{name:Navn}" vender tilbage den {day:Dato}'))
def when_dormant_ends(driver: Driver, role: str, name: str, day: DateExpr) -> None:
    """Tjenesten slutter, eller personen løslades: sikringen er ikke længere hvilende."""
    driver.end_dormant(role, name, on(driver, day))


@when(step("systemet udfører det daglige arbejde"))
def when_daily_work(driver: Driver) -> None:
    """Det daglige job: Manglende lægevalg og lægevalg før en flytning, der har ventet for længe."""
    driver.daily_work()


@when(step("systemet behandler fristerne for praksishændelser"))
def when_deadlines(driver: Driver) -> None:
    """Det daglige job, der afslutter praksishændelser, hvis gratisperiode er udløbet."""
    driver.wind_up_practice_events()


@when(
    step(
        '{role:Rolle} bestiller et nyt sundhedskort til "{name:Navn}", fordi det er '
        "{reason:Kortårsag}"
    )
)
def when_orders_card(driver: Driver, role: str, name: str, reason: str) -> None:
    """En selvstændig bestilling af sundhedskort (af borgeren selv eller sagsbehandleren)."""
    driver.order_card(role, name, reason)


@when(step("{role:Rolle} udtrækker revisionsloggen fra {start:Dato} til {end:Dato}"))
def when_extracts(driver: Driver, role: str, start: DateExpr, end: DateExpr) -> None:
    """Udtræk af revisionsloggen for alle kommunens sagsbehandlere (begge datoer med)."""
    driver.extract_audit_log(role, on(driver, start), on(driver, end), None)


@when(
    step(
        '{role:Rolle} udtrækker revisionsloggen for sagsbehandler "{user:Navn}" fra {start:Dato} '
        "til {end:Dato}"
    )
)
def when_extracts_for(driver: Driver, role: str, user: str, start: DateExpr, end: DateExpr) -> None:
    """Udtræk af revisionsloggen for én bestemt sagsbehandler."""
    driver.extract_audit_log(role, on(driver, start), on(driver, end), user)


@when(step('{role:Rolle} genopretter data for "{name:Navn}" til {day:Dato}'))
def when_restores(driver: Driver, role: str, name: str, day: DateExpr) -> None:
    """Datagenopretning: borgerens registreringer, som de var ved dagens begyndelse."""
    driver.restore(role, name, on(driver, day), True)


@when(step('{role:Rolle} ser forskellene ved en genopretning af "{name:Navn}" til {day:Dato}'))
def when_restore_dry_run(driver: Driver, role: str, name: str, day: DateExpr) -> None:
    """En prøvekørsel af datagenopretningen: viser forskellene og ændrer intet."""
    driver.restore(role, name, on(driver, day), False)


@when(step("LUNA svarer igen"))
def when_luna_up(driver: Driver) -> None:
    """LUNA svarer igen, og udbakken sendes."""
    driver.luna_up()


@when(step("der går {minutes:Antal} {unit:Minutter}"))
def when_minutes_pass(driver: Driver, minutes: int, unit: str) -> None:
    """Tiden går, og udbakken forsøger igen, hvad der er forfaldent."""
    driver.advance_minutes(minutes)


# =============================================================================================
# Så
# =============================================================================================
def last_is(driver: Driver, what: str, accepted: bool) -> bool:
    """The last action is the one ``what`` names (valget, gruppeskiftet ...) and went so."""
    last = driver.last
    return last is not None and last.accepted == accepted and names_action(what, last.action)


@then(step("godkendes {what:Handling}"))
def then_accepted(driver: Driver, what: str) -> None:
    """Den seneste handling er den, ordet nævner (fx et lægevalg), og den blev godkendt."""
    expect(last_is(driver, what, True), driver, f"at {what} godkendes")


@then(step("afvises {what:Handling}"))
def then_refused(driver: Driver, what: str) -> None:
    """Den seneste handling er den, ordet nævner (fx et gruppeskift), og den blev afvist."""
    expect(last_is(driver, what, False), driver, f"at {what} afvises")


@then(step('afvises {what:Handling} med begrundelsen "{text}"'))
def then_refused_because(driver: Driver, what: str, text: str) -> None:
    """Afvist, og en begrundelse (dansk eller engelsk tekst, eller koden) indeholder teksten."""
    refused = last_is(driver, what, False)
    expect(refused and driver.last is not None and driver.last.mentions(text), driver, text)


@then(step('begrundelsen nævner "{text}"'))
def then_reason_mentions(driver: Driver, text: str) -> None:
    """En af den seneste handlings begrundelser indeholder teksten."""
    expect(driver.last is not None and driver.last.mentions(text), driver, f'"{text}"')


@then(step('begrundelsen nævner ikke "{text}"'))
def then_reason_does_not_mention(driver: Driver, text: str) -> None:
    """Ingen begrundelse indeholder teksten (fx for at intet om en beskyttet person lækkes)."""
    expect(driver.last is not None and not driver.last.mentions(text), driver, f'ikke "{text}"')


@then(step("ligger praksis {inside:Placering} kilometergrænsen"))
def then_within_limit(driver: Driver, inside: bool) -> None:
    """Afstandsreglen begrundede valget med, at praksis ligger inden for/uden for grænsen."""
    wanted = "WITHIN_DISTANCE_LIMIT" if inside else "BEYOND_DISTANCE_LIMIT"
    expect(driver.last is not None and wanted in driver.last.reason_codes(), driver, wanted)


@then(step("kræver valget lægens accept"))
def then_needs_acceptance(driver: Driver) -> None:
    """Valget afventer, at den lukkede læge accepterer borgeren (dispensation)."""
    wanted = "DOCTOR_ACCEPTANCE"
    expect(driver.last is not None and wanted in driver.last.conditions, driver, wanted)


@then(step("kræver valget ikke lægens accept"))
def then_needs_no_acceptance(driver: Driver) -> None:
    """Valget gælder uden lægens accept."""
    ok = driver.last is not None and "DOCTOR_ACCEPTANCE" not in driver.last.conditions
    expect(ok, driver, "ingen betingelse om lægens accept")


@then(step('er "{name:Navn}" tilmeldt "{practice:Navn}" fra {day:Dato}'))
def then_listed_from(driver: Driver, name: str, practice: str, day: DateExpr) -> None:
    """Tilmeldingen hos praksis begynder netop på datoen: borgeren er tilmeldt den dag og var
    det ikke dagen før."""
    start = on(driver, day)
    found, before = driver.doctor_on(name, start), driver.doctor_on(name, start - ONE_DAY)
    expect(
        found == practice and before != practice,
        driver,
        f"{name} hos {practice} fra {start}; den dag hos {found}, dagen før hos {before}",
    )


@then(step('er "{name:Navn}" tilmeldt "{practice:Navn}" den {day:Dato}'))
def then_listed_on(driver: Driver, name: str, practice: str, day: DateExpr) -> None:
    """Borgeren er tilmeldt praksis på datoen (uanset hvornår tilmeldingen begyndte)."""
    found = driver.doctor_on(name, on(driver, day))
    expect(found == practice, driver, f"{name} hos {practice}, men er hos {found}")


@then(step('er "{name:Navn}" fortsat tilmeldt "{practice:Navn}"'))
def then_still_listed(driver: Driver, name: str, practice: str) -> None:
    """Borgerens læge i dag er uændret."""
    found = driver.doctor_on(name, driver.today())
    expect(found == practice, driver, f"{name} fortsat hos {practice}, men er hos {found}")


@then(step('er "{name:Navn}" i sikringsgruppe {group:Tal} fra {day:Dato}'))
def then_group_from(driver: Driver, name: str, group: int, day: DateExpr) -> None:
    """Perioden i sikringsgruppen begynder netop på datoen: borgeren er i gruppen den dag og
    var det ikke dagen før."""
    start = on(driver, day)
    found, before = driver.group_on(name, start), driver.group_on(name, start - ONE_DAY)
    expect(
        found == group and before != group,
        driver,
        f"{name} i gruppe {group} fra {start}; den dag i {found}, dagen før i {before}",
    )


@then(step('er "{name:Navn}" i sikringsgruppe {group:Tal} den {day:Dato}'))
def then_group_on(driver: Driver, name: str, group: int, day: DateExpr) -> None:
    """Borgeren er i sikringsgruppen på datoen (uanset hvornår perioden begyndte)."""
    found = driver.group_on(name, on(driver, day))
    expect(found == group, driver, f"{name} i gruppe {group}, men er i {found}")


@then(step('er "{name:Navn}" hvilende sikret den {day:Dato}'))
def then_dormant(driver: Driver, name: str, day: DateExpr) -> None:
    """Personens sikring er hvilende på dagen (værnepligt, Kriminalforsorgen)."""
    expect(driver.dormant_on(name, on(driver, day)), driver, f"at {name} er hvilende sikret")


@then(step('er "{name:Navn}" ikke hvilende sikret den {day:Dato}'))
def then_not_dormant(driver: Driver, name: str, day: DateExpr) -> None:
    """Personens sikring er ikke hvilende på dagen."""
    expect(not driver.dormant_on(name, on(driver, day)), driver, f"at {name} ikke er hvilende")


@then(step('har "{name:Navn}" ingen sikringsgruppe den {day:Dato}'))
def then_no_group_on(driver: Driver, name: str, day: DateExpr) -> None:
    """Borgeren er ikke i nogen sikringsgruppe på datoen (fx før et valg efter indrejse)."""
    found = driver.group_on(name, on(driver, day))
    expect(found is None, driver, f"{name} uden sikringsgruppe, men er i {found}")


@then(step('har "{name:Navn}" et forløb "{case_type:Navn}" med status "{status:Navn}"'))
def then_case(driver: Driver, name: str, case_type: str, status: str) -> None:
    """Borgeren er hoved- eller involveret person i et forløb af typen med status."""
    found = [(case["type_da"], case["status_da"]) for case in driver.cases(name)]
    expect((case_type, status) in found, driver, f"{case_type} ({status}); fandt {found}")


@then(step('har "{name:Navn}" intet forløb "{case_type:Navn}"'))
def then_no_case(driver: Driver, name: str, case_type: str) -> None:
    """Borgeren indgår ikke i et forløb af typen."""
    found = [case["type_da"] for case in driver.cases(name)]
    expect(case_type not in found, driver, f"intet {case_type}; fandt {found}")


@then(step('viser forløbet "{case_type:Navn}" for "{name:Navn}" samleveren "{samlever:Navn}"'))
def then_case_shows_samlever(driver: Driver, case_type: str, name: str, samlever: str) -> None:
    """Den valgte samlever vises på forløbet."""
    cases = [c for c in driver.cases(name) if c["type_da"] == case_type]
    shown = [c["details"].get("samlever", {}).get("cpr") for c in cases]
    wanted = driver.names.cpr(samlever)
    expect(wanted in shown, driver, f"samleveren {samlever} på {case_type}; fandt {shown}")


@then(step('oprettes en manuel opgave om "{name:Navn}" med teksten "{text}"'))
def then_manual_task(driver: Driver, name: str, text: str) -> None:
    """Sagsbehandleren får en manuel opgave om borgeren."""
    titles = [task["title_da"] for task in driver.tasks_about(name) if task["kind"] == "manual"]
    found = any(text.casefold() in title.casefold() for title in titles)
    expect(found, driver, f'opgave "{text}"; fandt {titles}')


@then(step('oprettes en manuel opgave om "{name:Navn}"'))
def then_a_manual_task(driver: Driver, name: str) -> None:
    """Sagsbehandleren får en manuel opgave om borgeren."""
    titles = [task["title_da"] for task in driver.tasks_about(name) if task["kind"] == "manual"]
    expect(titles != [], driver, "en manuel opgave")


@then(step('oprettes ingen manuel opgave om "{name:Navn}"'))
def then_no_manual_task(driver: Driver, name: str) -> None:
    """Ingen manuel opgave om borgeren."""
    titles = [task["title_da"] for task in driver.tasks_about(name) if task["kind"] == "manual"]
    expect(titles == [], driver, f"ingen manuel opgave; fandt {titles}")


@then(step('har {municipality:Kommune} Kommune en {kind:Opgavetype} "{text}"'))
def then_municipality_task(driver: Driver, municipality: str, kind: str, text: str) -> None:
    """Kommunens opgaveoverblik har en opgave, hvis titel indeholder teksten."""
    tasks = driver.tasks(municipality_code(municipality))
    titles = [task["title_da"] for task in tasks if task["kind"] == kind]
    found = any(text.casefold() in title.casefold() for title in titles)
    expect(found, driver, f'"{text}"; fandt {titles}')


@then(
    step(
        'har {municipality:Kommune} Kommune et åbent forløb "{case_type:Navn}" med '
        "{persons:Navne} som involverede personer"
    )
)
def then_municipality_case_with(
    driver: Driver, municipality: str, case_type: str, persons: tuple[str, ...]
) -> None:
    """Kommunen har et åbent forløb af typen med netop disse involverede personer."""
    cases = driver.open_cases_in(municipality_code(municipality))
    wanted = sorted(driver.names.cpr(person) for person in persons)
    found = [sorted(c["involved"]) for c in cases if c["type_da"] == case_type]
    expect(wanted in found, driver, f"{case_type} med {persons}")


@then(
    step(
        'har {municipality:Kommune} Kommune et åbent forløb "{case_type:Navn}" uden '
        "involverede personer"
    )
)
def then_municipality_case_without(driver: Driver, municipality: str, case_type: str) -> None:
    """Kommunen har et åbent forløb af typen uden liste over involverede personer."""
    cases = driver.open_cases_in(municipality_code(municipality))
    found = [c["involved"] for c in cases if c["type_da"] == case_type]
    expect([] in found, driver, f"{case_type} uden involverede; fandt {found}")


@then(
    step(
        "kan sagsbehandleren i {municipality:Kommune} Kommune se forløbsdetaljerne for "
        '"{case_type:Navn}" uden involverede personer'
    )
)
def then_case_details_without_persons(driver: Driver, municipality: str, case_type: str) -> None:
    """Sagsbehandleren i kommunen åbner forløbsdetaljerne; der er ingen involverede personer."""
    code = municipality_code(municipality)
    found = [
        driver.case_details_as_case_worker(case["case_id"], code)
        for case in driver.open_cases_in(code)
        if case["type_da"] == case_type
    ]
    ok = bool(found) and all(not d["involved_persons"] and not d["main_person"] for d in found)
    expect(ok, driver, f"forløbsdetaljer for {case_type} uden involverede personer; fandt {found}")


@then(step('har {municipality:Kommune} Kommune intet åbent forløb "{case_type:Navn}"'))
def then_municipality_no_case(driver: Driver, municipality: str, case_type: str) -> None:
    """Kommunen har intet åbent forløb af typen."""
    cases = driver.open_cases_in(municipality_code(municipality))
    found = [c["type_da"] for c in cases]
    expect(case_type not in found, driver, f"intet {case_type}; fandt {found}")


@then(step('bestilles et fysisk sundhedskort til "{name:Navn}"'))
def then_physical_card(driver: Driver, name: str) -> None:
    """Der er bestilt et fysisk sundhedskort til borgeren."""
    orders = driver.gp_history(name)["card_orders"]
    expect(any(order["physical"] for order in orders), driver, f"et fysisk kort; fandt {orders}")


@then(step('bestilles intet sundhedskort til "{name:Navn}"'))
def then_no_card(driver: Driver, name: str) -> None:
    """Der er ikke bestilt noget fysisk sundhedskort til borgeren."""
    orders = driver.gp_history(name)["card_orders"]
    expect(not any(order["physical"] for order in orders), driver, f"intet kort; fandt {orders}")


@then(step('springes kortbestillingen over for "{name:Navn}"'))
def then_card_skipped(driver: Driver, name: str) -> None:
    """Kortbestillingen for borgeren er sprunget over (det fysiske kort er fravalgt)."""
    orders = driver.gp_history(name)["card_orders"]
    skipped = [order for order in orders if order["skipped_reason"] and not order["physical"]]
    expect(skipped != [], driver, f"en oversprunget bestilling; fandt {orders}")


@then(step('viser Sundhedskort-appen "{parent:Navn}" sundhedskortet for "{child:Navn}"'))
def then_app_shows_child(driver: Driver, parent: str, child: str) -> None:
    """Forælderen ser barnets sundhedskort i appen (til barnet fylder 15 år)."""
    shown = [card["cpr"] for card in driver.app_cards(parent)["children"]]
    expect(driver.names.cpr(child) in shown, driver, f"at appen viser kortet for {child}")


@then(step('viser Sundhedskort-appen ikke "{parent:Navn}" sundhedskortet for "{child:Navn}"'))
def then_app_hides_child(driver: Driver, parent: str, child: str) -> None:
    """Forælderen ser ikke barnets sundhedskort i appen."""
    shown = [card["cpr"] for card in driver.app_cards(parent)["children"]]
    expect(driver.names.cpr(child) not in shown, driver, f"at appen ikke viser kortet for {child}")


@then(step('viser lægevalgshistorikken for "{name:Navn}" "{text}"'))
def then_history_shows(driver: Driver, name: str, text: str) -> None:
    """Lægevalgshistorikken viser teksten om fravalg af det fysiske sundhedskort."""
    shown = driver.gp_history(name)["physical_card_opt_out"]["text_da"]
    expect(text in shown, driver, f'"{text}"; historikken viser "{shown}"')


@then(step('sendes {count:Antal} {unit:Brev} til "{name:Navn}"'))
def then_letters(driver: Driver, name: str, count: int, unit: str) -> None:
    """Antallet af breve (inkl. kvitteringer) til borgeren."""
    letters = driver.letters_to(name)
    expect(len(letters) == count, driver, f"{count} brev; fandt {len(letters)}")


@then(step('nævner brevet til "{name:Navn}" {persons:Navne} som involverede personer'))
def then_letter_lists(driver: Driver, name: str, persons: tuple[str, ...]) -> None:
    """Brevet til hovedpersonen har listen over de involverede personer."""
    bodies = [letter["body"] for letter in driver.letters_to(name)]
    ok = any(all(person in body for person in persons) for body in bodies)
    expect(ok, driver, f"et brev, der nævner {', '.join(persons)}")


@then(step('står der i brevet til "{name:Navn}": "{text}"'))
def then_letter_says(driver: Driver, name: str, text: str) -> None:
    """Et af brevene til borgeren indeholder teksten."""
    bodies = [letter["body"] for letter in driver.letters_to(name)]
    expect(any(text in body for body in bodies), driver, f'et brev med "{text}"; fandt {bodies}')


@then(step('står der ikke i brevene til "{name:Navn}": "{text}"'))
def then_letter_does_not_say(driver: Driver, name: str, text: str) -> None:
    """Intet brev til borgeren indeholder teksten."""
    bodies = [letter["body"] for letter in driver.letters_to(name)]
    expect(bodies != [] and not any(text in body for body in bodies), driver, f'ikke "{text}"')


@then(step('sendes {count:Antal} {unit:Kvittering} til "{name:Navn}"'))
def then_receipts(driver: Driver, count: int, unit: str, name: str) -> None:
    """Antallet af kvitteringer for sundhedskortbestillinger til borgeren."""
    letters = driver.letters_to(name)
    receipts = [letter for letter in letters if letter["template"] == "card_receipt"]
    expect(len(receipts) == count, driver, f"{count} kvittering; fandt {len(receipts)}")


@then(step("koster kortet {amount:Tal} kr."))
@then(step("koster skiftet {amount:Tal} kr."))
def then_fee(driver: Driver, amount: int) -> None:
    """Gebyret for skiftet (sundhedskortgebyret), 0 når skiftet er gratis."""
    fee = driver.last.result.get("fee_dkk") if driver.last is not None else None
    expect(fee == amount, driver, f"{amount} kr.; gebyret er {fee}")


@then(step("koster kortet sundhedskortgebyret"))
@then(step("koster skiftet sundhedskortgebyret"))
def then_fee_is_the_parameter(driver: Driver) -> None:
    """Gebyret er forretningsparameteren cardFeeDKK for året - fx 2025, hvor beløbet ikke er
    bekræftet (SPEC 3.5) - og ikke et fast beløb i egenskaben."""
    last = driver.last
    fee = last.result.get("fee_dkk") if last is not None else None
    values = [
        use.get("value")
        for reason in (last.reasons if last is not None else [])
        for use in reason.get("parameters") or []
        if use.get("name") == "cardFeeDKK"
    ]
    ok = isinstance(fee, int) and fee > 0 and fee in values
    expect(ok, driver, f"sundhedskortgebyret (cardFeeDKK {values}); gebyret er {fee}")


@then(
    step(
        'viser lægevalgskortet for "{name:Navn}" den kommende {kind:Praksishændelse} af '
        '"{practice:Navn}"'
    )
)
def then_card_shows_event(driver: Driver, name: str, kind: str, practice: str) -> None:
    """Kommende praksishændelser vises på lægevalgskortet i sikrede overblik."""
    events = driver.gp_card(name)["upcoming_practice_events"]
    found = [(e["kind"], e["ydernummer"]) for e in events]
    wanted = (event_kind(kind), driver.names.ydernummer(practice))
    expect(wanted in found, driver, f"{kind} af {practice} på lægevalgskortet; fandt {found}")


@then(step('tilbydes "{name:Navn}" gratis lægevalg til og med {day:Dato}'))
def then_free_offer(driver: Driver, name: str, day: DateExpr) -> None:
    """Lægevalgskortet tilbyder gratis lægevalg på grund af den førstkommende praksishændelse."""
    events = driver.gp_card(name)["upcoming_practice_events"]
    offers = [e["free_period_end"] for e in events if e["is_offer"]]
    wanted = on(driver, day).isoformat()
    expect(offers == [wanted], driver, f"gratis lægevalg til og med {wanted}; fandt {offers}")


@then(step('tilbydes "{name:Navn}" ikke gratis lægevalg'))
def then_no_free_offer(driver: Driver, name: str) -> None:
    """Lægevalgskortet tilbyder ikke gratis lægevalg."""
    events = driver.gp_card(name)["upcoming_practice_events"]
    offers = [e["practice"] for e in events if e["is_offer"]]
    expect(offers == [], driver, f"intet tilbud; fandt {offers}")


@then(
    step(
        'tilbydes "{name:Navn}" gratis lægevalg på grund af {kind:Praksishændelse} af '
        '"{practice:Navn}"'
    )
)
def then_offer_because(driver: Driver, name: str, kind: str, practice: str) -> None:
    """Tilbuddet følger den førstkommende praksishændelse."""
    events = driver.gp_card(name)["upcoming_practice_events"]
    offers = [(e["kind"], e["ydernummer"]) for e in events if e["is_offer"]]
    wanted = (event_kind(kind), driver.names.ydernummer(practice))
    expect(offers == [wanted], driver, f"tilbud pga. {kind} af {practice}; fandt {offers}")


@then(step('indeholder udtrækket {count:Antal} {unit:Poster} om "{name:Navn}"'))
def then_extract_rows(driver: Driver, count: int, unit: str, name: str) -> None:
    """Antallet af poster i revisionslogudtrækket om borgeren."""
    rows = driver.last.result.get("rows", []) if driver.last is not None else []
    cpr = driver.names.cpr(name)
    found = [row for row in rows if row.get("cpr") == cpr]
    expect(len(found) == count, driver, f"{count} poster; fandt {len(found)}")


@then(step("er LUNA ikke kontaktet"))
def then_luna_untouched(driver: Driver) -> None:
    """Den seneste handling sendte intet til LUNA."""
    calls = driver.last.result.get("luna_calls") if driver.last is not None else None
    expect(calls == 0, driver, f"ingen kald til LUNA; der var {calls}")


@then(
    step(
        'holder LUNA {count:Antal} {unit:Registrering} af forløbet "{case_type:Navn}" for '
        '"{name:Navn}"'
    )
)
def then_luna_registrations(
    driver: Driver, count: int, unit: str, case_type: str, name: str
) -> None:
    """LUNA har forløbets registrering præcis så mange gange (idempotent gentagelse)."""
    cases = [c for c in driver.cases(name) if c["type_da"] == case_type]
    found = sum(driver.luna_registrations(case["case_id"]) for case in cases)
    expect(found == count, driver, f"{count} registrering i LUNA; fandt {found}")


@then(step("viser afstemningen med LUNA ingen fejl"))
def then_reconciled(driver: Driver) -> None:
    """Ingen forløb uden LUNA-registrering og ingen LUNA-registrering uden forløb."""
    report = driver.reconciliation()
    problems = [problem["text_da"] for problem in report["problems"]]
    expect(bool(report["ok"]), driver, f"ingen fejl i afstemningen; fandt {problems}")


@then(step('gælder invarianten "{invariant:Invariant}"'))
def then_invariant_holds(driver: Driver, invariant: str) -> None:
    """Invarianten holder i hele verdenen nu (det, `sandbox explore` tjekker efter hvert trin)."""
    problems = driver.invariant_problems(invariant)
    expect(problems == [], driver, f"at invarianten holder; brudt: {'; '.join(problems)}")


# =============================================================================================
# Rules of issue 15, second helper: the yearly fee regulation, the card after a practice event,
# the split practice's patients assigned to a successor.
# =============================================================================================
@then(step("koster skiftet gebyret for {year:Tal} efter forretningsparameteren"))
def then_fee_of_the_year(driver: Driver, year: int) -> None:
    """Gebyret er forretningsparameteren cardFeeDKK for året, eller - for et år uden fastsat
    gebyr - det foregående års gebyr reguleret med satsreguleringsprocenten og afrundet
    (SPEC 3.5); trinnet regner selv efter ud fra begrundelsens parametre."""
    last = driver.last
    fee = last.result.get("fee_dkk") if last is not None else None
    reasons = last.reasons if last is not None else []
    charged = [r for r in reasons if r.get("code") == "CARD_FEE_CHARGED"]
    regulated = [r for r in reasons if r.get("code") == "CARD_FEE_REGULATED"]
    if regulated:
        fields = regulated[0]["fields"]
        factor = 1 + Decimal(str(fields["percent"])) / 100
        steps = (Decimal(fields["base_fee"]) * factor / fields["rounding"]).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        wanted = int(steps) * int(fields["rounding"])
        ok = fields["year"] == year and fields["base_year"] == year - 1 and fee == wanted
    else:
        values = [
            use.get("value")
            for reason in charged
            for use in reason.get("parameters") or []
            if use.get("name") == "cardFeeDKK" and str(use["effective_from"]).startswith(str(year))
        ]
        ok = isinstance(fee, int) and fee > 0 and [fee] == values
    ok = ok and any(r["fields"].get("year") == year for r in charged)
    expect(ok, driver, f"gebyret for {year} efter forretningsparameteren; gebyret er {fee}")


@when(
    step(
        "et gebyr på {fee:Tal} kr. reguleres med {percent:Procent} % og afrundes til nærmeste "
        "{multiple:Tal} kr."
    ),
    target_fixture="regulated_fee",
)
def when_fee_regulated(fee: int, percent: float, multiple: int) -> int:
    """Reglen for den årlige regulering alene (SPEC 3.5): gebyr x (1 + procent / 100),
    afrundet til nærmeste multiplum; midt imellem rundes op."""
    return regulate(fee, percent, multiple)


@then(step("bliver det regulerede gebyr {fee:Tal} kr."))
def then_regulated_fee(regulated_fee: int, fee: int) -> None:
    """Resultatet af den årlige regulering."""
    if regulated_fee != fee:
        raise AssertionError(f"forventede {fee} kr.; reguleringen gav {regulated_fee} kr.")


@then(step('får "{name:Navn}" et fysisk sundhedskort uden gebyr fra {day:Dato}'))
def then_free_card_from(driver: Driver, name: str, day: DateExpr) -> None:
    """Der er bestilt et fysisk sundhedskort uden gebyr i et forløb "Bestil Sundhedskort", der
    gælder fra datoen (fx den dag, en praksishændelse træder i kraft)."""
    wanted = on(driver, day).isoformat()
    cases = {case["case_id"]: case for case in driver.cases(name)}
    orders = driver.gp_history(name)["card_orders"]
    found = [
        order
        for order in orders
        if order["physical"]
        and order["fee_dkk"] == 0
        and cases.get(order["case_id"], {}).get("effective_date") == wanted
        and cases[order["case_id"]]["type_da"] == "Bestil Sundhedskort"
    ]
    expect(found != [], driver, f"et gratis fysisk kort fra {wanted}; fandt {orders}")


@then(step('har "{name:Navn}" i alt {count:Tal} forløb "{case_type:Navn}"'))
def then_case_count(driver: Driver, name: str, count: int, case_type: str) -> None:
    """Borgeren har netop så mange forløb af typen (uanset status)."""
    found = [case for case in driver.cases(name) if case["type_da"] == case_type]
    expect(len(found) == count, driver, f"{count} forløb {case_type}; fandt {len(found)}")


@given(
    step(
        'regionen har meldt {kind:Praksishændelse} af "{practice:Navn}" {to:TilMed} '
        "{successors:Navne} med virkning fra {day:Dato}"
    )
)
def given_practice_event_to(
    driver: Driver, kind: str, practice: str, to: str, successors: tuple[str, ...], day: DateExpr
) -> None:
    """En opsplitning eller sammenlægning med de nye praksis, som regionen allerede har meldt."""
    settled(driver.register_practice_event(kind, practice, on(driver, day), successors))
