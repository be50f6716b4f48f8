"""The handlers: what the system does with each command and event.

Two kinds of module live here. A handler module holds functions the wiring table
(`sandbox.service.bootstrap`) names - ``choose_gp``, ``register_move``, ``WriteLetter`` ... - and
imports no other handler module (the import contract "Handlers do not import each other").
The pieces two of them share are modules of their own, cut where a concept ends: the listings
(`listings`), a GP choice's plan and registration (`gp_choice`), the choices that wait for
CPR's move (`pending_choices`), a group change (`groups`), a practice event's offer
(`practice_event_offers`), writing a letter (`letter_posting`), protection (`protection`) and
the case factory (`cpr_cases`, `cards`).
"""
