"""A national simulation's fake LUNA keeps what reconciliation needs, not every payload."""

from __future__ import annotations

from fakes.luna.backend import LunaBackend


def test_without_payloads_a_registration_keeps_key_id_kind_and_cpr() -> None:
    lean, full = LunaBackend(seed=1, keep_payloads=False), LunaBackend(seed=1)
    for luna in (lean, full):
        luna.register("F00000001", "gp_choice", "0101801001", {"ydernummer": "100001"})
    assert lean.registrations_by_key() == full.registrations_by_key() == {"F00000001": "L000000001"}
    kept = lean.registrations["F00000001"]
    assert (kept.kind, kept.cpr, kept.payload) == ("gp_choice", "0101801001", {})
    assert full.registrations["F00000001"].payload == {"ydernummer": "100001"}
    lean.reset(seed=1)
    assert lean.keep_payloads is False and lean.registrations == {}
