# language: da
@gruppeskift @ændring-11
Egenskab: Gyldighedsdatoer for gruppeskift
  Release 1.1 justerer, hvilke gyldighedsdatoer et gruppeskift kan få. Vinduet afhænger af,
  hvem der foretager skiftet:
  - borgeren: dags dato og 30 dage frem,
  - sagsbehandleren: 14 dage tilbage og 30 dage frem,
  - sagsbehandleren med særlige rettigheder: 1 år tilbage og 1 år frem.
  Begge ender af vinduet er med.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Karen" bor i Thisted
    Og "Karen" er i sikringsgruppe 1 fra 1. januar 2020

  Abstrakt Scenario: Gyldighedsdatoen skal ligge i vinduet for den, der foretager skiftet
    Når <hvem> skifter "Karen" til sikringsgruppe 2 med gyldighed fra <gyldig fra>
    Så <udfald> gruppeskiftet
    Og begrundelsen nævner "<vindue>"

    Eksempler: Borgeren selv i selvbetjeningen
      | hvem     | gyldig fra      | udfald    | vindue                        |
      | borgeren | i går           | afvises   | 9. april 2025 til 9. maj 2025 |
      | borgeren | i dag           | godkendes | 9. april 2025 til 9. maj 2025 |
      | borgeren | i dag + 30 dage | godkendes | 9. april 2025 til 9. maj 2025 |
      | borgeren | i dag + 31 dage | afvises   | 9. april 2025 til 9. maj 2025 |

    Eksempler: Sagsbehandleren
      | hvem            | gyldig fra      | udfald    | vindue                         |
      | sagsbehandleren | i dag - 15 dage | afvises   | 26. marts 2025 til 9. maj 2025 |
      | sagsbehandleren | i dag - 14 dage | godkendes | 26. marts 2025 til 9. maj 2025 |
      | sagsbehandleren | i dag + 30 dage | godkendes | 26. marts 2025 til 9. maj 2025 |
      | sagsbehandleren | i dag + 31 dage | afvises   | 26. marts 2025 til 9. maj 2025 |

    Eksempler: Sagsbehandleren med særlige rettigheder
      | hvem                                    | gyldig fra           | udfald    | vindue                          |
      | sagsbehandleren med særlige rettigheder | i dag - 1 år - 1 dag | afvises   | 9. april 2024 til 9. april 2026 |
      | sagsbehandleren med særlige rettigheder | i dag - 1 år         | godkendes | 9. april 2024 til 9. april 2026 |
      | sagsbehandleren med særlige rettigheder | i dag + 1 år         | godkendes | 9. april 2024 til 9. april 2026 |
      | sagsbehandleren med særlige rettigheder | i dag + 1 år + 1 dag | afvises   | 9. april 2024 til 9. april 2026 |

  Scenarie: Et godkendt gruppeskift bliver et forløb, der registreres i LUNA
    Når sagsbehandleren skifter "Karen" til sikringsgruppe 2 med gyldighed fra i dag - 14 dage
    Så godkendes gruppeskiftet
    Og har "Karen" et forløb "Gruppeskift" med status "Gennemført"
    Og er "Karen" i sikringsgruppe 2 fra 26. marts 2025
    Og er "Karen" i sikringsgruppe 1 den 25. marts 2025

  Abstrakt Scenario: Borgeren skal have været mindst et år i sin gruppe
    Givet "Karen" er i sikringsgruppe 2 fra <siden>
    Når sagsbehandleren skifter "Karen" til sikringsgruppe 1 med gyldighed fra i dag
    Så <udfald> gruppeskiftet
    Og begrundelsen nævner "<begrundelse>"

    Eksempler:
      | siden          | udfald    | begrundelse                                   |
      | 9. april 2024  | godkendes | mindst 12 måneder efter                       |
      | 10. april 2024 | afvises   | kan tidligst skifte gruppe fra 10. april 2025 |

  Abstrakt Scenario: Et lægevalg, der flytter borgeren fra gruppe 2 til gruppe 1, har samme vinduer
    Release-noterne: "Justering af mulige gyldighedsdatoer for gruppeskift. Borger: Dags dato
    og 30 dage frem. Sagsbehandler: 14 dage tilbage og 30 dage frem." Vinduerne gælder,
    uanset hvordan gruppen skifter - også når et lægevalg flytter borgeren til gruppe 1.

    Givet "Karen" er i sikringsgruppe 2 fra 1. januar 2023
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Når <hvem> vælger "Lægehuset Thisted" for "Karen" med skift til sikringsgruppe 1 fra <gyldig fra>
    Så <udfald> valget

    Eksempler:
      | hvem            | gyldig fra      | udfald    |
      | borgeren        | i dag           | godkendes |
      | borgeren        | i dag + 30 dage | godkendes |
      | borgeren        | i dag + 31 dage | afvises   |
      | sagsbehandleren | i dag - 14 dage | godkendes |
      | sagsbehandleren | i dag - 15 dage | afvises   |
      | sagsbehandleren | i dag + 31 dage | afvises   |
