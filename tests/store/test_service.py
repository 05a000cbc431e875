"""The service layer is the one door for every write: each write checks the acting identity's
role (and for a local server, its exposure) itself, whoever calls it, and a refused write
changes nothing stored."""

import pytest

from rectification import service
from rectification.access import ALL_DEPARTMENTS, ROLES, Identity, allowed
from rectification.errors import NoSuchVersion, NotPermitted, NotVerifiable, Refusal
from rectification.store.closure import verification_count
from rectification.store.roles import members
from tests.builders import sheet

EVERYWHERE = frozenset({ALL_DEPARTMENTS})
OWN_SHEET = sheet(["A2", "党建", "制度不完善", "办公室", "2024-04-30", "已修订", "已完成"])


def identity(role: str, **kwargs) -> Identity:
    departments = frozenset({"办公室"}) if role == "uploader" else EVERYWHERE
    return Identity(f"{role}@example.org", role, departments, **kwargs)


def state(store) -> tuple:
    """Everything a write could change: versions, verifications and the role table."""
    return (
        [v.id for v in store.versions()],
        verification_count(store),
        [(m.identity, m.role) for m in members(store)],
    )


@pytest.fixture
def seeded(store):
    """A store with two versions (A1 done in both), so there is something to restore and verify."""
    admin = identity("admin")
    for status in ("推进中", "已完成"):
        content = sheet(["A1", "党建", "学习不深入", "办公室", "2024-06-30", "已制定计划", status])
        service.accept(store, service.propose(store, content, "a.xlsx", "replace"), admin)
    return store


# (action the write needs, the write): each is called as `write(store, identity)`.
WRITES = {
    "merge": lambda store, who: service.accept(
        store, service.propose(store, OWN_SHEET, "own.xlsx", "merge"), who
    ),
    "replace": lambda store, who: service.accept(
        store, service.propose(store, OWN_SHEET, "own.xlsx", "replace"), who
    ),
    "restore": lambda store, who: service.restore(store, 1, who),
    "verify": lambda store, who: service.verify(store, "A1", who, note="", evidence="纪要"),
    "manage_users": lambda store, who: service.set_member(store, "new@example.org", "viewer", (), who),
}
REFUSED = [(action, role) for action in WRITES for role in ROLES if not allowed(role, action)]
PERMITTED = [(action, role) for action in WRITES for role in ROLES if allowed(role, action)]


@pytest.mark.parametrize(("action", "role"), REFUSED, ids=[f"{r}-may-not-{a}" for a, r in REFUSED])
def test_a_write_the_role_does_not_grant_is_refused_and_changes_nothing(seeded, action, role):
    before = state(seeded)
    with pytest.raises(NotPermitted) as refused:
        WRITES[action](seeded, identity(role))
    assert "不能执行此操作" in refused.value.message("zh")
    assert "cannot do this" in refused.value.message("en")
    assert state(seeded) == before


@pytest.mark.parametrize(("action", "role"), PERMITTED, ids=[f"{r}-may-{a}" for a, r in PERMITTED])
def test_a_write_the_role_grants_goes_through(seeded, action, role):
    before = state(seeded)
    WRITES[action](seeded, identity(role))
    assert state(seeded) != before


@pytest.mark.parametrize("action", list(WRITES))
def test_a_local_server_listening_beyond_this_computer_refuses_every_write(seeded, action):
    before = state(seeded)
    with pytest.raises(NotPermitted) as refused:
        WRITES[action](seeded, identity("admin", mode="local", exposed_at="0.0.0.0"))
    assert "0.0.0.0" in refused.value.message()
    assert state(seeded) == before


def test_removing_a_person_needs_the_admin_role(seeded):
    service.set_member(seeded, "leader@example.org", "viewer", (), identity("admin"))
    with pytest.raises(NotPermitted):
        service.remove_member(seeded, "leader@example.org", identity("inspector"))
    assert [m.identity for m in members(seeded)] == ["leader@example.org"]
    assert service.remove_member(seeded, "leader@example.org", identity("admin"))


def test_verifying_on_an_empty_store_is_a_refusal_not_a_crash(store):
    with pytest.raises(NotVerifiable) as refused:
        service.verify(store, "A1", identity("inspector"), note="", evidence="")
    assert "A1" in refused.value.message()


def test_verifying_an_item_that_is_no_longer_done_is_a_refusal(seeded):
    reopened = sheet(["A1", "党建", "学习不深入", "办公室", "2024-06-30", "返工", "推进中"])
    service.accept(seeded, service.propose(seeded, reopened, "a.xlsx", "replace"), identity("admin"))
    with pytest.raises(NotVerifiable):
        service.verify(seeded, "A1", identity("inspector"), note="", evidence="")


def test_restoring_a_version_that_does_not_exist_names_it(seeded):
    with pytest.raises(NoSuchVersion) as refused:
        service.restore(seeded, 99, identity("admin"))
    assert "99" in refused.value.message()


def test_every_refusal_says_its_message_in_both_languages(seeded):
    refusals: list[Refusal] = []
    for action, role in REFUSED[:3]:
        try:
            WRITES[action](seeded, identity(role))
        except Refusal as refusal:
            refusals.append(refusal)
    assert len(refusals) == 3
    for refusal in refusals:
        assert refusal.message("zh") != refusal.message("en")
        assert "{" not in refusal.message("zh") + refusal.message("en")


def test_an_export_needs_the_export_action(seeded):
    ledger = service.load_version(seeded, None, 15)
    with pytest.raises(NotPermitted):
        service.export_version(ledger, identity("viewer"))
    assert service.export_version(ledger, identity("inspector"))[:2] == b"PK"
