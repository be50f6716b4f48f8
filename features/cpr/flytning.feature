# language: da
@cpr @lægevalg @gebyr
Egenskab: Gratis lægevalg efter flytning
  Et lægeskift i forbindelse med en flytning er gratis, når det foretages fra første dag på
  den nye adresse og 30 dage frem. Derefter koster skiftet sundhedskortgebyret.

  Baggrund:
    Givet dags dato er 1. marts 2025
    Og borgeren "Lars" bor på Vestergade 9, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Klitmøller Lægehus" på P. Madsens Gang 1, Klitmøller, 7700 Thisted er åben for tilgang
    Og "Lars" er tilmeldt "Lægehuset Thisted"
    Og "Lars" er flyttet til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. marts 2025

  Abstrakt Scenario: Skiftet er gratis til og med 30 dage efter flytningen
    Givet dags dato er <dag>
    Når "Lars" vælger "Klitmøller Lægehus" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet <gebyr>

    Eksempler:
      | dag            | gebyr               |
      | 1. marts 2025  | 0 kr.               |
      | 31. marts 2025 | 0 kr.               |
      | 1. april 2025  | sundhedskortgebyret |

  Abstrakt Scenario: Det er dagen, valget træffes, der tæller, ikke virkningsdatoen
    SPEC 4.4: "A choice made after the window ends is charged" - det afgørende er, hvornår
    valget træffes. Et valg truffet inden for de 30 dage, men med virkning senere, er gratis.

    Givet dags dato er <dag>
    Når "Lars" vælger "Klitmøller Lægehus" med virkning fra 15. april 2025
    Så godkendes valget
    Og koster skiftet <gebyr>

    Eksempler:
      | dag            | gebyr               |
      | 31. marts 2025 | 0 kr.               |
      | 1. april 2025  | sundhedskortgebyret |
