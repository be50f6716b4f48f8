from hypothesis import settings
from hypothesis.stateful import invariant
from sandbox.domain.model import CaseType
from tests.property.test_citizen_state_machine import CitizenMachine

class Relaxed(CitizenMachine):
    @invariant()
    def group_1_residents_have_one_doctor_or_an_open_missing_choice(self) -> None:
        today = self.world.today
        for citizen in self.persons():
            group = citizen.group_on(today)
            if not citizen.is_resident or group is None or group.group != 1:
                continue
            listed = [l for l in citizen.listings if l.covers(today)]
            cprs = {citizen.cpr}
            prev = citizen.renumbered_from
            while prev:
                cprs.add(prev); prev = self.world.registry.citizens[prev].renumbered_from
            missing = [c for cpr in cprs if cpr for c in self.world.registry.cases_of(cpr)
                       if c.case_type is CaseType.MISSING_GP_CHOICE and c.is_open]
            assert len(listed) == 1 or (not listed and missing), (citizen.cpr, listed)

T = Relaxed.TestCase
T.settings = settings(max_examples=200, deadline=None, stateful_step_count=40)
