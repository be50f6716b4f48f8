# language: da
@lægevalg @gebyr
Egenskab: Gebyr for lægeskift
  Et lægeskift betyder et nyt sundhedskort, og gebyret er sundhedskortgebyret. Det første
  kort er gratis, og visse skift er gratis (flytning, praksishændelser, at fylde 15).
  Gebyret for 2025 er ikke bekræftet (SPEC 3.5): egenskaberne siger "sundhedskortgebyret",
  dvs. forretningsparameteren cardFeeDKK for året, og ikke et fast beløb.

  Baggrund:
    Givet borgeren "Ole" bor på Vestergade 15, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang

  Scenarie: Det første lægevalg er gratis
    Givet dags dato er 9. april 2025
    Når "Ole" vælger "Lægerne Nord" i selvbetjeningen
    Så koster skiftet 0 kr.
    Og begrundelsen nævner "første sundhedskort"

  Abstrakt Scenario: Gebyret følger året
    Givet "Ole" er tilmeldt "Lægehuset Thisted"
    Og dags dato er <dag>
    Når "Ole" vælger "Lægerne Nord" i selvbetjeningen
    Så koster skiftet <gebyr>

    Eksempler:
      | dag               | gebyr               |
      | 31. december 2023 | 220 kr.             |
      | 1. januar 2024    | 225 kr.             |
      | 1. januar 2025    | sundhedskortgebyret |

  Abstrakt Scenario: Gratis lægeskift i 60 dage efter det fyldte 15. år
    Givet "Ole" er født 1. februar 2010
    Og "Ole" er tilmeldt "Lægehuset Thisted"
    Og dags dato er <dag>
    Når "Ole" vælger "Lægerne Nord" i selvbetjeningen
    Så koster skiftet <gebyr>

    Eksempler:
      | dage efter 15-årsdagen | dag           | gebyr               |
      | 60                     | 2. april 2025 | 0 kr.               |
      | 61                     | 3. april 2025 | sundhedskortgebyret |

  Scenarie: Ingen bindingsperiode: to lægeskift lige efter hinanden er tilladt
    SPEC 3.6: "No minimum binding period for GP changes is in force in the current sources
    (only the fee)" - forretningsparameteren minMonthsBetweenGpChanges er 0.

    Givet dags dato er 9. april 2025
    Og "Ole" er tilmeldt "Lægehuset Thisted"
    Og "Ole" har valgt "Lægerne Nord" i selvbetjeningen
    Når "Ole" vælger "Lægehuset Thisted" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet sundhedskortgebyret
