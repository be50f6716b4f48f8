# language: da
@praksishændelser @opsplitning
Egenskab: Patienter i en opsplittet praksis tildeles en af de nye praksis
  SPEC 4.1 om opsplitning: "Patients choose (or are assigned) one of the new practices". Den,
  der ikke har valgt læge, når gratisperioden udløber, tildeles fra dagen efter den nærmeste af
  de nye praksis, der har åben for tilgang inden for kilometergrænsen (ved lige afstand det
  laveste ydernummer); findes ingen, får borgeren forløbet "Manglende lægevalg" som før
  (forretningsparameteren splitPatientsAssignedToSuccessor). Tildelingen er gratis, registreres
  i LUNA, giver et nyt sundhedskort og et brev med klagevejledning.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Abstrakt Scenario: Den, der ikke har valgt, tildeles den nærmeste nye praksis dagen efter gratisperioden
    Givet praksis "Torvet Øst" er åben for tilgang og ligger 2,0 km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er åben for tilgang og ligger 3,0 km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Når dags dato er <dag>
    Og systemet behandler fristerne for praksishændelser
    Så er "Lise" tilmeldt "<praksis>" den <dag>

    Eksempler:
      | dag            | praksis          |
      | 31. juli 2025  | Lægehuset Torvet |
      | 1. august 2025 | Torvet Øst       |

  Scenarie: Tildelingen gælder fra dagen efter gratisperioden, er gratis og registreres i LUNA
    Givet praksis "Torvet Øst" er åben for tilgang og ligger 2,0 km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er åben for tilgang og ligger 3,0 km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Når dags dato er 1. august 2025
    Og systemet behandler fristerne for praksishændelser
    Så er "Lise" tilmeldt "Torvet Øst" fra 1. august 2025
    Og har "Lise" et forløb "Lægevalg" med status "Gennemført"
    Og holder LUNA 1 registrering af forløbet "Lægevalg" for "Lise"
    Og får "Lise" et fysisk sundhedskort uden gebyr fra 1. august 2025
    Og har "Lise" intet forløb "Manglende lægevalg"

  Scenarie: Brevet fortæller om tildelingen og har en klagevejledning
    Givet praksis "Torvet Øst" er åben for tilgang og ligger 2,0 km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er åben for tilgang og ligger 3,0 km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Når dags dato er 1. august 2025
    Og systemet behandler fristerne for praksishændelser
    Så står der i brevet til "Lise": "er delt i flere nye"
    Og står der i brevet til "Lise": "gratisperioden udløb den 31. juli 2025"
    Og står der i brevet til "Lise": "Skiftet er gratis."
    Og står der i brevet til "Lise": "Klagevejledning"

  Abstrakt Scenario: Kun en ny praksis med åben for tilgang inden for kilometergrænsen tildeles
    Givet praksis "Torvet Øst" er <øst> for tilgang og ligger <km øst> km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er åben for tilgang og ligger <km vest> km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Når dags dato er 1. august 2025
    Og systemet behandler fristerne for praksishændelser
    Så er "Lise" tilmeldt "<praksis>" fra 1. august 2025

    Eksempler:
      | øst    | km øst | km vest | praksis     |
      | åben   | 2,0    | 2,0     | Torvet Øst  |
      | lukket | 2,0    | 3,0     | Torvet Vest |
      | åben   | 15,0   | 15,1    | Torvet Øst  |
      | åben   | 15,1   | 15,0    | Torvet Vest |

  Scenarie: Uden en ny praksis inden for kilometergrænsen får borgeren "Manglende lægevalg"
    Givet praksis "Torvet Øst" er åben for tilgang og ligger 15,1 km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er lukket for tilgang og ligger 2,0 km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Når dags dato er 1. august 2025
    Og systemet behandler fristerne for praksishændelser
    Så har "Lise" et forløb "Manglende lægevalg" med status "Afventende"
    Og har "Lise" intet forløb "Lægevalg"

  Scenarie: Den, der valgte i gratisperioden, beholder sit valg
    Givet praksis "Torvet Øst" er åben for tilgang og ligger 2,0 km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er åben for tilgang og ligger 3,0 km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Og "Lise" har valgt "Torvet Vest" i selvbetjeningen
    Når dags dato er 1. august 2025
    Og systemet behandler fristerne for praksishændelser
    Så er "Lise" tilmeldt "Torvet Vest" den 1. august 2025
    Og har "Lise" i alt 1 forløb "Lægevalg"

  Scenarie: Fravalget af det fysiske kort respekteres ved tildelingen
    Givet "Lise" har fravalgt det fysiske sundhedskort
    Og praksis "Torvet Øst" er åben for tilgang og ligger 2,0 km fra bopælen hos "Lise"
    Og praksis "Torvet Vest" er åben for tilgang og ligger 3,0 km fra bopælen hos "Lise"
    Og regionen har meldt opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Når dags dato er 1. august 2025
    Og systemet behandler fristerne for praksishændelser
    Så er "Lise" tilmeldt "Torvet Øst" fra 1. august 2025
    Og springes kortbestillingen over for "Lise"
