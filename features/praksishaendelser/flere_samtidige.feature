# language: da
@praksishændelser @ændring-2
Egenskab: Flere samtidige praksishændelser
  Sygesikring kan nu håndtere flere samtidige praksishændelser. Borgeren tilbydes et gratis
  lægevalg baseret på den førstkommende praksishændelse.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Scenarie: Tilbuddet følger den førstkommende af to ændringer
    Givet regionen har meldt ændring af "Lægehuset Torvet" med virkning fra 1. august 2025
    Når regionen melder overdragelse af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Så viser lægevalgskortet for "Lise" den kommende ændring af "Lægehuset Torvet"
    Og viser lægevalgskortet for "Lise" den kommende overdragelse af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg på grund af overdragelse af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg til og med 31. juli 2025

  Scenarie: Annulleres den første, følger tilbuddet den næste
    Givet regionen har meldt ændring af "Lægehuset Torvet" med virkning fra 1. august 2025
    Og regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Når regionen annullerer praksishændelsen for "Lægehuset Torvet"
    Så tilbydes "Lise" gratis lægevalg på grund af ændring af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg til og med 30. september 2025

  Abstrakt Scenario: En hændelse, der er trådt i kraft, er ikke længere den førstkommende
    Release-noterne: "Borgeren bliver tilbudt et gratis lægevalg baseret på den først
    kommende ændring." SPEC 4.4: en hændelse, der allerede har virkning, er ikke kommende.

    Givet regionen har meldt ændring af "Lægehuset Torvet" med virkning fra 1. august 2025
    Og regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Når dags dato er <dag>
    Så tilbydes "Lise" gratis lægevalg på grund af <hændelse> af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg til og med <sidste dag>

    Eksempler:
      | dag          | hændelse     | sidste dag         |
      | 31. maj 2025 | overdragelse | 31. juli 2025      |
      | 1. juni 2025 | ændring      | 30. september 2025 |
