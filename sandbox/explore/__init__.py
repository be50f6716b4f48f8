"""The explorer: search schedules for a broken invariant, shrink the failure, write it as Gherkin.

`generate` draws a small world and a schedule of steps from a scenario and two seeds; `world`
runs a schedule through the service layer and checks every invariant after every step
(`checks`); `runner` runs many seeds in parallel; `shrink` cuts a failing schedule down;
`gherkin` and `report` write it down; `mutants` are deliberate faults for proving it all works,
loaded only by the explorer's own commands (never by `serve` or `simulate`).
"""
