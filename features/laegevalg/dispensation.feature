# language: da
@lægevalg @lukket-læge @dispensation @ændring-3
Egenskab: Dispensation til en lukket læge inden for kilometergrænsen
  Release-noterne: "Normalt kræves dispensation for at vælge en lukket læge." Gælder ingen
  undtagelse, kan kommunen give dispensation: sagsbehandleren registrerer lægevalget med
  dispensation, og lægevalget afventer, at lægen accepterer borgeren. Det registreres først i
  LUNA, når lægen har accepteret. I selvbetjeningen afvises valget, og borgeren får at vide,
  at der kan søges om dispensation hos kommunen (SPEC 3.4).

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Asger" bor på Hovedgaden 1, Nørre Vorupør, 7700 Thisted
    Og praksis "Lægen i Vorupør" er lukket for tilgang og ligger 2,0 km fra bopælen hos "Asger"
    Og praksis "Lægen i Hanstholm" er åben for tilgang og ligger 14,0 km fra bopælen hos "Asger"

  Scenarie: Selvbetjeningen afviser og henviser til kommunens dispensation
    "Normalt kræves dispensation for at vælge en lukket læge": borgeren kan ikke selv vælge
    den lukkede læge, men kan søge kommunen om dispensation.

    Givet praksis "Lægen i Klitmøller" er åben for tilgang og ligger 10,0 km fra bopælen hos "Asger"
    Når "Asger" vælger "Lægen i Vorupør" i selvbetjeningen
    Så afvises valget med begrundelsen "lukket for tilgang"
    Og begrundelsen nævner "søge kommunen om dispensation"

  Scenarie: Sagsbehandleren giver dispensation: valget afventer lægens accept
    Kommunen kan give dispensation til en lukket læge inden for grænsen; lægen skal acceptere.

    Givet praksis "Lægen i Klitmøller" er åben for tilgang og ligger 10,0 km fra bopælen hos "Asger"
    Når sagsbehandleren giver "Asger" dispensation til at vælge "Lægen i Vorupør"
    Så godkendes valget
    Og begrundelsen nævner "DISPENSATION_GRANTED"
    Og kræver valget lægens accept
    Og har "Asger" et forløb "Lægevalg" med status "Afventende"

  Scenarie: Lægen accepterer: valget registreres
    Givet praksis "Lægen i Klitmøller" er åben for tilgang og ligger 10,0 km fra bopælen hos "Asger"
    Og sagsbehandleren har givet "Asger" dispensation til at vælge "Lægen i Vorupør"
    Når lægen i "Lægen i Vorupør" accepterer "Asger" som patient
    Så godkendes valget
    Og har "Asger" et forløb "Lægevalg" med status "Gennemført"
    Og er "Asger" tilmeldt "Lægen i Vorupør" fra 9. april 2025

  Scenarie: Lægen afviser: valget annulleres
    Givet praksis "Lægen i Klitmøller" er åben for tilgang og ligger 10,0 km fra bopælen hos "Asger"
    Og sagsbehandleren har givet "Asger" dispensation til at vælge "Lægen i Vorupør"
    Når lægen i "Lægen i Vorupør" afviser "Asger" som patient
    Så har "Asger" et forløb "Lægevalg" med status "Annulleret"

  Abstrakt Scenario: Antallet af åbne læger inden for grænsen afgør, om der skal dispensation til
    Med færre end 2 åbne læger inden for grænsen er det en undtagelse ("Der er dog
    undtagelser. Fx hvis der er mindre end 2 åbne læger indenfor kilometergrænsen"); ellers
    kræves dispensation.

    Givet praksis "Lægen i Klitmøller" er <åben eller lukket> for tilgang og ligger 10,0 km fra bopælen hos "Asger"
    Når "Asger" vælger "Lægen i Vorupør" i selvbetjeningen
    Så <udfald> valget

    Eksempler:
      | åben eller lukket | udfald    |
      | lukket            | godkendes |
      | åben              | afvises   |
