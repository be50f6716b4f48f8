# language: da
@cpr @grønland @ændring-7
Egenskab: Borgere kan selv håndtere flytning fra Grønland til Danmark
  Borgere fra Grønland kan nu selv vælge læge i selvbetjeningen ved flytning til Danmark.
  Lægevalget kombineres automatisk med et skift til sikringsgruppe 1 og oprettes i
  tilflytningskommunen med status afventende. Det godkendes automatisk, når CPR melder
  flytningen. Er adressen forkert, annulleres lægevalget, men gruppeskiftet til gruppe 1
  gennemføres, og der oprettes automatisk et "Manglende lægevalg"-forløb.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Storm Henningsen" med CPR-nummer 010270-0000 bor i Grønland
    Og praksis "Klitmøller Lægehus" på P. Madsens Gang 1, Klitmøller, 7700 Thisted er åben for tilgang

  Scenarie: Storm Henningsen vælger selv læge ved flytning til Klitmøller (demo)
    Når "Storm Henningsen" vælger "Klitmøller Lægehus" ved flytning fra Grønland til P. Madsens Gang 4, Klitmøller, 7700 Thisted
    Så godkendes valget
    Og har "Storm Henningsen" et forløb "Lægevalg" med status "Afventende"
    Når CPR melder, at "Storm Henningsen" flytter fra Grønland til P. Madsens Gang 4, Klitmøller, 7700 Thisted den 9. april 2025
    Så har "Storm Henningsen" et forløb "Lægevalg" med status "Gennemført"
    Og er "Storm Henningsen" i sikringsgruppe 1 fra 9. april 2025
    Og er "Storm Henningsen" tilmeldt "Klitmøller Lægehus" fra 9. april 2025

  Scenarie: Sagsbehandleren i Thisted har samme mulighed (demo)
    Når sagsbehandleren vælger "Klitmøller Lægehus" for "Storm Henningsen" ved flytning fra Grønland til P. Madsens Gang 4, Klitmøller, 7700 Thisted
    Så godkendes valget
    Og har "Storm Henningsen" et forløb "Lægevalg" med status "Afventende"

  Scenarie: Forkert adresse: lægevalget annulleres, men gruppeskiftet gennemføres
    Givet "Storm Henningsen" har valgt "Klitmøller Lægehus" ved flytning fra Grønland til P. Madsens Gang 4, Klitmøller, 7700 Thisted
    Når CPR melder, at "Storm Henningsen" flytter fra Grønland til Vestergade 5, 7700 Thisted den 9. april 2025
    Så har "Storm Henningsen" et forløb "Lægevalg" med status "Annulleret"
    Og er "Storm Henningsen" i sikringsgruppe 1 fra 9. april 2025
    Og har "Storm Henningsen" et forløb "Manglende lægevalg" med status "Afventende"
