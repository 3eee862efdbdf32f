"""The closed vocabularies: each Literal type and its tuple name the same values, in order,
so that a type checker and a check at run time refuse the same words."""

from typing import get_args

import obligations
from obligations.base import vocabulary as v
from obligations.status.rules import status_ruleset


def test_each_tuple_is_its_literal_type():
    pairs = [(v.LEVELS, v.Level), (v.DUTY_KINDS, v.Kind), (v.STATUSES, v.Status),
             (v.ROLL_POLICIES, v.RollPolicy), (v.DELIVERY_RESULTS, v.DeliveryResult)]
    for values, literal in pairs:
        assert values == get_args(literal)


def test_the_status_rules_name_exactly_the_statuses():
    # every status the rules can give is in the type, and the type has none the rules never give
    named = {rule["run"] for rule in status_ruleset().values()} - {"seen"}
    assert named == set(get_args(obligations.Status))


def test_the_public_types_are_the_vocabulary():
    assert obligations.Status is v.Status and obligations.Kind is v.Kind and obligations.Level is v.Level
    assert obligations.DeliveryResult is v.DeliveryResult
