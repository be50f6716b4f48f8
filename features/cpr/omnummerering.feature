# language: da
@cpr @ændring-8
Egenskab: Automatisk håndtering af omnummerering i CPR
  Når CPR omnummererer eller annullerer et CPR-nummer, flyttes det gamle nummer til
  sikringsgruppe 8, og det nye nummer arver gruppe og lægevalg fra det gamle.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Jens" med CPR-nummer 010180-1235 bor på Vestergade 5, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og "Jens" er tilmeldt "Lægehuset Thisted"

  Scenarie: Det nye nummer arver gruppe og læge; det gamle kommer i gruppe 8
    Når CPR omnummererer "Jens" til 010180-1243 den 9. april 2025
    Så er "Jens" i sikringsgruppe 1 den 9. april 2025
    Og er "Jens" tilmeldt "Lægehuset Thisted" den 9. april 2025
    Og er "Jens (gammelt nummer)" i sikringsgruppe 8 fra 9. april 2025
    Og har "Jens" et forløb "Omnummerering" med status "Gennemført"

  Scenarie: Fravalget af det fysiske sundhedskort følger med til det nye nummer
    Release-noterne: "Ved lægevalg, gruppeskift og cpr hændelser springes kortbestilling over
    hvis borgeren har fravalgt fysisk Sundhedskort" og "Det nye CPR nummer 'arver' gruppe og
    lægevalg fra det gamle nummer". Fravalget er registreret i LUNA under det gamle nummer.

    Givet "Jens" har fravalgt det fysiske sundhedskort
    Når CPR omnummererer "Jens" til 010180-1243 den 9. april 2025
    Så springes kortbestillingen over for "Jens"
    Og står der ikke i brevene til "Jens": "Du får et nyt sundhedskort"
    Og står der i brevet til "Jens": "ses i Sundhedskort-appen"

  Scenarie: Uden fravalg lover brevet et nyt sundhedskort
    Når CPR omnummererer "Jens" til 010180-1243 den 9. april 2025
    Så bestilles et fysisk sundhedskort til "Jens"
    Og står der i brevet til "Jens": "Du får et nyt sundhedskort uden gebyr"
