# language: da
@revisionslog @ændring-5
Egenskab: Udtræk af revisionslog for kommunale administratorer
  Revisionsloggen indeholder oplysninger om sagsbehandleres brug af Sygesikring og bruges
  typisk ved mistanke om misbrug. Kommunale administratorer kan nu selv udtrække den: for
  højst 30 dage, inden for de sidste 6 måneder, for alle kommunens sagsbehandlere eller for
  en bestemt sagsbehandler.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Karen" bor i Thisted
    Og "Karen" er i sikringsgruppe 1 fra 1. januar 2020

  Abstrakt Scenario: Perioden må højst være 30 dage, begge dage medregnet
    Når den kommunale administrator udtrækker revisionsloggen fra <fra> til i dag
    Så <udfald> udtrækket

    Eksempler:
      | dage | fra             | udfald    |
      | 30   | i dag - 29 dage | godkendes |
      | 31   | i dag - 30 dage | afvises   |

  Abstrakt Scenario: Perioden skal ligge inden for de sidste 6 måneder
    Når den kommunale administrator udtrækker revisionsloggen fra <fra> til <til>
    Så <udfald> udtrækket

    Eksempler:
      | fra                       | til                        | udfald    |
      | i dag - 6 måneder         | i dag - 6 måneder + 29 dage | godkendes |
      | i dag - 6 måneder - 1 dag | i dag - 6 måneder + 28 dage | afvises   |

  Scenarie: Udtræk for en bestemt sagsbehandler viser dennes brug
    Givet dags dato er 2. april 2025
    Og sagsbehandleren har skiftet "Karen" til sikringsgruppe 2 med gyldighed fra i dag
    Og dags dato er 9. april 2025
    Når den kommunale administrator udtrækker revisionsloggen for sagsbehandler "sb-0787-01" fra i dag - 10 dage til i dag
    Så godkendes udtrækket
    Og indeholder udtrækket én post om "Karen"

  Scenarie: Kun kommunale administratorer kan udtrække revisionsloggen
    Når sagsbehandleren udtrækker revisionsloggen fra i dag - 10 dage til i dag
    Så afvises udtrækket med begrundelsen "må ikke udtrække revisionsloggen"
