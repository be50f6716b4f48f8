# language: da
@praksishændelser @praksisændring @ændring-1
Egenskab: Ændring af en praksis
  En ændring, der har betydning for patienterne (fx ny ejer eller ændret kompagniskab),
  giver gratis lægevalg i gratisperioden ligesom en overdragelse. En mindre ændring, fx et
  nyt navn på klinikken, giver ikke gratis lægevalg.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Scenarie: En ændring med betydning for patienterne giver gratis lægevalg
    Når regionen melder ændring af "Lægehuset Torvet" med virkning fra 15. maj 2025
    Så viser lægevalgskortet for "Lise" den kommende ændring af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg til og med 30. juni 2025
    Og har Thisted Kommune et åbent forløb "Praksishændelse" uden involverede personer

  Scenarie: En mindre ændring giver ikke gratis lægevalg
    Når regionen melder mindre ændring af "Lægehuset Torvet" med virkning fra 15. maj 2025
    Så tilbydes "Lise" ikke gratis lægevalg
