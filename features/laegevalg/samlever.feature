# language: da
@lægevalg @samlever @ændring-3
Egenskab: Angivelse af samlever
  En ugift voksen kan angive en samlever ved sit CPR-nummer og derefter vælge samleverens
  læge, også når lægen er lukket for tilgang. Findes det angivne CPR-nummer ikke på
  tilflytningsadressen, har personen navne- og adressebeskyttelse, eller opfylder personen
  ikke kravene (D7), får brugeren en generisk besked om, at det ikke er muligt at angive
  dette CPR-nummer som samlever. Beskeden afslører ikke hvorfor. Den valgte samlever vises
  på forløbet.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Kent" med CPR-nummer 150596-3001 bor på Vestergade 3, 7700 Thisted
    Og borgeren "Sigrid" bor på Vestergade 3, 7700 Thisted
    Og borgeren "Olivia" med CPR-nummer 120984-0000 bor på P. Madsens Gang 8, Klitmøller, 7700 Thisted

  Scenarie: Kent, der flytter til Klitmøller, angiver Olivia som samlever (demo)
    Når "Kent" angiver "Olivia" som samlever med tilflytningsadressen P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Så godkendes angivelsen
    Og viser forløbet "Angivelse af samlever" for "Kent" samleveren "Olivia"

  Scenarie: Kent bor sammen med Sigrid, men de er ikke gift: ingen adgang uden angivelse (demo)
    Givet praksis "Lægerne ved Havnen" er lukket for tilgang og ligger 1,0 km fra bopælen hos "Kent"
    Og praksis "Lægehuset Nord" er åben for tilgang og ligger 3,0 km fra bopælen hos "Kent"
    Og praksis "Lægehuset Syd" er åben for tilgang og ligger 4,0 km fra bopælen hos "Kent"
    Og "Sigrid" er tilmeldt "Lægerne ved Havnen"
    Når "Kent" vælger "Lægerne ved Havnen" i selvbetjeningen
    Så afvises valget med begrundelsen "lukket for tilgang"

  Abstrakt Scenario: Samme generiske besked, uanset hvorfor personen ikke kan angives
    Givet borgeren "Mads" bor på <adresse>
    Og <forhold>
    Når "Kent" angiver "Mads" som samlever med tilflytningsadressen P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Så afvises angivelsen med begrundelsen "Det er ikke muligt at angive dette CPR-nummer som samlever."
    Og begrundelsen nævner ikke "Mads"

    Eksempler:
      | årsag                        | adresse                                     | forhold                                 |
      | bor ikke på adressen         | Vestergade 40, 7700 Thisted                 | "Mads" er født 1. januar 1990           |
      | navne- og adressebeskyttelse | P. Madsens Gang 8, Klitmøller, 7700 Thisted | "Mads" har navne- og adressebeskyttelse |
      | under 18 år (D7)             | P. Madsens Gang 8, Klitmøller, 7700 Thisted | "Mads" er født 1. januar 2010           |
      | gift med en anden (D7)       | P. Madsens Gang 8, Klitmøller, 7700 Thisted | "Mads" og "Sigrid" er gift med hinanden |
      | Kents forælder (D7)          | P. Madsens Gang 8, Klitmøller, 7700 Thisted | "Kent" er barn af "Mads"                |

  Scenarie: Et ukendt CPR-nummer giver den samme generiske besked
    Når "Kent" angiver CPR-nummer 010101-1234 som samlever
    Så afvises angivelsen med begrundelsen "Det er ikke muligt at angive dette CPR-nummer som samlever."

  Abstrakt Scenario: Kun en voksen, der ikke er gift, kan angive en samlever
    Release-noterne: "Voksne som ikke er gift kan angive en samlevende". Er den, der angiver,
    ikke en ugift voksen (18 år), får brugeren den samme generiske besked.

    Givet <forhold>
    Når "Kent" angiver "Olivia" som samlever med tilflytningsadressen P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Så <udfald> angivelsen

    Eksempler:
      | forhold                                 | udfald    |
      | "Kent" er født 9. april 2007            | godkendes |
      | "Kent" er født 10. april 2007           | afvises   |
      | "Kent" og "Sigrid" er gift med hinanden | afvises   |

  Scenarie: En gift voksen får den generiske besked
    Givet "Kent" og "Sigrid" er gift med hinanden
    Når "Kent" angiver "Olivia" som samlever med tilflytningsadressen P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Så afvises angivelsen med begrundelsen "Det er ikke muligt at angive dette CPR-nummer som samlever."

  Scenarie: En 16-årig kan ikke angive en samlever og få samleverens lukkede læge
    "Voksne som ikke er gift kan angive en samlevende og kan derefter vælge den samlevendes
    læge": en mindreårig kan hverken angive en samlever eller vælge en samlevers lukkede læge.

    Givet borgeren "Ida" bor på Vestergade 3, 7700 Thisted
    Og "Ida" er født 1. januar 2009
    Og praksis "Lægerne ved Havnen" er lukket for tilgang og ligger 1,0 km fra bopælen hos "Ida"
    Og praksis "Lægehuset Nord" er åben for tilgang og ligger 3,0 km fra bopælen hos "Ida"
    Og praksis "Lægehuset Syd" er åben for tilgang og ligger 4,0 km fra bopælen hos "Ida"
    Og "Sigrid" er tilmeldt "Lægerne ved Havnen"
    Når "Ida" angiver "Sigrid" som samlever med tilflytningsadressen Vestergade 3, 7700 Thisted
    Så afvises angivelsen med begrundelsen "Det er ikke muligt at angive dette CPR-nummer som samlever."
