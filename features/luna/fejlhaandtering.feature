# language: da
@luna @ændring-13
Egenskab: Bedre fejlhåndtering ved fejl i kommunikationen med LUNA
  Blev et kabel gravet over på et uheldigt tidspunkt, kunne en registrering være gennemført
  i LUNA, uden at det tilhørende forløb blev oprettet i Sygesikring. Nu oprettes forløbet
  altid først og afventer derefter, at registreringen i LUNA bliver gennemført.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Karen" bor på Vestergade 21, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Karen" er tilmeldt "Lægehuset Thisted"

  Scenarie: LUNA svarer ikke: forløbet oprettes og afventer LUNA
    Givet LUNA svarer ikke
    Når "Karen" vælger "Lægerne Nord" i selvbetjeningen
    Så godkendes valget
    Og har "Karen" et forløb "Lægevalg" med status "Afventer LUNA"
    Når LUNA svarer igen
    Og der går 5 minutter
    Så har "Karen" et forløb "Lægevalg" med status "Gennemført"
    Og holder LUNA én registrering af forløbet "Lægevalg" for "Karen"
    Og viser afstemningen med LUNA ingen fejl

  Scenarie: Svaret fra LUNA går tabt: forsøget gentages uden dobbeltregistrering
    Givet LUNAs næste svar går tabt
    Når "Karen" vælger "Lægerne Nord" i selvbetjeningen
    Så har "Karen" et forløb "Lægevalg" med status "Afventer LUNA"
    Når der går 5 minutter
    Så har "Karen" et forløb "Lægevalg" med status "Gennemført"
    Og holder LUNA én registrering af forløbet "Lægevalg" for "Karen"
    Og viser afstemningen med LUNA ingen fejl
