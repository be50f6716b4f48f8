# language: da
@sundhedskort @praksishændelser @gebyr
Egenskab: Sundhedskortet efter en praksishændelse
  SPEC 6.2: "Practice event (new doctor data) | automatic (region/municipality) | free".
  Sundhedskortet viser lægens navn, adresse og telefon (SPEC 6.1), så en overdragelse (ny
  ejer: lægens navn på kortet skifter), en ændring og en sammenlægning giver praksis' patienter
  et nyt kort uden gebyr den dag, hændelsen træder i kraft (forretningsparameteren
  practiceEventNewCardKinds). SPEC 3.5.1: "Doctor closes the practice, or the practice is
  split" gør det nye kort gratis: ved en nedlæggelse kommer kortet med den nye læge, gratis i
  gratisperioden og med gebyr derefter. Den, der har fravalgt det fysiske kort, får intet
  (SPEC 6.4).

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Abstrakt Scenario: Et nyt kort uden gebyr den dag, en overdragelse træder i kraft
    Givet regionen har meldt <hændelse> af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Og dags dato er <dag>
    Når systemet behandler fristerne for praksishændelser
    Så <kort>

    Eksempler:
      | hændelse       | dag          | kort                                                    |
      | overdragelse   | 31. maj 2025 | bestilles intet sundhedskort til "Lise"                  |
      | overdragelse   | 1. juni 2025 | får "Lise" et fysisk sundhedskort uden gebyr fra 1. juni 2025 |
      | ændring        | 1. juni 2025 | får "Lise" et fysisk sundhedskort uden gebyr fra 1. juni 2025 |
      | mindre ændring | 1. juni 2025 | får "Lise" et fysisk sundhedskort uden gebyr fra 1. juni 2025 |
      | nedlæggelse    | 1. juni 2025 | bestilles intet sundhedskort til "Lise"                  |

  Scenarie: Fravalget af det fysiske kort respekteres ved en overdragelse
    Givet "Lise" har fravalgt det fysiske sundhedskort
    Og regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Og dags dato er 1. juni 2025
    Når systemet behandler fristerne for praksishændelser
    Så springes kortbestillingen over for "Lise"
    Og bestilles intet sundhedskort til "Lise"

  Scenarie: Kortet bestilles én gang, selv om fristerne behandles igen
    Givet regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Og dags dato er 1. juni 2025
    Når systemet behandler fristerne for praksishændelser
    Og dags dato er 2. juni 2025
    Og systemet behandler fristerne for praksishændelser
    Så har "Lise" i alt 1 forløb "Bestil Sundhedskort"

  Abstrakt Scenario: Ved en nedlæggelse kommer kortet med den nye læge, gratis i gratisperioden
    Givet regionen har meldt nedlæggelse af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Og dags dato er <dag>
    Når "Lise" vælger "Lægerne Nord" i selvbetjeningen
    Så godkendes valget
    Og bestilles et fysisk sundhedskort til "Lise"
    Og koster skiftet <gebyr>

    Eksempler:
      | dag            | gebyr               |
      | 31. juli 2025  | 0 kr.               |
      | 1. august 2025 | sundhedskortgebyret |
