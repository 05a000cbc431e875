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
from tests.workbooks import xlsx

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


# A problem of two departments' measures, its cells merged over them, as offices keep it.
TASKS_HEADER = ["编号", "任务序号", "问题类别", "问题描述", "整改措施", "责任部门", "整改时限", "整改状态"]
SHARED = [
    TASKS_HEADER,
    ["1", "1.1", "党建", "学习不深入", "制定学习计划", "办公室", "2024-03-31", "推进中"],
    [None, "1.2", None, None, "开展专题学习", "财务科", "2024-05-31", "推进中"],
]
SHARED_FILE = xlsx({"台账": SHARED}, {"台账": ["A2:A3", "C2:C3", "D2:D3"]})


def own_task(
    status: str, *, task: str = "1.1", department: str = "办公室", text: str = "制定学习计划"
) -> bytes:
    """A department's sheet of its one task of problem 1, named by its 任务序号."""
    return sheet(
        ["1", task, "党建", "学习不深入", text, department, "2024-03-31", status], header=TASKS_HEADER
    )


@pytest.fixture
def shared(store):
    service.accept(store, service.propose(store, SHARED_FILE, "all.xlsx", "replace"), identity("admin"))
    return store


def test_a_department_changes_its_own_task_and_the_other_departments_task_stays(shared):
    proposal = service.propose(shared, own_task("已完成"), "own.xlsx", "merge")
    # The preview names the measure that changes under its problem, and the problem's new status.
    changes = proposal.diff.changes
    assert set(changes.loc[changes["measure"] == "1.1", "field"]) == {"status"}
    assert changes.loc[changes["field"] == "status"].shape[0] == 1  # the problem stays in progress
    version = service.accept(shared, proposal, identity("uploader"))
    stored = service.load_version(shared, version.id, 15)
    assert stored.measures["status"].tolist() == ["done", "in_progress"]
    assert stored.measures["department"].tolist() == ["办公室", "财务科"]
    assert stored.findings["status"].tolist() == ["in_progress"]


def test_when_the_last_open_task_is_done_the_problem_is_done(shared):
    for department, task, text in (("办公室", "1.1", "制定学习计划"), ("财务科", "1.2", "开展专题学习")):
        content = own_task("已完成", task=task, department=department, text=text)
        who = Identity(f"{department}@x", "uploader", frozenset({department}))
        service.accept(shared, service.propose(shared, content, "own.xlsx", "merge"), who)
    assert service.load_version(shared, None, 15).findings["status"].tolist() == ["done"]


def test_an_uploader_cannot_change_another_departments_task_of_the_same_problem(shared):
    before = state(shared)
    content = own_task("已完成", task="1.2", department="财务科", text="开展专题学习")
    proposal = service.propose(shared, content, "other.xlsx", "merge")
    with pytest.raises(NotPermitted) as refused:
        service.accept(shared, proposal, identity("uploader"))
    assert "1.2" in refused.value.message("zh")
    assert state(shared) == before


def test_an_uploader_may_send_back_another_departments_task_unchanged(shared):
    both = sheet(
        ["1", "1.1", "党建", "学习不深入", "制定学习计划", "办公室", "2024-03-31", "已完成"],
        ["1", "1.2", "党建", "学习不深入", "开展专题学习", "财务科", "2024-05-31", "推进中"],
        header=TASKS_HEADER,
    )
    version = service.accept(shared, service.propose(shared, both, "own.xlsx", "merge"), identity("uploader"))
    assert service.load_version(shared, version.id, 15).measures["status"].tolist() == ["done", "in_progress"]


def test_a_department_sheet_of_one_row_a_problem_changes_only_its_own_task_of_a_shared_problem(shared):
    # 办公室's usual sheet, without 任务序号: the row is its one task of problem 1 (1.1).
    content = sheet(["1", "党建", "学习不深入", "办公室", "2024-03-31", "已制定", "已完成"])
    proposal = service.propose(shared, content, "own.xlsx", "merge")
    version = service.accept(shared, proposal, identity("uploader"))
    measures = service.load_version(shared, version.id, 15).measures
    assert measures["measure_id"].tolist() == ["1.1", "1.2"]
    assert measures["status"].tolist() == ["done", "in_progress"]
    assert measures["department"].tolist() == ["办公室", "财务科"]


def test_a_one_row_sheet_that_names_no_single_task_of_its_department_is_sent_back(shared):
    before = state(shared)
    content = sheet(["1", "党建", "学习不深入", "审计科", "2024-03-31", "已制定", "已完成"])
    proposal = service.propose(shared, content, "own.xlsx", "merge")
    assert not proposal.check.accepted
    (error,) = proposal.check.errors
    assert (error.key, error.row, error.column) == ("measure.not_named", 2, "任务序号")
    assert state(shared) == before


def test_an_uploader_cannot_add_a_task_to_a_problem_another_department_leads(shared):
    before = state(shared)
    finance = Identity("finance@x", "uploader", frozenset({"财务科"}))
    content = own_task("推进中", task="1.3", department="财务科", text="加强学习考勤")
    with pytest.raises(NotPermitted):
        service.accept(shared, service.propose(shared, content, "own.xlsx", "merge"), finance)
    assert state(shared) == before
