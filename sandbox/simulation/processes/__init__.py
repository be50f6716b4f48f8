"""Simpy processes of the simulated world: one stream per kind of life event (DESIGN.md 8).

A process waits, then sends a command through the same bus as the API; it never reaches into
the system's state except to pick whom the next event happens to (the world's own knowledge).
"""
