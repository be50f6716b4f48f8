# language: da
@cpr
Egenskab: Forsinkede CPR-meldinger
  CPR's hændelser kan nå systemet sent og efter hændelser, der skete senere. Systemet læser dem,
  når CPR leverer dem, med den dato, de skete.

  Baggrund:
    Givet dags dato er 1. marts 2025
    Og borgeren "Lars" bor på Vestergade 9, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Klitmøller Lægehus" på P. Madsens Gang 1, Klitmøller, 7700 Thisted er åben for tilgang
    Og "Lars" er tilmeldt "Lægehuset Thisted"

  @lægevalg @gebyr
  Scenarie: Et lægevalg efter en forsinket flytning er gratis
    Når CPR registrerer, at "Lars" flytter til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. marts 2025, men meldingen er forsinket
    Og dags dato er 5. marts 2025
    Og CPR leverer de forsinkede meldinger
    Og "Lars" vælger "Klitmøller Lægehus" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet 0 kr.

  @udforsket
  Scenarie: Det nye CPR-nummer arver sikringsgruppen, også når omnummereringen kommer for sent
    Fundet af sandbox explore (smoke) med mutanten late-renumbering-forgets-group og krympet.

    Når CPR registrerer omnummereringen af "Lars" til 101080-0001 den 1. marts 2025, men meldingen er forsinket
    Og dags dato er 2. marts 2025
    Og CPR leverer de forsinkede meldinger
    Så gælder invarianten "en borger har præcis én gældende sikringsgruppe"

  Scenarie: En forsinket melding om en tidligere flytning ændrer ikke den nyeste adresse
    Fundet af sandbox explore: to flytninger leveret i omvendt rækkefølge gav borgeren den ældste
    adresse. Den nyeste adresse, CPR har meldt, står ved magt; den sene melding er historik. Var
    den sene flytning til Aarhus blevet borgerens adresse, lå lægen i Thisted uden for
    kilometergrænsen, og borgeren fik forløbet "Manglende lægevalg".

    Når CPR registrerer, at "Lars" flytter til Søndergade 1, 8000 Aarhus C den 10. marts 2025, men meldingen er forsinket
    Og dags dato er 11. marts 2025
    Og CPR melder, at "Lars" flytter til Vestergade 3, 7700 Thisted den 11. marts 2025
    Og dags dato er 12. marts 2025
    Og CPR leverer de forsinkede meldinger
    Så har "Lars" intet forløb "Manglende lægevalg"
