# language: da
@demo @http
Egenskab: Release 1.1's demoer i sandkassens demoverden
  Release-noterne viser ændringerne med faste demopersoner. Sandkassens demoverden (den
  verden, `sandbox serve` starter med) har dem: Kent (150596-3001), der bor sammen med
  Sigrid i Aarhus uden at være gift med hende, Olivia (120984-0000) på P. Madsens Gang 8 i
  Klitmøller og Storm Henningsen (010270-0000), der bor i Grønland. Egenskaben kører både i
  samme proces og mod en kørende sandkasse (--sandbox-url).

  Baggrund:
    Givet sandkassens demoverden
    Og demoborgeren "Kent" har CPR-nummer 150596-3001
    Og demoborgeren "Olivia" har CPR-nummer 120984-0000
    Og demoborgeren "Storm Henningsen" har CPR-nummer 010270-0000
    Og "Thisted-lægen" er den første praksis i Thisted, der er åben for tilgang

  @ændring-3 @samlever
  Scenarie: Kent angiver Olivia, der bor på tilflytningsadressen i Klitmøller, som samlever
    Når "Kent" angiver "Olivia" som samlever med tilflytningsadressen P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Så godkendes angivelsen
    Og viser forløbet "Angivelse af samlever" for "Kent" samleveren "Olivia"

  @ændring-3 @samlever
  Scenarie: Olivia kan ikke angives, når hun ikke bor på den angivne tilflytningsadresse
    Når "Kent" angiver "Olivia" som samlever med tilflytningsadressen P. Madsens Gang 6, Klitmøller, 7700 Thisted
    Så afvises angivelsen med begrundelsen "Det er ikke muligt at angive dette CPR-nummer som samlever."

  @ændring-7 @grønland
  Scenarie: Storm Henningsen vælger selv læge ved flytning fra Grønland til Klitmøller
    Når "Storm Henningsen" vælger "Thisted-lægen" ved flytning fra Grønland til P. Madsens Gang 4, Klitmøller, 7700 Thisted
    Så godkendes valget
    Og har "Storm Henningsen" et forløb "Lægevalg" med status "Afventende"
    Når CPR melder, at "Storm Henningsen" flytter fra Grønland til P. Madsens Gang 4, Klitmøller, 7700 Thisted den 9. april 2025
    Så har "Storm Henningsen" et forløb "Lægevalg" med status "Gennemført"
    Og er "Storm Henningsen" i sikringsgruppe 1 fra 9. april 2025
    Og er "Storm Henningsen" tilmeldt "Thisted-lægen" fra 9. april 2025

  @ændring-11 @gruppeskift
  Abstrakt Scenario: Kents gruppeskift godt et år efter: gyldighedsdatoen skal ligge i rollens vindue
    Givet dags dato er 30. april 2026
    Når <hvem> skifter "Kent" til sikringsgruppe 2 med gyldighed fra <gyldig fra>
    Så <udfald> gruppeskiftet

    Eksempler:
      | hvem                                    | gyldig fra           | udfald    |
      | borgeren                                | i går                | afvises   |
      | borgeren                                | i dag + 30 dage      | godkendes |
      | sagsbehandleren                         | i dag - 15 dage      | afvises   |
      | sagsbehandleren                         | i dag - 14 dage      | godkendes |
      | sagsbehandleren                         | i dag + 30 dage      | godkendes |
      | sagsbehandleren                         | i dag + 31 dage      | afvises   |
      | sagsbehandleren med særlige rettigheder | i dag + 1 år         | godkendes |
      | sagsbehandleren med særlige rettigheder | i dag + 1 år + 1 dag | afvises   |

  @ændring-5 @revisionslog
  Abstrakt Scenario: Administratoren udtrækker revisionsloggen for højst 30 dage
    Når den kommunale administrator udtrækker revisionsloggen fra <fra> til i dag
    Så <udfald> udtrækket

    Eksempler:
      | fra             | udfald    |
      | i dag - 29 dage | godkendes |
      | i dag - 30 dage | afvises   |
