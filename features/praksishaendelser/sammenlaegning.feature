# language: da
@praksishændelser @sammenlægning
Egenskab: Sammenlægning af to praksis
  En sammenlægning er ikke beskrevet offentligt. Sandkassen behandler den som en ændring
  med gratis lægevalg (forretningsparameteren mergeGivesFreeChoice).

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Scenarie: Patienterne i den praksis, der lægges sammen, tilbydes gratis lægevalg
    Når regionen melder sammenlægning af "Lægehuset Torvet" med "Lægerne Nord" med virkning fra 1. juni 2025
    Så godkendes hændelsen
    Og viser lægevalgskortet for "Lise" den kommende sammenlægning af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg til og med 31. juli 2025
