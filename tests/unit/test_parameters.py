"""The dated business parameters: the shipped YAML, resolution by date, and a loud loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sandbox.domain.errors import ParameterError
from sandbox.domain.parameters import Parameters
from sandbox.parameters import default_parameters, load_parameters
from sandbox.parameters.loader import PROVENANCES, parameters_from_mapping

# Every parameter of SPEC section 10, spelled as the SPEC spells it.
SPEC_SECTION_10 = (
    "distanceLimitKmDefault",
    "distanceLimitKmCapitalArea",
    "capitalAreaMunicipalities",
    "distanceMetric",
    "minOpenPracticesWithinLimit",
    "closingThresholdPatientsPerCapacity",
    "minMonthsBetweenGroupChanges",
    "groupChangeValidFrom.citizen",
    "groupChangeValidFrom.caseWorker",
    "groupChangeValidFrom.caseWorkerSpecial",
    "groupChoiceDeadlineDays",
    "minMonthsBetweenGpChanges",
    "gpChangeEffective",
    "cardFeeDKK",
    "cardFeeRounding",
    "freeChoiceAfterMoveDays",
    "freeChoiceAfterAge15Days",
    "practiceEventFreePeriodEnd",
    "mergeGivesFreeChoice",
    "freeNameChangeAfterMarriageMonths",
    "freeReplacementIfCardOlderThanYears",
    "cardNotReceivedFreeReorderDays",
    "missingChoiceDeadlineDays",
    "vulnerableBirthNamingMaxDays",
    "newbornGroupAndDoctorFrom",
    "physicalCardOptOutMinAge",
    "auditLogMaxPeriodDays",
    "auditLogMaxLookbackMonths",
    "dormantStayMinMonths",
    "addressProtectionDefaultMonths",
    "age.independentChoice",
    "age.appShowsChildrenUntil",
    "renumbering.oldNumberGroup",
    "beyondLimitOpenRequiresAcceptance",
    "requiresDoctorAcceptance",
    "samleverEligibility",
)

# Parameters the SPEC text makes configurable outside the section 10 table.
SPEC_TEXT_PARAMETERS = (
    "multipleEventsRule",
    "minorChangeGivesFreeChoice",
    "practiceEventFreePeriodCaseWorkerMayExtend",
    "childChoosesParentsDoctorMaxAge",
    "newbornDoctorFrom",
    "relativesDefinition",
    "cardDeliveryDays",
    "groupChangeMinPeriodExemptions",
    "moveBeyondLimitForcesNewChoice",
    "practiceClosureNoticeMonths",
)

VALID = """\
# test family
parameters:
  feeDKK:
    description: "A fee."
    reference: "SPEC 3.5 [C:S4]"
    provenance: C
    values:
      2023-01-01: 220
      2024-01-01: 225
