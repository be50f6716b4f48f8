# language: da
@lægevalg @lukket-læge @ændring-3
Egenskab: Strammere regler for valg af en lukket læge
  Normalt kræver det dispensation at vælge en læge, der er lukket for tilgang. Der er
  undtagelser, og pårørende kan påvirke, hvilke læger der kan vælges uden dispensation.
  Release 1.1 strammer definitionen af pårørende:
  - umyndige børn er fjernet (en forælder kan ikke vælge sit barns læge),
  - samboende baseret på adresse er fjernet,
  - samlever er tilføjet (en ugift voksen kan angive en samlever),
  - børn kan vælge forældres/værges læge, og ikke omvendt,
  - voksne, som er gift, kan vælge ægtefællens læge.
  Er der færre end 2 åbne læger inden for kilometergrænsen, er det en undtagelse: borgeren
  kan vælge den lukkede læge uden dispensation og uden lægens accept. Release-noterne:
  "Normalt kræves dispensation for at vælge en lukket læge. Der er dog undtagelser. Fx hvis
  der er mindre end 2 åbne læger indenfor kilometergrænsen." Den gamle læsning (lægen skal
  acceptere) kan vælges med forretningsparameteren requiresDoctorAcceptance.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Kirsten" bor på Vestergade 11, 7700 Thisted
    Og borgeren "Poul" bor på Vestergade 11, 7700 Thisted
    Og praksis "Lægerne ved Torvet" er lukket for tilgang og ligger 1,0 km fra bopælen hos "Kirsten"
    Og praksis "Lægehuset Nord" er åben for tilgang og ligger 3,0 km fra bopælen hos "Kirsten"
    Og praksis "Lægehuset Syd" er åben for tilgang og ligger 4,0 km fra bopælen hos "Kirsten"
    Og "Poul" er tilmeldt "Lægerne ved Torvet"

  Scenarie: En lukket læge kan ikke vælges uden en undtagelse
    Givet borgeren "Bo" bor på Vestergade 20, 7700 Thisted
    Når "Bo" vælger "Lægerne ved Torvet" i selvbetjeningen
    Så afvises valget med begrundelsen "lukket for tilgang"

  Scenarie: En gift voksen kan vælge ægtefællens lukkede læge
    Givet "Kirsten" og "Poul" er gift med hinanden
    Når "Kirsten" vælger "Lægerne ved Torvet" i selvbetjeningen
    Så godkendes valget
    Og begrundelsen nævner "SPOUSE"
    Og kræver valget ikke lægens accept

  Abstrakt Scenario: Samboende på samme adresse giver ikke længere adgang til en lukket læge
    Givet dags dato er <dag>
    Når "Kirsten" vælger "Lægerne ved Torvet" i selvbetjeningen
    Så <udfald> valget

    Eksempler:
      | dag           | udfald    |
      | 8. april 2025 | godkendes |
      | 9. april 2025 | afvises   |

  Scenarie: Som samlever kan Kirsten vælge Pouls lukkede læge
    Givet "Kirsten" har angivet "Poul" som samlever
    Når "Kirsten" vælger "Lægerne ved Torvet" i selvbetjeningen
    Så godkendes valget
    Og begrundelsen nævner "DECLARED_COHABITANT"

  Scenarie: Et barn kan vælge sin forælders lukkede læge
    Givet borgeren "Sofie" bor på Vestergade 11, 7700 Thisted
    Og "Sofie" er født 1. juni 2012
    Og "Sofie" er barn af "Poul"
    Når borgeren vælger "Lægerne ved Torvet" for "Sofie"
    Så godkendes valget
    Og begrundelsen nævner "CHILD_TO_PARENT"

  Abstrakt Scenario: En forælder kan ikke længere vælge sit umyndige barns lukkede læge
    Givet dags dato er <dag>
    Og borgeren "Hans" bor på Vestergade 30, 7700 Thisted
    Og borgeren "Sofie" bor på Vestergade 30, 7700 Thisted
    Og "Sofie" er født 1. juni 2012
    Og "Sofie" er barn af "Hans"
    Og "Sofie" er tilmeldt "Lægerne ved Torvet"
    Når "Hans" vælger "Lægerne ved Torvet" i selvbetjeningen
    Så <udfald> valget

    Eksempler:
      | dag           | udfald    |
      | 8. april 2025 | godkendes |
      | 9. april 2025 | afvises   |

  Abstrakt Scenario: Færre end 2 åbne læger inden for grænsen er en undtagelse uden lægens accept
    Release-noterne: "Der er dog undtagelser. Fx hvis der er mindre end 2 åbne læger indenfor
    kilometergrænsen." Grænsen er 15 km i Thisted; en åben praksis lige uden for tæller ikke.

    Givet borgeren "Asger" bor på Hovedgaden 1, Nørre Vorupør, 7700 Thisted
    Og praksis "Lægen i Vorupør" er lukket for tilgang og ligger 8,0 km fra bopælen hos "Asger"
    Og praksis "Lægen i Hanstholm" er åben for tilgang og ligger 14,0 km fra bopælen hos "Asger"
    Og praksis "Lægen i Klitmøller" er åben for tilgang og ligger <km> km fra bopælen hos "Asger"
    Når "Asger" vælger "Lægen i Vorupør" i selvbetjeningen
    Så <udfald> valget

    Eksempler:
      | km   | åbne inden for grænsen | udfald    |
      | 15,0 | 2                      | afvises   |
      | 15,1 | 1                      | godkendes |

  Scenarie: Færre end 2 åbne læger: valget registreres med det samme
    Release-noterne nævner færre end 2 åbne læger som en undtagelse fra kravet om
    dispensation, så valget venter ikke på lægen.

    Givet borgeren "Asger" bor på Hovedgaden 1, Nørre Vorupør, 7700 Thisted
    Og praksis "Lægen i Vorupør" er lukket for tilgang og ligger 8,0 km fra bopælen hos "Asger"
    Og praksis "Lægen i Hanstholm" er åben for tilgang og ligger 14,0 km fra bopælen hos "Asger"
    Når "Asger" vælger "Lægen i Vorupør" i selvbetjeningen
    Så godkendes valget
    Og begrundelsen nævner "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT"
    Og kræver valget ikke lægens accept
    Og har "Asger" et forløb "Lægevalg" med status "Gennemført"
    Og er "Asger" tilmeldt "Lægen i Vorupør" fra 9. april 2025
