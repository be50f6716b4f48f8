# language: da
@lægevalg
Egenskab: Lægevalgets virkningsdato
  Et lægevalg gælder fra i dag eller fra en senere dato, som borgeren vælger (fx før en
  flytning). Det kan ikke gælde fra før i dag.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Ole" bor på Vestergade 15, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Ole" er tilmeldt "Lægehuset Thisted"

  Abstrakt Scenario: Virkningsdatoen kan ikke ligge før i dag
    Når "Ole" vælger "Lægerne Nord" med virkning fra <fra>
    Så <udfald> valget

    Eksempler:
      | fra             | udfald    |
      | i går           | afvises   |
      | i dag           | godkendes |
      | i dag + 30 dage | godkendes |

  Scenarie: Et fremtidigt lægevalg gælder først fra virkningsdatoen
    Når "Ole" vælger "Lægerne Nord" med virkning fra 1. maj 2025
    Så godkendes valget
    Og er "Ole" tilmeldt "Lægehuset Thisted" den 30. april 2025
    Og er "Ole" tilmeldt "Lægerne Nord" fra 1. maj 2025
