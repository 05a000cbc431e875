"""The role table and closure verification, kept in the store (SQLite and PostgreSQL)."""

import pytest

from rectification.errors import InvalidMember
from rectification.store.closure import NotVerifiable, verification_states, verified_ids, verify
from rectification.store.roles import lookup, members, remove_member, set_member
from tests.builders import save
from tests.store.conftest import BASE


def test_the_role_table_adds_changes_and_removes_people(store):
    set_member(store, "Staff@Example.org ", "uploader", ("办公室",), by="admin")
    found = lookup(store, "staff@example.org", "oidc")
    assert (found.role, found.departments, found.mode) == ("uploader", frozenset({"办公室"}), "oidc")
    set_member(store, "staff@example.org", "inspector", (), by="admin")
    assert lookup(store, "STAFF@example.org", "oidc").role == "inspector"
    assert [m.identity for m in members(store)] == ["staff@example.org"]
    assert remove_member(store, "staff@example.org", by="admin")
    assert lookup(store, "staff@example.org", "oidc") is None
    assert members(store) == []
    assert not remove_member(store, "nobody", by="admin")


def test_an_uploader_needs_a_department(store):
    with pytest.raises(InvalidMember) as refused:
        set_member(store, "x@y", "uploader", (), by="admin")
    assert "--department" in refused.value.message()


def test_a_verification_holds_until_the_item_changes_and_then_says_why(store):
    save(store, BASE)  # A1 is done
    verification = verify(store, "A1", by="巡察组张三", note="现场核查", evidence="会议纪要2024-3号")
    assert verification.valid and verification.verified_by == "巡察组张三"
    assert verified_ids(verification_states(store, 1), store.findings(1)) == {"A1"}

    others = BASE[BASE["id"] != "A1"].assign(note="无关修改")
    save(store, others, mode="merge")
    assert verification_states(store, 2)["A1"].valid  # a merge that did not touch A1

    changed = BASE[BASE["id"] == "A1"].assign(progress="补充了新的材料")
    version = save(store, changed, mode="merge", author="办公室李四")
    state = verification_states(store, version.id)["A1"]
    assert not state.valid
    assert (state.changed_in, state.changed_by, state.changed_fields) == (
        version.id,
        "办公室李四",
        ("progress",),
    )
    assert verified_ids(verification_states(store, version.id), store.findings(version.id)) == set()


def test_only_a_done_item_of_the_current_version_can_be_verified(store):
    save(store, BASE)
    with pytest.raises(NotVerifiable):
        verify(store, "A2", by="x", note="", evidence="")  # in progress
    with pytest.raises(NotVerifiable):
        verify(store, "Z9", by="x", note="", evidence="")  # not in the ledger
