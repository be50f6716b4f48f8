# language: da
@cpr @beskyttelse
Egenskab: Navne- og adressebeskyttelse ophører efter sin periode
  SPEC 5.7: beskyttelsen gælder i op til 1 år og "lapses after 1 year unless renewed"
  (CPR-loven § 28). Perioden er forretningsparameteren addressProtectionDefaultMonths. Den
  første dag uden beskyttelse er dagen, hvor perioden er gået; det daglige arbejde ophæver den.
  Så længe beskyttelsen gælder, kan personen ikke angives som samlever.

  Baggrund:
    Givet dags dato er 9. april 2024
    Og borgeren "Kent" med CPR-nummer 150596-3001 bor på Vestergade 3, 7700 Thisted
    Og borgeren "Olivia" med CPR-nummer 120984-0000 bor på P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Og CPR har meldt navne- og adressebeskyttelse for "Olivia" fra 9. april 2024

  Abstrakt Scenario: Beskyttelsen gælder i 12 måneder og ophører derefter
    SPEC 5.7: "it lapses after 1 year unless renewed".

    Givet dags dato er <dag>
    Når systemet udfører det daglige arbejde
    Og "Kent" angiver "Olivia" som samlever med tilflytningsadressen P. Madsens Gang 8, Klitmøller, 7700 Thisted
    Så <udfald> angivelsen

    Eksempler:
      | dag           | udfald    |
      | 8. april 2025 | afvises   |
      | 9. april 2025 | godkendes |
