# language: da
@praksishændelser @overdragelse @ændring-1
Egenskab: Overdragelse af en praksis giver gratis lægevalg i gratisperioden
  Ved en overdragelse bliver patienterne hos praksis under den nye læge. Borgeren tilbydes
  et gratis lægevalg fra hændelsen er registreret og til udgangen af måneden efter den
  måned, hvor overdragelsen træder i kraft (gratisperioden). Det gratis lægevalg kan nu
  foretages i selvbetjeningen. Kommende praksishændelser vises på lægevalgskortet. Der
  oprettes ét forløb i lægens kommune, som en systemopgave, uden liste over involverede
  personer: en forretningsregel afgør dynamisk, hvem der tilbydes gratis lægevalg.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Lise" bor på Vestergade 7, 7700 Thisted
    Og praksis "Lægehuset Torvet" på Store Torv 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Lise" er tilmeldt "Lægehuset Torvet"

  Scenarie: Overdragelsen vises på lægevalgskortet med tilbud om gratis lægevalg
    Når regionen melder overdragelse af "Lægehuset Torvet" med virkning fra 1. maj 2025
    Så viser lægevalgskortet for "Lise" den kommende overdragelse af "Lægehuset Torvet"
    Og tilbydes "Lise" gratis lægevalg til og med 30. juni 2025

  Scenarie: Ét forløb i lægens kommune som systemopgave, uden involverede personer
    Når regionen melder overdragelse af "Lægehuset Torvet" med virkning fra 1. maj 2025
    Så har Thisted Kommune et åbent forløb "Praksishændelse" uden involverede personer
    Og har Thisted Kommune en systemopgave "Overdragelse af Lægehuset Torvet"

  Scenarie: Sagsbehandleren i lægens kommune ser forløbsdetaljerne uden involverede personer
    Release-noterne: "Overdragelse, Ændring ... Forløbsdetaljer: Ingen liste over involverede
    personer". Forløbet har ingen hovedperson, men sagsbehandleren i lægens kommune kan
    åbne det.

    Når regionen melder overdragelse af "Lægehuset Torvet" med virkning fra 1. maj 2025
    Så kan sagsbehandleren i Thisted Kommune se forløbsdetaljerne for "Praksishændelse" uden involverede personer

  Abstrakt Scenario: Gratisperioden slutter med udgangen af måneden efter overdragelsen
    Givet regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. maj 2025
    Og dags dato er <dag>
    Når "Lise" vælger "Lægerne Nord" i selvbetjeningen
    Så godkendes valget
    Og koster skiftet <gebyr>

    Eksempler:
      | dag           | gebyr               |
      | 9. april 2025 | 0 kr.               |
      | 30. juni 2025 | 0 kr.               |
      | 1. juli 2025  | sundhedskortgebyret |

  Abstrakt Scenario: Et valg truffet i gratisperioden er gratis, også med virkning efter den
    SPEC 4.4: "A choice made after the window ends is charged" - det afgørende er, hvornår
    valget træffes, ikke hvornår det får virkning.

    Givet regionen har meldt overdragelse af "Lægehuset Torvet" med virkning fra 1. maj 2025
    Og dags dato er <dag>
    Når "Lise" vælger "Lægerne Nord" med virkning fra 15. juli 2025
    Så godkendes valget
    Og koster skiftet <gebyr>

    Eksempler:
      | dag           | gebyr               |
      | 30. juni 2025 | 0 kr.               |
      | 1. juli 2025  | sundhedskortgebyret |
