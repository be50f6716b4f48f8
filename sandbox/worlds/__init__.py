"""Worlds built from a scenario without running time: scenario files, the synthetic population
and its practices, the cast, seeded streams, and `StartingWorld` (`sandbox.worlds.start`).

The simulator and the HTTP server both start from here; nothing in this package imports simpy,
the simulator or the web (an import contract in pyproject.toml says so).
"""
