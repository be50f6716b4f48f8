# language: da
@breve @ændring-6
Egenskab: Færre breve til borgerne
  Breve sendes nu kun til hovedpersonen i et forløb, og brevskabelonerne har en liste over
  de involverede personer. Kvitteringer for sundhedskort sendes kun ved selvstændige
  bestillinger.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Mette" bor på Vestergade 3, 7700 Thisted
    Og borgeren "Emma" bor på Vestergade 3, 7700 Thisted
    Og borgeren "Oscar" bor på Vestergade 3, 7700 Thisted
    Og "Emma" er født 2. maj 2015
    Og "Oscar" er født 14. juni 2018
    Og "Emma" er barn af "Mette"
    Og "Oscar" er barn af "Mette"
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Mette" er tilmeldt "Lægehuset Thisted"
    Og "Emma" er tilmeldt "Lægehuset Thisted"
    Og "Oscar" er tilmeldt "Lægehuset Thisted"

  Scenarie: Mor skifter læge for sig selv og to børn: ét brev og ingen kvittering (demo)
    Når "Mette" vælger "Lægerne Nord" for sig selv og "Emma" og "Oscar"
    Så godkendes valget
    Og sendes ét brev til "Mette"
    Og nævner brevet til "Mette" "Emma" og "Oscar" som involverede personer
    Og sendes intet brev til "Emma"
    Og sendes intet brev til "Oscar"
    Og sendes ingen kvittering til "Mette"

  Scenarie: En selvstændig bestilling af sundhedskort giver en kvittering
    Når borgeren bestiller et nyt sundhedskort til "Mette", fordi det er bortkommet
    Så godkendes bestillingen
    Og sendes én kvittering til "Mette"
