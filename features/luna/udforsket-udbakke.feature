# language: da
# Fundet af sandbox explore (smoke) med mutanten outbox-before-commit og krympet; uden mutanten holder den.
@udforsket
Egenskab: Fundet af udforskeren: LUNA holder hvert gennemført forløb én gang og intet uden forløb

  Scenarie: Et lægevalg, hvis LUNA-svar går tabt, efterlader ingen registrering uden forløb
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Vest" på Vestergade 10, 7700 Thisted er åben for tilgang
    Og praksis "Lægehuset Øst" på Vestergade 11, 7700 Thisted er åben for tilgang
    Og borgeren "Bo" bor på Vestergade 1, 7700 Thisted
    Og "Bo" er tilmeldt "Lægehuset Øst"
    Når dags dato er 10. april 2025
    Og LUNAs næste svar går tabt
    Og "Bo" vælger "Lægehuset Vest" i selvbetjeningen
    Så gælder invarianten "LUNA holder hvert gennemført forløb én gang og intet uden forløb"

  Scenarie: En serverfejl fra LUNA venter i udbakken og registreres, når tiden går
    Givet dags dato er 9. april 2025
    Og praksis "Lægehuset Vest" på Vestergade 10, 7700 Thisted er åben for tilgang
    Og borgeren "Bo" bor på Vestergade 1, 7700 Thisted
    Og LUNA svarer med en serverfejl på det næste kald
    Når "Bo" vælger "Lægehuset Vest" i selvbetjeningen
    Og LUNA svarer med en timeout på det næste kald
    Og der går 5 minutter
    Så viser afstemningen med LUNA ingen fejl
    Og gælder invarianten "LUNA holder hvert gennemført forløb én gang og intet uden forløb"
