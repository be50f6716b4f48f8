# language: da
@sundhedskort @appen
Egenskab: Sundhedskort-appen viser forældrene børnenes sundhedskort, til barnet fylder 15 år
  SPEC 6.3 [C:S36]: appen "Shows the user's children's cards until they turn 15"; SPEC 3.7:
  "The Sundhedskort app shows a parent the children's cards until they are 15". Alderen er
  forretningsparameteren age.appShowsChildrenUntil (15). Sandkassen viser appen som en visning i
  selvbetjeningen: borgerens eget kort og kortene for de børn på adressen, som borgeren er
  forælder eller forældremyndighedsindehaver for.

  Baggrund:
    Givet borgeren "Kent" med CPR-nummer 150596-3001 bor på Vestergade 3, 7700 Thisted
    Og borgeren "Emil" bor på Vestergade 3, 7700 Thisted
    Og "Emil" er født 1. juni 2010
    Og "Emil" er barn af "Kent"

  Abstrakt Scenario: Barnets kort vises, til barnet fylder 15 år
    SPEC 6.3: "Shows the user's children's cards until they turn 15".

    Givet dags dato er <dag>
    Så <udfald>

    Eksempler:
      | dag           | udfald                                                           |
      | 1. juni 2024  | viser Sundhedskort-appen "Kent" sundhedskortet for "Emil"        |
      | 31. maj 2025  | viser Sundhedskort-appen "Kent" sundhedskortet for "Emil"        |
      | 1. juni 2025  | viser Sundhedskort-appen ikke "Kent" sundhedskortet for "Emil"   |
      | 1. juni 2026  | viser Sundhedskort-appen ikke "Kent" sundhedskortet for "Emil"   |
