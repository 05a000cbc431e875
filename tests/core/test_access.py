"""The role × action table, and what a department's sheet may touch."""

import pandas as pd
import pytest

from rectification.access import ACTIONS, ALL_DEPARTMENTS, Identity, allowed, outside_scope

# role -> the actions it grants; every other (role, action) pair must be refused.
EXPECTED = {
    "viewer": {"view"},
    "inspector": {"view", "export", "verify", "extend", "reopen", "remind"},
    "uploader": {"view", "merge"},
    "admin": set(ACTIONS),
}


@pytest.mark.parametrize("role", [*EXPECTED, "stranger", ""])
@pytest.mark.parametrize("action", ACTIONS)
def test_each_role_grants_exactly_its_actions(role, action):
    assert allowed(role, action) is (action in EXPECTED.get(role, set()))


LEDGER = pd.DataFrame({"id": ["A1", "B1"], "department": ["办公室", "财务科"]})
OFFICE = Identity("staff@x", "uploader", frozenset({"办公室"}))


@pytest.mark.parametrize(
    ("rows", "refused"),
    [
        ([("A1", "办公室")], []),  # own item
        ([("A9", "办公室")], []),  # a new item of one's own department
        ([("B1", "财务科")], ["B1"]),  # another department's item
        ([("B1", "办公室")], ["B1"]),  # taking another department's item over by renaming
        ([("A1", "财务科")], ["A1"]),  # giving one's item away is a change to another's ledger
        ([("C1", "审计科")], ["C1"]),  # a new item for another department
    ],
)
def test_a_department_sheet_may_only_touch_its_own_items(rows, refused):
    upload = pd.DataFrame(rows, columns=["id", "department"])
    assert outside_scope(OFFICE, LEDGER, upload) == refused


def test_an_identity_for_all_departments_has_no_scope_limit():
    everyone = Identity("admin", "admin", frozenset({ALL_DEPARTMENTS}))
    upload = pd.DataFrame([("B1", "审计科")], columns=["id", "department"])
    assert outside_scope(everyone, LEDGER, upload) == []
