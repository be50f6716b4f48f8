# language: da
@cpr @sundhedskort
Egenskab: Navneændring for en voksen
  SPEC 5.6: en navneændring i CPR giver et nyt sundhedskort, "free only at marriage". SPEC
  3.5.1: ellers (bl.a. "name change not at marriage") betales gebyret. Sygesikring sender
  derfor ikke selv et kort ved en navneændring; borgeren bestiller det, og det er gratis inden
  for 3 måneder efter en vielse.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Lars" bor på Vestergade 9, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og "Lars" er tilmeldt "Lægehuset Thisted"

  Scenarie: En navneændring sender ikke automatisk et nyt sundhedskort
    Når CPR melder navngivning af "Lars" den 9. april 2025
    Så bestilles intet sundhedskort til "Lars"

  Scenarie: Et nyt kort efter en navneændring uden vielse koster gebyret
    Når CPR melder navngivning af "Lars" den 9. april 2025
    Og borgeren bestiller et nyt sundhedskort til "Lars", fordi det er navneændring
    Så godkendes bestillingen
    Og koster kortet sundhedskortgebyret
