# language: da
@cpr @annullering
Egenskab: Annullering af et CPR-nummer uden et nyt nummer
  SPEC 5.4: status 30 er "Inactive, annulled number", og kun status 01/03 giver dansk
  sygesikring. SPEC 5.6: "Renumbering / annulment (omnummerering / annullering) | status 60 / 50
  / 30 + reference old↔new | Automatic in 1.1: old number → group 8; new number inherits group
  and GP choice". Release-noterne: "Det gamle CPR nummer flyttes til gruppe 8".
  Annullerer CPR et nummer uden at angive et nyt, er der intet nummer, der kan arve gruppe og
  lægevalg. Sandkassen flytter nummeret til gruppe 8 (renumbering.oldNumberGroup), afslutter
  lægetilmeldingen, annullerer ventende forløb og giver sagsbehandleren en manuel opgave.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Jens" med CPR-nummer 010180-1235 bor på Vestergade 5, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og "Jens" er tilmeldt "Lægehuset Thisted" fra 1. januar 2020

  Scenarie: Nummeret kommer i gruppe 8, og ingen arver gruppe og lægevalg
    Når CPR annullerer CPR-nummeret for "Jens" den 9. april 2025 uden et nyt nummer
    Så godkendes hændelsen
    Og er "Jens" i sikringsgruppe 8 fra 9. april 2025
    Og er "Jens" tilmeldt "Lægehuset Thisted" den 8. april 2025
    Og har "Jens" et forløb "Omnummerering" med status "Gennemført"
    Og oprettes en manuel opgave om "Jens" med teksten "uden et nyt nummer"
    Og bestilles intet sundhedskort til "Jens"
    Og sendes 0 breve til "Jens"

  Scenarie: Et ventende lægevalg annulleres, når nummeret annulleres
    Givet praksis "Lægehuset Fjern" er lukket for tilgang og ligger 40,0 km fra bopælen hos "Jens"
    Når "Jens" vælger "Lægehuset Fjern" i selvbetjeningen
    Og CPR annullerer CPR-nummeret for "Jens" den 9. april 2025 uden et nyt nummer
    Så har "Jens" et forløb "Lægevalg" med status "Annulleret"
    Og er "Jens" i sikringsgruppe 8 fra 9. april 2025
