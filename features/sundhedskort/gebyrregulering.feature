# language: da
@sundhedskort @gebyr
Egenskab: Den årlige regulering af sundhedskortgebyret
  SPEC 3.5: "Fee rule: regulated once a year by the satsreguleringsprocent and rounded to the
  nearest amount divisible by 5". Et år uden et fastsat gebyr (forretningsparameteren
  cardFeeDKK) får det foregående års gebyr ganget med 1 plus årets satsreguleringsprocent
  (cardFeeRegulationPercent) og afrundet til nærmeste beløb, der er deleligt med
  cardFeeRounding; et beløb midt imellem rundes op. Kun procenten for 2023 (2,7 %) er
  bekræftet, så beløbene står her som forretningsparametrenes værdi og ikke som faste beløb.

  Baggrund:
    Givet borgeren "Ole" bor på Vestergade 15, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Ole" er tilmeldt "Lægehuset Thisted"

  Abstrakt Scenario: Gebyret for et år uden fastsat gebyr reguleres fra det foregående år
    Givet dags dato er <dag>
    Når "Ole" vælger "Lægerne Nord" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet gebyret for <år> efter forretningsparameteren

    Eksempler:
      | dag               | år   |
      | 31. december 2025 | 2025 |
      | 1. januar 2026    | 2026 |
      | 1. januar 2027    | 2027 |

  Scenarie: Et reguleret gebyr forklares i begrundelsen
    Givet dags dato er 2. januar 2026
    Når "Ole" vælger "Lægerne Nord" i selvbetjeningen
    Så begrundelsen nævner "satsreguleringsprocenten"
    Og begrundelsen nævner "gebyret for 2025"

  Abstrakt Scenario: Afrundingen til nærmeste beløb, der er deleligt med 5
    SPEC 3.5: "rounded to the nearest amount divisible by 5". Grænsen ligger midt mellem to
    beløb: 227,50 kr. bliver til 230 kr., 227,49 kr. til 225 kr.

    Når et gebyr på <gebyr> kr. reguleres med <procent> % og afrundes til nærmeste <deler> kr.
    Så bliver det regulerede gebyr <resultat> kr.

    Eksempler:
      | gebyr | procent | deler | uafrundet | resultat |
      | 225   | 1,1     | 5     | 227,475   | 225      |
      | 250   | -9,0    | 5     | 227,5     | 230      |
      | 225   | 1,2     | 5     | 227,7     | 230      |
      | 225   | 3,3     | 5     | 232,425   | 230      |
      | 225   | 3,4     | 5     | 232,65    | 235      |
      | 230   | 2,7     | 5     | 236,21    | 235      |
      | 230   | 1,1     | 10    | 232,53    | 230      |
