# language: da
@praksishændelser @nedlæggelse
Egenskab: Nedlæggelse af en praksis (uændret i release 1.1)
  Når en praksis nedlægges uden efterfølger, skal patienterne vælge ny læge, og valget er
  gratis. Der oprettes ét forløb i hver kommune, hvor lægen har sikrede, med en liste over
  de involverede personer.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og praksis "Lægen ved Limfjorden" på Havnen 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og borgeren "Anders" bor på Vestergade 8, 7700 Thisted
    Og borgeren "Maja" bor på Algade 1, 7900 Nykøbing M
    Og "Lise" er tilmeldt "Lægen ved Limfjorden"
    Og "Anders" er tilmeldt "Lægen ved Limfjorden"
    Og "Maja" er tilmeldt "Lægen ved Limfjorden"

  Scenarie: Ét forløb i hver kommune med listen over involverede personer
    Når regionen melder nedlæggelse af "Lægen ved Limfjorden" med virkning fra 1. juni 2025
    Så har Thisted Kommune et åbent forløb "Praksishændelse" med "Anders" og "Lise" som involverede personer
    Og har Morsø Kommune et åbent forløb "Praksishændelse" med "Maja" som involverede personer

  Scenarie: Lægevalget efter en nedlæggelse er gratis
    Givet regionen har meldt nedlæggelse af "Lægen ved Limfjorden" med virkning fra 1. juni 2025
    Når "Lise" vælger "Lægerne Nord" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet 0 kr.

  Scenarie: Efter gratisperioden afsluttes forløbet, og de, der ikke har valgt, får "Manglende lægevalg"
    Givet regionen har meldt nedlæggelse af "Lægen ved Limfjorden" med virkning fra 1. juni 2025
    Og "Lise" har valgt "Lægerne Nord" i selvbetjeningen
    Og dags dato er 1. august 2025
    Når systemet behandler fristerne for praksishændelser
    Så har Thisted Kommune intet åbent forløb "Praksishændelse"
    Og har "Anders" et forløb "Manglende lægevalg" med status "Afventende"
    Og har "Lise" intet forløb "Manglende lægevalg"

  Abstrakt Scenario: Patienterne bliver hos den gamle læge, til de har valgt
    SPEC 4.1 om nedlæggelse: "patients stay with the old doctor until they have chosen".
    Den, der ikke har valgt, når gratisperioden udløber, bliver tilmeldt den gamle læge og
    får forløbet "Manglende lægevalg" (forretningsparameteren closurePatientsStayUntilChosen).

    Givet regionen har meldt nedlæggelse af "Lægen ved Limfjorden" med virkning fra 1. juni 2025
    Og dags dato er 1. august 2025
    Når systemet behandler fristerne for praksishændelser
    Så er "Anders" tilmeldt "Lægen ved Limfjorden" den <dag>

    Eksempler:
      | dag            |
      | 31. juli 2025  |
      | 1. august 2025 |
