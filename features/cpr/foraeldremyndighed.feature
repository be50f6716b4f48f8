# language: da
@cpr @lægevalg
Egenskab: Et barn følger den nye indehaver af forældremyndigheden
  SPEC 5.6: "Custody change - Child follows custody holder's doctor". SPEC 3.7: et barn under
  15 år har normalt samme læge som den, der har forældremyndigheden; med fælles
  forældremyndighed og hver sin bopæl lægen hos den forælder, barnet bor hos. Fra 15 år
  vælger barnet selv.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og borgeren "Mette" bor på Vestergade 3, 7700 Thisted
    Og borgeren "Hans" bor på Algade 5, 7700 Thisted
    Og borgeren "Emma" bor på Vestergade 3, 7700 Thisted
    Og "Emma" er barn af "Hans"
    Og "Mette" er tilmeldt "Lægerne Nord"
    Og "Hans" er tilmeldt "Lægehuset Thisted"
    Og "Emma" er tilmeldt "Lægehuset Thisted"

  Abstrakt Scenario: Barnet under 15 år følger den nye indehaver, det bor hos
    Givet "Emma" er født <født>
    Når CPR melder, at "Mette" har forældremyndigheden over "Emma" den 9. april 2025
    Så er "Emma" tilmeldt "<læge>" <hvornår>

    Eksempler:
      | alder | født           | læge              | hvornår           |
      | 14 år | 10. april 2010 | Lægerne Nord      | fra 9. april 2025 |
      | 15 år | 9. april 2010  | Lægehuset Thisted | den 9. april 2025 |

  Scenarie: Barnet følger i et lægevalg, der registreres i LUNA
    Givet "Emma" er født 2. maj 2015
    Når CPR melder, at "Mette" har forældremyndigheden over "Emma" den 9. april 2025
    Så har "Emma" et forløb "Lægevalg" med status "Gennemført"
    Og holder LUNA 1 registrering af forløbet "Lægevalg" for "Emma"
