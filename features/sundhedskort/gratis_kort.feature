# language: da
@sundhedskort @gebyr
Egenskab: Gratis nyt sundhedskort: kort ikke modtaget og navneændring ved vielse
  SPEC 3.5.1: et kort, der aldrig er kommet frem, genbestilles gratis, når det meldes inden
  for 60 dage efter flytningen (forretningsparameteren cardNotReceivedFreeReorderDays). Et
  nyt kort efter navneændring ved vielse er gratis inden for 3 måneder efter vielsen
  (freeNameChangeAfterMarriageMonths). Ellers koster kortet sundhedskortgebyret.

  Baggrund:
    Givet dags dato er 1. marts 2025
    Og borgeren "Lars" bor på Vestergade 9, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og "Lars" er tilmeldt "Lægehuset Thisted"

  Abstrakt Scenario: Et kort, der ikke er modtaget, er gratis til og med 60 dage efter flytningen
    SPEC 3.5.1: "free re-order if reported within 60 days of the move" - regnet fra
    flytningen, ikke fra bestillingen af kortet.

    Givet "Lars" er flyttet til P. Madsens Gang 6, Klitmøller, 7700 Thisted den 1. marts 2025
    Og dags dato er <dag>
    Når borgeren bestiller et nyt sundhedskort til "Lars", fordi det er ikke modtaget
    Så godkendes bestillingen
    Og koster kortet <gebyr>

    Eksempler:
      | dag            | gebyr               |
      | 30. april 2025 | 0 kr.               |
      | 1. maj 2025    | sundhedskortgebyret |

  Abstrakt Scenario: Et nyt kort efter navneændring ved vielse er gratis i 3 måneder
    SPEC 3.5.1: "Name change at marriage - within 3 months of the wedding".

    Givet borgeren "Sigrid" bor på Vestergade 9, 7700 Thisted
    Og CPR har meldt vielsen af "Lars" og "Sigrid" den 1. marts 2025
    Og dags dato er <dag>
    Når borgeren bestiller et nyt sundhedskort til "Lars", fordi det er navneændring
    Så godkendes bestillingen
    Og koster kortet <gebyr>

    Eksempler:
      | dag          | gebyr               |
      | 1. juni 2025 | 0 kr.               |
      | 2. juni 2025 | sundhedskortgebyret |
