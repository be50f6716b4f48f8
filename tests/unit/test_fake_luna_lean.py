"""A national simulation's fake LUNA keeps what reconciliation needs, not every payload."""

from __future__ import annotations

import pytest

from fakes.luna.backend import NO_PAYLOAD, NOT_KEPT, LunaBackend, LunaFault


def test_without_payloads_a_registration_keeps_key_id_and_count() -> None:
    lean, full = LunaBackend(seed=1, keep_payloads=False), LunaBackend(seed=1)
    for luna in (lean, full):
        luna.register("F00000001", "gp_choice", "0101801001", {"ydernummer": "100001"})
        luna.register("F00000002", "card_order", "0101801002", {})
    assert lean.registrations_by_key() == full.registrations_by_key()
    assert lean.registrations_by_key() == {"F00000001": "L000000001", "F00000002": "L000000002"}
    kept = lean.registrations["F00000001"]
    assert (kept.key, kept.luna_id, kept.received) == ("F00000001", "L000000001", 1)
    assert (kept.kind, kept.cpr, kept.payload) == (NOT_KEPT, NOT_KEPT, NO_PAYLOAD)
    assert full.registrations["F00000001"].kind == "gp_choice"
    assert full.registrations["F00000001"].payload == {"ydernummer": "100001"}
    assert list(lean.registrations) == list(full.registrations) and len(lean.registrations) == 2
    assert "F00000002" in lean.registrations and "F00000003" not in lean.registrations
    lean.reset(seed=1)
    assert lean.keep_payloads is False and lean.registrations == {}


def test_a_lean_backend_answers_a_repeated_key_as_the_full_one_does() -> None:
    lean, full = LunaBackend(seed=1, keep_payloads=False), LunaBackend(seed=1)
    for luna in (lean, full):
        luna.register("F00000001", "gp_choice", "0101801001", {})
        luna.force_next("drop_after_commit")
        with pytest.raises(LunaFault) as fault:
            luna.register("F00000002", "gp_choice", "0101801002", {})
        assert fault.value.committed
        again, duplicate = luna.register("F00000002", "gp_choice", "0101801002", {})
        assert duplicate and again.luna_id == "L000000002"
    assert lean.registrations["F00000002"].received == full.registrations["F00000002"].received
    assert lean.registrations["F00000002"].received == 2
    assert lean.registrations["F00000001"].received == 1
    assert [tuple(call) for call in lean.journal] == [tuple(call) for call in full.journal]
    assert lean.calls == full.calls == 3


def test_a_lean_backend_hands_out_the_one_id_string_it_keeps() -> None:
    lean, full = LunaBackend(seed=1, keep_payloads=False), LunaBackend(seed=1)
    for luna in (lean, full):
        luna.register("F00000001", "gp_choice", "0101801001", {})
        assert luna.luna_id("F00000001") == "L000000001"
        with pytest.raises(KeyError):
            luna.luna_id("F00000002")
    # the system's case keeps the receipt's id: from a lean LUNA it is no copy of its own
    assert lean.luna_id("F00000001") is lean.registrations_by_key()["F00000001"]


def test_register_id_answers_the_id_register_would_give() -> None:
    for keep in (False, True):
        by_id, by_record = LunaBackend(seed=1, keep_payloads=keep), LunaBackend(seed=1)
        for key in ("F00000001", "F00000002", "F00000001"):
            luna_id, duplicate = by_id.register_id(key, "card_order", "0101801001", {"a": 1})
            stored, duplicate_too = by_record.register(key, "card_order", "0101801001", {"a": 1})
            assert (luna_id, duplicate) == (stored.luna_id, duplicate_too)
            # a lean backend answers the one string it keeps (the case keeps it too)
            assert luna_id == by_id.luna_id(key) and (keep or luna_id is by_id.luna_id(key))
        assert by_id.registrations["F00000001"].received == 2
        assert [call.outcome for call in by_id.journal] == ["ok", "ok", "duplicate"]
        by_id.force_next("timeout")
        with pytest.raises(LunaFault):
            by_id.register_id("F00000003", "card_order", "0101801001", {})
        assert "F00000003" not in by_id.registrations and by_id.calls == 4
