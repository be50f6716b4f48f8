"""The yearly regulation of the card fee and its rounding (SPEC 3.5, fee_regulation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sandbox.domain.rules.fee_regulation import (
    card_fee,
    regulate,
    regulation_reason,
    round_to_multiple,
)
from sandbox.parameters.loader import default_parameters


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("222.49", 220),
        ("222.50", 225),
        ("227.49", 225),
        ("227.50", 230),
        ("232.49", 230),
        ("232.50", 235),
        ("230", 230),
    ],
)
def test_the_fee_rounds_to_the_nearest_multiple_of_5_and_a_half_rounds_up(
    amount: str, rounded: int
) -> None:
    assert round_to_multiple(Decimal(amount), 5) == rounded


@pytest.mark.parametrize(
    ("previous", "percent", "fee"),
    [
        (225, 1.1, 225),  # 227.475
        (225, 1.2, 230),  # 227.70
        (225, 3.3, 230),  # 232.425
        (225, 3.4, 235),  # 232.65
        (214, 2.0, 220),  # 218.28 -> 220: 217.5 is the half between 215 and 220
        (230, 2.7, 235),  # 236.21
    ],
)
def test_a_regulated_fee_is_the_previous_fee_times_the_percentage_rounded(
    previous: int, percent: float, fee: int
) -> None:
    assert regulate(previous, percent, 5) == fee


def test_a_listed_year_keeps_its_listed_fee() -> None:
    parameters = default_parameters()
    fee = card_fee(date(2024, 6, 1), parameters)
    assert (fee.fee, fee.derived) == (225, False)
    assert regulation_reason(fee) is None


def test_a_year_before_the_regulation_parameter_keeps_the_previous_listed_fee() -> None:
    fee = card_fee(date(2017, 3, 1), default_parameters())
    assert (fee.fee, fee.derived) == (190, False)


def test_a_year_without_a_listed_fee_is_derived_from_the_previous_year() -> None:
    parameters = default_parameters()
    fee = card_fee(date(2026, 1, 1), parameters)
    assert fee.derived
    assert (fee.base_year, fee.base_fee, fee.percent, fee.rounding) == (2025, 230, 2.7, 5)
    assert fee.fee == regulate(230, 2.7, 5)
    assert [use.name for use in fee.uses] == [
        "cardFeeDKK",
        "cardFeeRegulationPercent",
        "cardFeeRounding",
    ]


def test_two_unlisted_years_regulate_twice() -> None:
    parameters = default_parameters()
    assert card_fee(date(2027, 12, 31), parameters).fee == regulate(
        card_fee(date(2026, 12, 31), parameters).fee, 2.7, 5
    )


def test_the_regulation_reads_the_percentage_and_rounding_of_the_year() -> None:
    parameters = default_parameters().with_values(
        {
            "cardFeeRegulationPercent": {date(2023, 1, 1): 2.7, date(2026, 1, 1): 1.1},
            "cardFeeRounding": {date(2014, 1, 1): 5, date(2026, 1, 1): 10},
        }
    )
    fee = card_fee(date(2026, 5, 1), parameters)
    assert fee.fee == 230  # 232.53 to the nearest 10
    assert (fee.percent, fee.rounding) == (1.1, 10)


def test_the_derived_fee_is_explained_in_danish_and_english() -> None:
    fee = card_fee(date(2026, 1, 1), default_parameters())
    reason = regulation_reason(fee)
    assert reason is not None
    assert reason.code == "CARD_FEE_REGULATED"
    assert "gebyret for 2025 (230 kr.)" in reason.text("da")
    assert "2,7 %" in reason.text("da")
    assert f"{fee.fee} kr." in reason.text("da")
    assert "DKK 230" in reason.text("en")
