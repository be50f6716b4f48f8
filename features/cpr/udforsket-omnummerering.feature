# language: da
# Fundet af sandbox explore (smoke) med mutanten renumbering-forgets-group og krympet; uden mutanten holder den.
@udforsket
Egenskab: Fundet af udforskeren: en borger har præcis én gældende sikringsgruppe

  Scenarie: Det nye CPR-nummer arver sikringsgruppen ved omnummerering
    Givet dags dato er 9. april 2025
    Og borgeren "Anna" bor på Vestergade 1, 7700 Thisted
    Når dags dato er 10. april 2025
    Og CPR omnummererer "Anna" til 101080-0001 den 10. april 2025
    Så gælder invarianten "en borger har præcis én gældende sikringsgruppe"
