# language: da
@cpr @ændring-9
Egenskab: Nyfødte får gruppe og læge fra fødselsdatoen
  Fra release 1.1 får et nyfødt barn sikringsgruppe og læge fra fødselsdatoen, ikke fra den
  dato, hvor CPR registrerede fødslen. Barnet får moderens gruppe og læge. Har moderen efter
  fødslen valgt en nyoprettet læge, får sagsbehandleren en manuel opgave.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Mette" bor på Vestergade 3, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og "Mette" er tilmeldt "Lægehuset Thisted"

  Scenarie: Barnet får moderens gruppe og læge fra fødselsdatoen
    Når CPR melder fødslen af "Ida" den 3. april 2025 med "Mette" som mor
    Så er "Ida" i sikringsgruppe 1 fra 3. april 2025
    Og er "Ida" tilmeldt "Lægehuset Thisted" fra 3. april 2025
    Og har "Ida" et forløb "Fødsel" med status "Gennemført"

  Abstrakt Scenario: Fødselsdatoen gælder for fødsler, der registreres fra release 1.1
    Givet dags dato er <registreret>
    Når CPR melder fødslen af "Ida" den 1. april 2025 med "Mette" som mor, registreret <registreret>
    Så er "Ida" tilmeldt "Lægehuset Thisted" fra <gyldig fra>
    Og er "Ida" i sikringsgruppe 1 fra <gyldig fra>

    Eksempler:
      | registreret   | gyldig fra    |
      | 8. april 2025 | 8. april 2025 |
      | 9. april 2025 | 1. april 2025 |

  Scenarie: Manuel opgave, når moderen efter fødslen har valgt en nyoprettet læge
    Givet praksis "Den Nye Lægepraksis" på Storegade 9, 7700 Thisted er nyoprettet 5. april 2025
    Og "Mette" er tilmeldt "Den Nye Lægepraksis" fra 5. april 2025
    Når CPR melder fødslen af "Ida" den 3. april 2025 med "Mette" som mor
    Så oprettes en manuel opgave om "Ida" med teksten "nyoprettet praksis"

  Scenarie: Ingen manuel opgave, når moderens læge fandtes før fødslen
    Når CPR melder fødslen af "Ida" den 3. april 2025 med "Mette" som mor
    Så oprettes ingen manuel opgave om "Ida"
