# language: da
# Fundet af sandbox explore (smoke) med mutanten practice-event-case-per-citizen og krympet; uden mutanten holder den.
@udforsket
Egenskab: Fundet af udforskeren: en praksishændelse har højst ét forløb pr. kommune

  Scenarie: En nedlæggelse giver ét forløb for kommunens borgere, ikke ét pr. borger
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Vest" på Vestergade 10, 7700 Thisted er åben for tilgang
    Og borgeren "Anna" bor på Vestergade 1, 7700 Thisted
    Og borgeren "Bo" bor på Vestergade 2, 7700 Thisted
    Og "Anna" er tilmeldt "Lægehuset Vest"
    Og "Bo" er tilmeldt "Lægehuset Vest"
    Når dags dato er 10. april 2025
    Og regionen melder nedlæggelse af "Lægehuset Vest" med virkning fra 10. april 2025
    Så gælder invarianten "en praksishændelse har højst ét forløb pr. kommune"
