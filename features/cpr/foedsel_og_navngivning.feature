# language: da
@cpr @ændring-10
Egenskab: Fødsel og navngivning samme dag
  Fødsel og navngivning "samme dag" sker ofte i en sårbar situation, hvor der er tvivl om
  barnets overlevelse. Ligger fødsel og navngivning inden for forretningsparameteren
  (1 dag), får sagsbehandleren en manuel opgave, og der sendes ikke automatisk et
  sundhedskort.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Mette" bor på Vestergade 3, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og "Mette" er tilmeldt "Lægehuset Thisted"
    Og CPR har meldt fødslen af "Ida" den 7. april 2025 med "Mette" som mor

  Abstrakt Scenario: Navngivning <dage> dag(e) efter fødslen
    Når CPR melder navngivning af "Ida" den <navngivet>
    Så oprettes <opgave> manuel opgave om "Ida"
    Og bestilles <kort> sundhedskort til "Ida"

    Eksempler:
      | dage | navngivet     | opgave | kort      |
      | 0    | 7. april 2025 | en     | intet     |
      | 1    | 8. april 2025 | en     | intet     |
      | 2    | 9. april 2025 | ingen  | et fysisk |
