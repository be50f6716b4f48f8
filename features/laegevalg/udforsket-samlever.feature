# language: da
# Fundet af sandbox explore (smoke) med mutanten samlever-ignores-address og krympet; uden mutanten holder den.
@udforsket
Egenskab: Fundet af udforskeren: en samlever bor på tilflytningsadressen, når samleveren angives

  Scenarie: En samlever, der ikke bor på tilflytningsadressen, kan ikke angives
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Vest" på Vestergade 10, 7700 Thisted er åben for tilgang
    Og borgeren "Anna" bor på Vestergade 1, 7700 Thisted
    Og borgeren "Bo" bor på Vestergade 2, 7700 Thisted
    Og "Anna" er tilmeldt "Lægehuset Vest"
    Og "Bo" er tilmeldt "Lægehuset Vest"
    Når dags dato er 10. april 2025
    Og "Anna" angiver "Bo" som samlever med tilflytningsadressen Vestergade 1, 7700 Thisted
    Så gælder invarianten "en samlever bor på tilflytningsadressen, når samleveren angives"
