# language: da
@lægevalg
Egenskab: Kilometergrænsen ved lægevalg
  En borger i sikringsgruppe 1 vælger frit blandt de praksis, der er åbne for tilgang og
  ligger inden for kilometergrænsen fra bopælen: 15 km, men 5 km for borgere i
  hovedstadsområdet (København, Frederiksberg, Tårnby og Dragør). Uden for grænsen kan
  borgeren stadig vælge en åben praksis, men giver afkald på sygebesøg.

  Baggrund:
    Givet dags dato er 9. april 2025

  Abstrakt Scenario: Kilometergrænsen følger borgerens bopælskommune
    Givet borgeren "Anna" bor i <kommune>
    Og praksis "Lægehuset Syd" er åben for tilgang og ligger <afstand> km fra bopælen hos "Anna"
    Når "Anna" vælger "Lægehuset Syd" i selvbetjeningen
    Så godkendes valget
    Og ligger praksis <placering> kilometergrænsen
    Og begrundelsen nævner "<grænse> km"

    Eksempler:
      | kommune       | afstand | placering | grænse |
      | Thisted       | 14,9    | inden for | 15     |
      | Thisted       | 15,0    | inden for | 15     |
      | Thisted       | 15,1    | uden for  | 15     |
      | Aarhus        | 5,1     | inden for | 15     |
      | København     | 4,9     | inden for | 5      |
      | København     | 5,0     | inden for | 5      |
      | København     | 5,1     | uden for  | 5      |
      | Frederiksberg | 5,1     | uden for  | 5      |
      | Tårnby        | 5,1     | uden for  | 5      |
      | Dragør        | 5,1     | uden for  | 5      |

  Scenarie: En lukket læge kan ikke vælges uden en undtagelse
    Givet borgeren "Bo" bor i Thisted
    Og praksis "Lægerne i Byen" er lukket for tilgang og ligger 2,0 km fra bopælen hos "Bo"
    Og praksis "Lægehuset Nord" er åben for tilgang og ligger 6,0 km fra bopælen hos "Bo"
    Og praksis "Lægehuset Vest" er åben for tilgang og ligger 9,0 km fra bopælen hos "Bo"
    Når "Bo" vælger "Lægerne i Byen" i selvbetjeningen
    Så afvises valget med begrundelsen "lukket for tilgang"
