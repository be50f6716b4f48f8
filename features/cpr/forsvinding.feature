# language: da
@cpr @forsvinding
Egenskab: Forsvinding (CPR-status 70)
  SPEC 5.4: kun status 01/03 (bopæl i en dansk kommune) giver dansk sygesikring; status 70 er
  "Inactive, disappeared". SPEC 5.6: en forsvinding sætter sikringen i bero ("[NC] suspend").
  Sandkassen lader sikringsgruppen og lægen ophøre fra datoen for forsvindingen, som ved
  udrejse. Bliver personen fundet og får bopæl igen, vælger personen gruppe som ved en
  tilflytning; uden valg inden for groupChoiceDeadlineDays (14 dage) kommer personen i
  sikringsgruppe 1 (SPEC 2.2).

  Baggrund:
    Givet dags dato er 1. marts 2025
    Og borgeren "Kent" med CPR-nummer 150596-3001 bor på Vestergade 3, 7700 Thisted
    Og praksis "Lægehuset Nord" er åben for tilgang og ligger 3,0 km fra bopælen hos "Kent"
    Og "Kent" er tilmeldt "Lægehuset Nord" fra 1. januar 2020

  Abstrakt Scenario: Sikringen ophører fra den dag, personen forsvinder
    SPEC 5.4: "Only status 01/03 (registered as resident in a Danish municipality) gives Danish
    sygesikring".

    Når CPR melder, at "Kent" er forsvundet den 1. marts 2025
    Så <udfald>

    Eksempler:
      | udfald                                             |
      | er "Kent" i sikringsgruppe 1 den 28. februar 2025  |
      | er "Kent" tilmeldt "Lægehuset Nord" den 28. februar 2025 |
      | har "Kent" ingen sikringsgruppe den 1. marts 2025  |

  Scenarie: Personen bliver fundet og vælger ikke gruppe: sikringsgruppe 1 efter fristen
    Når CPR melder, at "Kent" er forsvundet den 1. marts 2025
    Og dags dato er 9. april 2025
    Og CPR melder, at "Kent" er fundet og bor på Vestergade 3, 7700 Thisted fra 9. april 2025
    Og dags dato er 24. april 2025
    Og systemet udfører det daglige arbejde
    Så er "Kent" i sikringsgruppe 1 fra 9. april 2025
    Og har "Kent" et forløb "Manglende lægevalg" med status "Afventende"
    Og oprettes en manuel opgave om "Kent" med teksten "senest 8. maj 2025"
