# language: da
@datagenopretning @ændring-12
Egenskab: Manuel datagenopretning
  Datagenopretning er et internt værktøj hos Systematic og kan nu håndteres uden at
  involvere LUNA. For sagsbehandlerne er der ingen ændring: de indberetter stadig ønsket om
  genopretning til Service Desk.

  Baggrund:
    Givet dags dato er 9. april 2025
    Og borgeren "Karen" bor på Vestergade 21, 7700 Thisted
    Og praksis "Lægehuset Thisted" på Jernbanegade 1, 7700 Thisted er åben for tilgang
    Og praksis "Lægerne Nord" på Nørregade 2, 7700 Thisted er åben for tilgang
    Og "Karen" er tilmeldt "Lægehuset Thisted"
    Og "Karen" har valgt "Lægerne Nord" i selvbetjeningen

  Scenarie: Service Desk genopretter lægevalget uden at kontakte LUNA
    Når Service Desk genopretter data for "Karen" til i dag
    Så godkendes genopretningen
    Og er "Karen" fortsat tilmeldt "Lægehuset Thisted"
    Og er LUNA ikke kontaktet
    Og har "Karen" et forløb "Datagenopretning" med status "Gennemført"

  Scenarie: En prøvekørsel viser forskellene og ændrer intet
    Når Service Desk ser forskellene ved en genopretning af "Karen" til i dag
    Så godkendes genopretningen
    Og er "Karen" fortsat tilmeldt "Lægerne Nord"
    Og har "Karen" intet forløb "Datagenopretning"

  Scenarie: Sagsbehandlere beder Service Desk om genopretning
    Når sagsbehandleren genopretter data for "Karen" til i dag
    Så afvises genopretningen

  Scenarie: Genopretningen står i revisionsloggen for borgerens kommune
    Service Desk hører ikke til en kommune, men genopretningen gælder en borger: posten hører
    til borgerens kommune, så kommunens administrator kan se den i et udtræk af
    revisionsloggen ("Kommunale administratorer kan nu selv foretage udtræk af revisionslog").

    Når Service Desk genopretter data for "Karen" til i dag
    Og den kommunale administrator udtrækker revisionsloggen fra i dag til i dag
    Så godkendes udtrækket
    Og indeholder udtrækket 1 post om "Karen"
