# language: da
@lægevalg @flytning
Egenskab: Lægevalg før en flytning
  Borgeren kan vælge læge ved den nye adresse, før flytningen er registreret (SPEC 3.6: "The
  system supports future-dated choices (e.g. choice made before the move, pending)"). Valget
  afventer CPR's flyttehændelse og godkendes, når den kommer (SPEC 5.6: "Pending GP choices
  made in advance are approved when the move event arrives"). Flytter borgeren et andet sted
  hen, annulleres valget. Melder CPR ingen flytning inden for 60 dage efter den forventede
  flyttedag (forretningsparameteren aheadOfMoveChoiceMaxWaitDays), annulleres valget, og
  borgeren får et brev.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Lars" bor på Vestergade 9, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Klitmøller Lægehus" på P. Madsens Gang 1, Klitmøller, 7700 Thisted er åben for tilgang
    Og "Lars" er tilmeldt "Lægehuset Thisted"

  Scenarie: Valget afventer flytningen og godkendes, når CPR melder den
    Når borgeren vælger "Klitmøller Lægehus" for "Lars" før flytningen til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. maj 2025
    Så godkendes valget
    Og har "Lars" et forløb "Lægevalg" med status "Afventende"
    Og er "Lars" fortsat tilmeldt "Lægehuset Thisted"
    Når dags dato er 1. maj 2025
    Og CPR melder, at "Lars" flytter til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. maj 2025
    Så har "Lars" et forløb "Lægevalg" med status "Gennemført"
    Og er "Lars" tilmeldt "Klitmøller Lægehus" fra 1. maj 2025

  Scenarie: Sagsbehandleren kan også registrere valget før flytningen
    Når sagsbehandleren vælger "Klitmøller Lægehus" for "Lars" før flytningen til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. maj 2025
    Så godkendes valget
    Og har "Lars" et forløb "Lægevalg" med status "Afventende"

  Scenarie: Flytter borgeren et andet sted hen, annulleres valget
    Givet borgeren har valgt "Klitmøller Lægehus" for "Lars" før flytningen til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. maj 2025
    Når dags dato er 1. maj 2025
    Og CPR melder, at "Lars" flytter til Nørregade 20, 7700 Thisted den 1. maj 2025
    Så har "Lars" et forløb "Lægevalg" med status "Annulleret"
    Og er "Lars" fortsat tilmeldt "Lægehuset Thisted"

  Abstrakt Scenario: Kommer flytningen ikke, annulleres valget efter 60 dage med et brev
    Forretningsparameteren aheadOfMoveChoiceMaxWaitDays (60 dage fra den forventede flyttedag,
    et forslag) sørger for, at et valg ikke venter for evigt.

    Givet borgeren har valgt "Klitmøller Lægehus" for "Lars" før flytningen til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. maj 2025
    Når dags dato er <dag>
    Og systemet udfører det daglige arbejde
    Så har "Lars" et forløb "Lægevalg" med status "<status>"
    Og er "Lars" fortsat tilmeldt "Lægehuset Thisted"

    Eksempler:
      | dag           | status     |
      | 30. juni 2025 | Afventende |
      | 1. juli 2025  | Annulleret |

  Scenarie: Borgeren får et brev, når valget annulleres
    Givet borgeren har valgt "Klitmøller Lægehus" for "Lars" før flytningen til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. maj 2025
    Når dags dato er 1. juli 2025
    Og systemet udfører det daglige arbejde
    Så står der i brevet til "Lars": "Dit lægevalg før flytningen er annulleret"
