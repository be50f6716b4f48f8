# language: da
@praksishændelser @overdragelse
Egenskab: Sagsbehandleren forlænger gratisperioden efter en praksishændelse
  SPEC 4.3 (practiceEventFreePeriodRelaxation): "case workers may extend when the citizen was
  not informed (21SFP123)". Ankestyrelsen lægger vægt på en tidsmæssig sammenhæng frem for en
  stiv frist. Forlængelsen gælder én borger og én praksishændelse, og kun når
  forretningsparameteren practiceEventFreePeriodCaseWorkerMayExtend tillader det.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Lise" er tilmeldt "Lægehuset Torvet"
    Og regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. maj 2025

  Scenarie: Sagsbehandleren forlænger gratisperioden for en borger, der ikke blev orienteret
    Givet dags dato er 10. juli 2025
    Når sagsbehandleren forlænger gratisperioden for "Lise" efter praksishændelsen for "Lægehuset Torvet" til og med 31. juli 2025
    Så godkendes forlængelsen
    Og begrundelsen nævner "FREE_PERIOD_EXTENDED"

  Abstrakt Scenario: Lægevalget er gratis til og med den forlængede dag
    Givet dags dato er 10. juli 2025
    Og sagsbehandleren har forlænget gratisperioden for "Lise" efter praksishændelsen for "Lægehuset Torvet" til og med 31. juli 2025
    Og dags dato er <dag>
    Når "Lise" vælger "Lægerne Nord" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet <gebyr>

    Eksempler:
      | dag            | gebyr               |
      | 31. juli 2025  | 0 kr.               |
      | 1. august 2025 | sundhedskortgebyret |

  Scenarie: Borgeren kan ikke selv forlænge gratisperioden
    Givet dags dato er 10. juli 2025
    Når borgeren forlænger gratisperioden for "Lise" efter praksishændelsen for "Lægehuset Torvet" til og med 31. juli 2025
    Så afvises forlængelsen
