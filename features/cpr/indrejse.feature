# language: da
@cpr @indrejse @gruppeskift
Egenskab: Indrejse fra udlandet og fra Færøerne, og sikringsgruppe 1 uden valg inden fristen
  SPEC 2.2: "Persons moving in from the Faroe Islands, Greenland or abroad are asked to choose
  a group at registration", og "If no choice is made within the deadline → group 1". Fristen er
  forretningsparameteren groupChoiceDeadlineDays (14 dage efter indrejsen); den sidste dag at
  vælge er indrejsedatoen + 14 dage. SPEC 5.6: en flytning fra Færøerne behandles som en
  indrejse ("Treated like a move-in: choose group and GP").

  Baggrund:
    Givet dags dato er 1. marts 2025
    Og borgeren "Kent" med CPR-nummer 150596-3001 bor på Vestergade 3, 7700 Thisted
    Og CPR har meldt, at "Kent" er udrejst den 1. marts 2025

  Abstrakt Scenario: Uden valg af gruppe inden for 14 dage kommer borgeren i sikringsgruppe 1
    SPEC 2.2: "If no choice is made within the deadline → group 1".

    Givet dags dato er 9. april 2025
    Når <indrejse> den 9. april 2025
    Og dags dato er <dag>
    Og systemet udfører det daglige arbejde
    Så <udfald>

    Eksempler:
      | indrejse                                                                   | dag            | udfald                                            |
      | CPR melder, at "Kent" indrejser fra udlandet til Vestergade 3, 7700 Thisted | 23. april 2025 | har "Kent" ingen sikringsgruppe den 23. april 2025 |
      | CPR melder, at "Kent" indrejser fra udlandet til Vestergade 3, 7700 Thisted | 24. april 2025 | er "Kent" i sikringsgruppe 1 fra 9. april 2025     |
      | CPR melder, at "Kent" flytter fra Færøerne til Vestergade 3, 7700 Thisted   | 23. april 2025 | har "Kent" ingen sikringsgruppe den 23. april 2025 |
      | CPR melder, at "Kent" flytter fra Færøerne til Vestergade 3, 7700 Thisted   | 24. april 2025 | er "Kent" i sikringsgruppe 1 fra 9. april 2025     |

  Scenarie: Sikringsgruppe 1 efter fristen, og borgeren skal vælge læge
    SPEC 2.2: i gruppe 1 skal borgeren være tilmeldt en læge; uden læge åbnes "Manglende
    lægevalg" (SPEC 3.8). Fristen for at vælge læge (missingChoiceDeadlineDays, 14 dage) regnes
    fra den dag, borgeren kommer i gruppe 1, ikke fra indrejsen.

    Givet dags dato er 9. april 2025
    Når CPR melder, at "Kent" indrejser fra udlandet til Vestergade 3, 7700 Thisted den 9. april 2025
    Og dags dato er 24. april 2025
    Og systemet udfører det daglige arbejde
    Så er "Kent" i sikringsgruppe 1 fra 9. april 2025
    Og har "Kent" et forløb "Manglende lægevalg" med status "Afventende"
    Og oprettes en manuel opgave om "Kent" med teksten "senest 8. maj 2025"

  Scenarie: Borgeren vælger selv sikringsgruppe 2 inden fristen
    Givet dags dato er 9. april 2025
    Når CPR melder, at "Kent" indrejser fra udlandet til Vestergade 3, 7700 Thisted den 9. april 2025
    Og dags dato er 15. april 2025
    Og borgeren skifter "Kent" til sikringsgruppe 2 med gyldighed fra 15. april 2025
    Og dags dato er 24. april 2025
    Og systemet udfører det daglige arbejde
    Så er "Kent" i sikringsgruppe 2 fra 15. april 2025
