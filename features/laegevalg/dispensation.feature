# language: da
@lægevalg @lukket-læge @dispensation @ændring-3
Egenskab: Dispensation: den lukkede læge accepterer eller afviser
  Er der færre end 2 åbne læger inden for kilometergrænsen, kan borgeren vælge en lukket
  læge, hvis lægen accepterer. Lægevalget afventer lægens svar og registreres først i LUNA,
  når lægen har accepteret.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Asger" bor på Hovedgaden 1, Nørre Vorupør, 7700 Thisted
    Og praksis "Lægen i Vorupør" er lukket for tilgang og ligger 2,0 km fra bopælen hos "Asger"
    Og praksis "Lægen i Hanstholm" er åben for tilgang og ligger 14,0 km fra bopælen hos "Asger"
    Og "Asger" har valgt "Lægen i Vorupør" i selvbetjeningen

  Scenarie: Lægen accepterer: valget registreres
    Når lægen i "Lægen i Vorupør" accepterer "Asger" som patient
    Så godkendes valget
    Og har "Asger" et forløb "Lægevalg" med status "Gennemført"
    Og er "Asger" tilmeldt "Lægen i Vorupør" fra 9. april 2025

  Scenarie: Lægen afviser: valget annulleres
    Når lægen i "Lægen i Vorupør" afviser "Asger" som patient
    Så har "Asger" et forløb "Lægevalg" med status "Annulleret"

  Abstrakt Scenario: Antallet af åbne læger inden for grænsen afgør, om undtagelsen gælder
    Givet borgeren "Birte" bor på Hovedgaden 3, Nørre Vorupør, 7700 Thisted
    Og praksis "Lægen i Klitmøller" er <åben eller lukket> for tilgang og ligger 10,0 km fra bopælen hos "Birte"
    Når "Birte" vælger "Lægen i Vorupør" i selvbetjeningen
    Så <udfald> valget

    Eksempler:
      | åben eller lukket | udfald    |
      | lukket            | godkendes |
      | åben              | afvises   |
