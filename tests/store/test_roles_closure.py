"""The role table and closure verification, kept in the store (SQLite and PostgreSQL)."""

import threading
import time

import pytest

from rectification.access import normalise_identity
from rectification.errors import InvalidMember, NotPermitted
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


# (as written when added, as the sign-in or --user names the same person)
SAME_PERSON = [
    (" Staff@Example.org ", "staff@example.org"),
    ("ADMIN@EXAMPLE.ORG", " admin@example.org"),
    ("ＷＡＮＧ＠ｅｘａｍｐｌｅ.org", "wang@example.org"),  # typed in a Chinese input method's full width
    ("\u3000张三\u3000", "张三"),  # 全角空格 around a name
    ("ZhangSan", "zhangsan"),  # a proxy's user name
]


@pytest.mark.parametrize(("written", "signed_in"), SAME_PERSON)
def test_a_name_is_one_person_however_its_spaces_case_and_width_are_written(store, written, signed_in):
    set_member(store, written, "inspector", (), by="admin")
    assert lookup(store, signed_in, "proxy").role == "inspector"
    assert [m.identity for m in members(store)] == [normalise_identity(signed_in)]
    assert lookup(store, signed_in, "proxy").name == normalise_identity(written)


# (how the only admin is written, the role asked for them: None removes them) — each refused
TAKING_THE_LAST_ADMIN_AWAY = {
    "removed": ("boss@example.org", None, ()),
    "made a viewer, written otherwise": (" Boss@Example.org", "viewer", ()),
    "made an inspector": ("boss@example.org", "inspector", ()),
    "made an uploader": ("boss@example.org", "uploader", ("办公室",)),
}


def change(store, name: str, role: str | None, departments: tuple[str, ...]) -> None:
    if role is None:
        remove_member(store, name, by="boss@example.org")
    else:
        set_member(store, name, role, departments, by="boss@example.org")


@pytest.mark.parametrize("asked", TAKING_THE_LAST_ADMIN_AWAY.values(), ids=TAKING_THE_LAST_ADMIN_AWAY.keys())
def test_the_last_admin_can_be_neither_removed_nor_given_another_role(store, asked):
    set_member(store, "boss@example.org", "admin", (), by="setup")
    set_member(store, "leader@example.org", "viewer", (), by="boss@example.org")
    with pytest.raises(NotPermitted) as refused:
        change(store, *asked)
    assert refused.value.message() == (
        "boss@example.org 是角色表中唯一的管理员，不能移除或改为其他角色：请先添加另一名管理员"
    )
    assert lookup(store, "boss@example.org", "oidc").role == "admin"
    set_member(store, "deputy@example.org", "admin", (), by="boss@example.org")
    change(store, *asked)  # with another admin beside them, they may go
    now = lookup(store, "boss@example.org", "oidc")
    assert (now.role if now else None) == asked[1]


def test_two_admins_taking_each_other_away_at_the_same_moment_leave_one(store, monkeypatch):
    from rectification.store import roles

    set_member(store, "a@example.org", "admin", (), by="setup")
    set_member(store, "b@example.org", "admin", (), by="setup")
    read = roles._current

    def slow(conn):  # both have read the table before either writes, unless the writes take turns
        rows = read(conn)
        time.sleep(0.5)
        return rows

    monkeypatch.setattr(roles, "_current", slow)
    outcomes: list[str] = []

    def demote(other: str) -> None:
        try:
            set_member(store, other, "viewer", (), by="them")
            outcomes.append("done")
        except NotPermitted:
            outcomes.append("refused")

    threads = [threading.Thread(target=demote, args=(name,)) for name in ("a@example.org", "b@example.org")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    monkeypatch.setattr(roles, "_current", read)
    assert sorted(outcomes) == ["done", "refused"]
    assert [m.role for m in members(store)].count("admin") == 1
