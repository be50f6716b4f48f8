# language: da
@praksishændelser @opsplitning
Egenskab: Opsplitning af en praksis (uændret i release 1.1)
  Når en praksis deles i flere, vælger patienterne (gratis) en af de nye praksis. Der
  oprettes ét forløb i hver kommune, hvor lægen har sikrede, med en liste over de
  involverede personer.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og praksis "Torvet Øst" på Store Torv 3, 7700 Thisted er åben for tilgang
    Og praksis "Torvet Vest" på Store Torv 5, 7700 Thisted er åben for tilgang
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Scenarie: Patienterne tilbydes gratis lægevalg, og forløbet viser de involverede
    Når regionen melder opsplitning af "Lægehuset Torvet" til "Torvet Øst" og "Torvet Vest" med virkning fra 1. juni 2025
    Så godkendes hændelsen
    Og tilbydes "Lise" gratis lægevalg til og med 31. juli 2025
    Og har Thisted Kommune et åbent forløb "Praksishændelse" med "Lise" som involverede personer

  Scenarie: En opsplitning kræver de nye praksis
    Når regionen melder opsplitning af "Lægehuset Torvet" med virkning fra 1. juni 2025
    Så afvises hændelsen med begrundelsen "efterfølger"