"""


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def assert_loud(error: ParameterError, *words: str) -> None:
    assert error.code == "PARAMETER_ERROR"
    assert error.message_da.strip() and error.message_en.strip()
    assert error.message_da != error.message_en
    for word in words:
        assert word in error.message_en


# --- the shipped parameters --------------------------------------------------------------


@pytest.mark.parametrize("name", SPEC_SECTION_10 + SPEC_TEXT_PARAMETERS)
def test_every_spec_parameter_is_shipped(parameters: Parameters, name: str) -> None:
    assert name in parameters


def test_every_shipped_parameter_is_documented(parameters: Parameters) -> None:
    for name in parameters.names:
        definition = parameters.definition(name)
        assert "SPEC" in definition.reference and "[" in definition.reference, name
        assert definition.description.strip(), name
        assert definition.provenance in PROVENANCES, name


def test_default_parameters_are_loaded_once() -> None:
    assert default_parameters() is default_parameters()


def test_value_shapes_rules_rely_on(parameters: Parameters) -> None:
    on = date(2025, 6, 1)
    assert parameters.value("capitalAreaMunicipalities", on) == ("0101", "0147", "0155", "0185")
    assert parameters.value("groupChangeValidFrom.citizen", on) == {
        "days_before": 0,
        "days_after": 30,
    }
    assert parameters.value("groupChangeValidFrom.caseWorker", on) == {
        "days_before": 14,
        "days_after": 30,
    }
    assert parameters.value("groupChangeValidFrom.caseWorkerSpecial", on) == {
        "years_before": 1,
        "years_after": 1,
    }
    acceptance = parameters.value("requiresDoctorAcceptance", on)
    # release notes 1.1: fewer than 2 open practices is an exception, no acceptance (SPEC 3.4)
    assert {key for key, needed in acceptance.items() if needed} == {
        "BEYOND_DISTANCE_LIMIT",
        "DISPENSATION_GRANTED",
    }
    assert len(acceptance) == 11
    assert parameters.value("samleverEligibility", on)["minAge"] == 18
    assert parameters.value("distanceMetric", on) == "straight_line"
    assert parameters.value("cardDeliveryDays", on) == {"min": 14, "max": 28}


# --- resolution by date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "fee"),
    [
        (date(2014, 1, 1), 185),
        (date(2014, 12, 31), 185),
        (date(2015, 1, 1), 190),
        (date(2018, 12, 31), 190),  # no value listed for 2016-2018: 2015's holds
        (date(2019, 1, 1), 200),
        (date(2023, 12, 31), 220),
        (date(2024, 1, 1), 225),
        (date(2024, 1, 2), 225),
        (date(2025, 1, 1), 230),
    ],
)
def test_card_fee_around_its_changes(parameters: Parameters, on: date, fee: int) -> None:
    assert parameters.value("cardFeeDKK", on) == fee


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("relativesDefinition", "pre_1_1", "release_1_1"),
        ("newbornGroupAndDoctorFrom", "cpr_registration_date", "date_of_birth"),
    ],
)
def test_release_1_1_changes_on_2025_04_09(
    parameters: Parameters, name: str, before: str, after: str
) -> None:
    assert parameters.value(name, date(2025, 4, 8)) == before
    assert parameters.value(name, date(2025, 4, 9)) == after
    assert parameters.value(name, date(2025, 4, 10)) == after


def test_before_the_first_date_there_is_no_value(parameters: Parameters) -> None:
    with pytest.raises(ParameterError) as caught:
        parameters.value("cardFeeDKK", date(2013, 12, 31))
    assert_loud(caught.value, "cardFeeDKK", "2014-01-01")
    with pytest.raises(ParameterError):
        parameters.value("groupChangeValidFrom.citizen", date(2023, 11, 27))
    assert parameters.value("groupChangeValidFrom.citizen", date(2023, 11, 28))["days_after"] == 30


def test_use_returns_value_and_effective_date(parameters: Parameters) -> None:
    use = parameters.use("cardFeeDKK", date(2024, 6, 30))
    assert (use.name, use.value, use.effective_from) == ("cardFeeDKK", 225, date(2024, 1, 1))
    assert use.to_dict()["effective_from"] == "2024-01-01"
    assert parameters.use("distanceLimitKmDefault", date(2025, 1, 1)).effective_from == date(
        2007, 1, 1
    )


def test_a_name_and_day_is_resolved_once_and_each_day_on_its_own(
    parameters: Parameters,
) -> None:
    first = parameters.use("cardFeeDKK", date(2024, 6, 30))
    assert parameters.use("cardFeeDKK", date(2024, 6, 30)) is first
    assert parameters.value("cardFeeDKK", date(2025, 3, 1)) == 230  # another day, another value
    assert parameters.use("cardFeeDKK", date(2024, 6, 30)).value == 225
    for _ in range(2):  # a day without a value is refused every time, never remembered
        with pytest.raises(ParameterError):
            parameters.use("cardFeeDKK", date(2013, 12, 31))


def test_an_unknown_name_is_refused(parameters: Parameters) -> None:
    with pytest.raises(ParameterError) as caught:
        parameters.value("distanceLimitKm", date(2025, 1, 1))
    assert_loud(caught.value, "distanceLimitKm")


def test_with_values_overrides_only_the_named_parameter(parameters: Parameters) -> None:
    changed = parameters.with_values({"cardFeeDKK": {date(2025, 1, 1): 240}})
    assert changed.value("cardFeeDKK", date(2025, 3, 1)) == 240
    assert (
        changed.definition("cardFeeDKK").reference == parameters.definition("cardFeeDKK").reference
    )
    with pytest.raises(ParameterError):
        changed.value("cardFeeDKK", date(2024, 12, 31))
    assert parameters.value("cardFeeDKK", date(2025, 3, 1)) == 230
    assert changed.value("distanceLimitKmDefault", date(2025, 3, 1)) == 15
    with pytest.raises(ParameterError):
        parameters.with_values({"noSuchParameter": {date(2025, 1, 1): 1}})


# --- the loader ---------------------------------------------------------------------------


def test_loads_a_folder_and_accepts_iso_string_dates(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID)
    write(
        tmp_path,
        "b.yaml",
        'parameters:\n  other:\n    description: "d"\n    reference: "SPEC 1 [C]"\n'
        '    values:\n      "2020-01-01": [1, 2]\n',
    )
    loaded = load_parameters(tmp_path)
    assert loaded.names == ("feeDKK", "other")
    assert loaded.value("feeDKK", date(2023, 12, 31)) == 220
    assert loaded.value("other", date(2020, 1, 1)) == (1, 2)


def test_parameters_from_mapping_builds_overrides() -> None:
    [override] = parameters_from_mapping(
        {
            "cardFeeDKK": {
                "description": "Scenario fee.",
                "reference": "scenario high-fee",
                "values": {date(2025, 1, 1): 500, "2026-01-01": 510},
            }
        },
        "scenarios/high-fee.yaml",
    )
    assert override.starts == (date(2025, 1, 1), date(2026, 1, 1))
    assert override.use(date(2026, 6, 1)).value == 510


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (VALID.replace('    reference: "SPEC 3.5 [C:S4]"\n', ""), ("feeDKK", "reference")),
        (VALID.replace('    description: "A fee."\n', ""), ("feeDKK", "description")),
        (VALID.replace('    reference: "SPEC 3.5 [C:S4]"', '    reference: ""'), ("reference",)),
        (VALID.split("    values:")[0], ("feeDKK", "values")),
        (
            VALID.replace(
                "2023-01-01: 220\n      2024-01-01: 225", "2024-01-01: 225\n      2023-01-01: 220"
            ),
            ("feeDKK", "sorted", "a.yaml"),
        ),
        (
            VALID.replace(
                "2023-01-01: 220\n      2024-01-01: 225", "2024-01-01: 220\n      2024-01-01: 225"
            ),
            ("a.yaml", "2024-01-01"),
        ),
        (
            VALID.replace("2023-01-01: 220", '"2024-01-01": 220'),
            ("feeDKK", "2024-01-01", "twice"),
        ),
        (VALID.replace("2023-01-01: 220", "next year: 220"), ("feeDKK", "next year")),
        (VALID.replace("2023-01-01: 220", "2023-01-01 10:00:00: 220"), ("feeDKK", "date")),
        (VALID.replace("provenance: C", "provenance: maybe"), ("feeDKK", "maybe")),
        (VALID.replace("provenance: C", "provenanse: C"), ("feeDKK", "provenanse")),
        (VALID + "extra: 1\n", ("a.yaml", "extra")),
        ("# nothing\n", ("a.yaml", "parameters")),
        (VALID.replace("  feeDKK:", "  fee_dkk:"), ("fee_dkk",)),
        (VALID.split("    values:")[0] + "    values: [1, 2]\n", ("feeDKK", "values")),
    ],
    ids=[
        "missing-reference",
        "missing-description",
        "blank-reference",
        "missing-values",
        "unsorted-dates",
        "duplicate-date-key",
        "duplicate-date-as-string",
        "key-not-a-date",
        "datetime-key",
        "unknown-provenance",
        "unknown-field",
        "unknown-top-level-key",
        "no-parameters-key",
        "name-not-camel-case",
        "values-not-a-mapping",
    ],
)
def test_a_broken_file_fails_loudly(tmp_path: Path, text: str, words: tuple[str, ...]) -> None:
    write(tmp_path, "a.yaml", text)
    with pytest.raises(ParameterError) as caught:
        load_parameters(tmp_path)
    assert_loud(caught.value, *words)


def test_a_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", VALID.replace('"A fee."', '"A fee.'))
    with pytest.raises(ParameterError) as caught:
        load_parameters(tmp_path)
    assert_loud(caught.value, "broken.yaml", "YAML")


def test_the_same_name_in_two_files_fails(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID)
    write(tmp_path, "b.yaml", VALID)
    with pytest.raises(ParameterError) as caught:
        load_parameters(tmp_path)
    assert_loud(caught.value, "feeDKK", "a.yaml", "b.yaml")


def test_a_folder_without_files_fails(tmp_path: Path) -> None:
    with pytest.raises(ParameterError) as caught:
        load_parameters(tmp_path)
    assert_loud(caught.value, "yaml")
