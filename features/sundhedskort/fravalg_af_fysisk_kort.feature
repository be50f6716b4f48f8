# language: da
@sundhedskort @ændring-4
Egenskab: Fravalg af det fysiske sundhedskort
  Borgere kan fravælge det fysiske sundhedskort i Sundhedskort-appen; fravalget registreres
  i LUNA. Det er et aktivt fravalg: ingen registrering betyder intet fravalg. Ved lægevalg,
  gruppeskift og CPR-hændelser springes kortbestillingen over for den, der har fravalgt, men
  forløbet "Bestil Sundhedskort" oprettes stadig, fordi ikke alle involverede personer
  nødvendigvis har fravalgt. En separat bestilling danner altid et fysisk kort. Fravalget
  kan ses i lægevalgshistorikken.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Mette" bor på Vestergade 3, 7700 Thisted
    Og borgeren "Emma" bor på Vestergade 3, 7700 Thisted
    Og "Emma" er født 2. maj 2015
    Og "Emma" er barn af "Mette"
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Mette" er tilmeldt "Lægehuset Thisted"
    Og "Emma" er tilmeldt "Lægehuset Thisted"
    Og "Mette" har fravalgt det fysiske sundhedskort

  Scenarie: Ved lægevalg springes kortet over for den, der har fravalgt
    Når "Mette" vælger "Lægerne Nord" for sig selv og "Emma"
    Så godkendes valget
    Og springes kortbestillingen over for "Mette"
    Og bestilles et fysisk sundhedskort til "Emma"
    Og har "Mette" et forløb "Bestil Sundhedskort" med status "Gennemført"

  Scenarie: Forløbet "Bestil Sundhedskort" oprettes, selv om alle har fravalgt
    Når "Mette" vælger "Lægerne Nord" i selvbetjeningen
    Så springes kortbestillingen over for "Mette"
    Og bestilles intet sundhedskort til "Mette"
    Og har "Mette" et forløb "Bestil Sundhedskort" med status "Gennemført"

  Scenarie: Ved gruppeskift springes kortet over
    Når sagsbehandleren skifter "Mette" til sikringsgruppe 2 med gyldighed fra i dag
    Så godkendes gruppeskiftet
    Og springes kortbestillingen over for "Mette"

  Scenarie: Ved en flytning fra CPR springes kortet over
    Når CPR melder, at "Mette" flytter til Nørregade 20, 7700 Thisted den 9. april 2025
    Så springes kortbestillingen over for "Mette"
    Og bestilles intet sundhedskort til "Mette"

  Scenarie: En separat bestilling danner altid et fysisk kort
    Når borgeren bestiller et nyt sundhedskort til "Mette", fordi det er bortkommet
    Så godkendes bestillingen
    Og bestilles et fysisk sundhedskort til "Mette"

  Scenarie: Fravalget kan ses i lægevalgshistorikken; ingen registrering er intet fravalg
    Så viser lægevalgshistorikken for "Mette" "Borgeren har fravalgt det fysiske sundhedskort"
    Og viser lægevalgshistorikken for "Emma" "Intet fravalg af det fysiske sundhedskort er registreret"
