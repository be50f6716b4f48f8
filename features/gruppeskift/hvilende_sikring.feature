# language: da
@gruppeskift @hvilende-sikring
Egenskab: Hvilende sikring ved værnepligt og ophold under Kriminalforsorgen
  SPEC 2.1 (BEK 23/2007 [C:S34]): "persons called up for military (or substitute) service and
  persons in prisons/remand under the Prison Service (Kriminalforsorgen) have no access to
  ordinary benefits if care is provided there and the stay is expected to last 3 months or more
  (for remand prisoners counted from final judgment). The institution informs the municipality;
  the municipality changes the status to hvilende sikret and issues a card accordingly; their
  children remain independently insured."
  Grænsen er forretningsparameteren dormantStayMinMonths (3 måneder); et ophold, der forventes
  at slutte præcis 3 måneder efter starten, er langt nok. Sagsbehandleren registrerer det, som
  institutionen melder.

  Baggrund:
    Givet dags dato er 1. marts 2025
    Og borgeren "Kent" med CPR-nummer 150596-3001 bor på Vestergade 3, 7700 Thisted
    Og praksis "Lægehuset Nord" er lukket for tilgang og ligger 3,0 km fra bopælen hos "Kent"
    Og "Kent" er i sikringsgruppe 1 fra 1. januar 2020
    Og "Kent" er tilmeldt "Lægehuset Nord" fra 1. januar 2020

  Abstrakt Scenario: Sikringen er hvilende, når opholdet forventes at vare mindst 3 måneder
    SPEC 2.1: "the stay is expected to last 3 months or more".

    Når sagsbehandleren registrerer hvilende sikring for "Kent" ved <ophold> fra 1. marts 2025 til <slut>
    Så <udfald> registreringen
    Og begrundelsen nævner "<kode>"

    Eksempler:
      | ophold         | slut          | udfald    | kode                     |
      | værnepligt     | 31. maj 2025  | afvises   | DORMANT_STAY_TOO_SHORT   |
      | værnepligt     | 1. juni 2025  | godkendes | DORMANT_STAY_LONG_ENOUGH |
      | anden tjeneste | 31. maj 2025  | afvises   | DORMANT_STAY_TOO_SHORT   |
      | anden tjeneste | 1. juni 2025  | godkendes | DORMANT_STAY_LONG_ENOUGH |
      | afsoning       | 31. maj 2025  | afvises   | DORMANT_STAY_TOO_SHORT   |
      | afsoning       | 1. juni 2025  | godkendes | DORMANT_STAY_LONG_ENOUGH |

  Abstrakt Scenario: Ved varetægtsfængsling regnes de 3 måneder fra den endelige dom
    SPEC 2.1: "for remand prisoners counted from final judgment".

    Givet dags dato er 1. april 2025
    Når sagsbehandleren registrerer hvilende sikring for "Kent" ved varetægt fra 1. januar 2025 med endelig dom 1. april 2025 til <slut>
    Så <udfald> registreringen
    Og begrundelsen nævner "<kode>"

    Eksempler:
      | slut          | udfald    | kode                     |
      | 30. juni 2025 | afvises   | DORMANT_STAY_TOO_SHORT   |
      | 1. juli 2025  | godkendes | DORMANT_STAY_LONG_ENOUGH |

  Scenarie: Den hvilende sikring afslutter lægetilmeldingen, men ikke børnenes
    SPEC 2.1: "the municipality changes the status to hvilende sikret and issues a card
    accordingly; their children remain independently insured".

    Givet borgeren "Emil" bor på Vestergade 3, 7700 Thisted
    Og "Emil" er født 1. juni 2015
    Og "Emil" er barn af "Kent"
    Og "Emil" er tilmeldt "Lægehuset Nord" fra 1. juni 2015
    Når sagsbehandleren registrerer hvilende sikring for "Kent" ved værnepligt fra 1. marts 2025 til 1. december 2025
    Så godkendes registreringen
    Og er "Kent" hvilende sikret den 1. marts 2025
    Og er "Kent" ikke hvilende sikret den 28. februar 2025
    Og er "Kent" tilmeldt "Lægehuset Nord" den 28. februar 2025
    Og har "Kent" et forløb "Gruppeskift" med status "Gennemført"
    Og koster skiftet 0 kr.
    Og bestilles et fysisk sundhedskort til "Kent"
    Og står der i brevet til "Kent": "Din sygesikring er derfor hvilende fra den 1. marts 2025"
    Og står der i brevet til "Kent": "Du kan klage over afgørelsen om hvilende sikring"
    Og er "Emil" fortsat tilmeldt "Lægehuset Nord"
    Og er "Emil" ikke hvilende sikret den 1. marts 2025

  Scenarie: Tilbage fra hvilende sikring: gratis kort og den sidste læge i gruppe 1, selv om praksis er lukket
    SPEC 2.1: "Returning from dormant status gives a free card [C:S48,S60] and a right to return
    to the last group-1 doctor even if closed (see 3.4)." SPEC 3.4 punkt 3: "persons moving from
    group 2 or from dormant status to group 1, to the doctor they were last listed with as
    group-1".

    Når sagsbehandleren registrerer hvilende sikring for "Kent" ved værnepligt fra 1. marts 2025 til 1. december 2025
    Og dags dato er 1. december 2025
    Og sagsbehandleren registrerer, at "Kent" vender tilbage den 1. december 2025
    Så godkendes registreringen
    Og koster skiftet 0 kr.
    Og er "Kent" ikke hvilende sikret den 1. december 2025
    Og er "Kent" i sikringsgruppe 1 den 1. december 2025
    Og er "Kent" tilmeldt "Lægehuset Nord" fra 1. december 2025
    Og har "Kent" intet forløb "Manglende lægevalg"
    Og står der i brevet til "Kent": "Du er igen tilmeldt Lægehuset Nord"
    Og står der i brevet til "Kent": "Du får et nyt sundhedskort uden gebyr."

  Scenarie: En tilbagevenden uden hvilende sikring afvises
    Når sagsbehandleren registrerer, at "Kent" vender tilbage den 1. marts 2025
    Så afvises registreringen med begrundelsen "NOT_DORMANT"
