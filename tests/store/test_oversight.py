"""Progress you can trust (issue 13), through the service layer on both stores: as-of dates that
never change unseen, deadline extensions (延期申请) an inspector decides, problems reopened after
销号 (回头看), restores previewed like uploads, and the quiet changes saved with each version."""

from datetime import date

import pytest

from rectification import service
from rectification.access import ALL_DEPARTMENTS, Identity
from rectification.errors import NotDecidable, NotPermitted
from rectification.store.oversight import extension_table, quiet_change_table, report_dates
from tests.builders import HEADER
from tests.workbooks import xlsx

ADMIN = Identity("admin@example.org", "admin", frozenset({ALL_DEPARTMENTS}))
INSPECTOR = Identity("inspector@example.org", "inspector", frozenset({ALL_DEPARTMENTS}))
OFFICE = Identity("office@example.org", "uploader", frozenset({"办公室"}))

A1 = ["A1", "党建", "学习不深入", "办公室", "2023-06-15", "已制定计划", "推进中"]
A2 = ["A2", "党建", "制度不完善", "办公室", "2023-09-30", "正在修订", "推进中"]
B1 = ["B1", "作风", "公车管理不规范", "财务科", "2023-05-31", "已清理", "已完成"]


def workbook(*rows, dated: str | None = None) -> bytes:
    """A sheet of `rows` under the usual header, with a 填报时间 title row when `dated`."""
    title = [[f"填报时间：{dated}"]] if dated else []
    return xlsx({"台账": [*title, HEADER, *[list(r) for r in rows]]})


def upload(store, content, who, mode="merge", **kwargs):
    return service.accept(store, service.propose(store, content, "t.xlsx", mode), who, **kwargs)


@pytest.fixture
def ledger_of_30_june(store):
    """Version 1: the whole ledger as of 2023-06-30, A1 overdue (due 06-15)."""
    upload(store, workbook(A1, A2, B1, dated="2023年6月30日"), ADMIN, "replace")
    return store


def current(store):
    return service.load_version(store, None, 15)


def overdue_ids(store) -> list[str]:
    ledger = current(store)
    return ledger.findings.loc[(ledger.levels == "red").to_numpy(), "id"].tolist()


# -- as-of dates -------------------------------------------------------------------------------
def test_a_merge_without_a_report_date_keeps_the_ledgers_as_of_and_says_so(ledger_of_30_june):
    store = ledger_of_30_june
    changed = [*A2[:5], "已修订完成", "已完成"]
    proposal = service.propose(store, workbook(changed), "t.xlsx", "merge")
    assert (proposal.as_of, proposal.as_of_source) == (date(2023, 6, 30), "current")
    saved = service.accept(store, proposal, OFFICE)
    assert (saved.as_of, saved.as_of_source) == (date(2023, 6, 30), "current")
    assert overdue_ids(store) == ["A1"]  # not judged at today, which would make A2 overdue too


def test_a_replacement_without_a_report_date_is_as_of_today(ledger_of_30_june):
    proposal = service.propose(ledger_of_30_june, workbook(A1, A2), "t.xlsx", "replace")
    assert (proposal.as_of, proposal.as_of_source) == (date.today(), "today")


def test_a_sheets_own_report_date_is_its_as_of(ledger_of_30_june):
    proposal = service.propose(ledger_of_30_june, workbook(A1, dated="2023-07-10"), "t.xlsx", "merge")
    assert (proposal.as_of, proposal.as_of_source) == (date(2023, 7, 10), "sheet")


def test_the_person_saving_may_set_the_as_of_date_and_it_is_recorded_as_set(ledger_of_30_june):
    store = ledger_of_30_june
    changed = [*A2[:5], "已修订完成", "已完成"]
    saved = upload(store, workbook(changed), OFFICE, as_of=date(2023, 7, 5))
    assert (saved.as_of, saved.as_of_source) == (date(2023, 7, 5), "set")
    assert report_dates(store)["办公室"] == date(2023, 7, 5)


def test_a_departments_report_date_is_the_day_its_sheet_came_in_when_the_sheet_states_none(ledger_of_30_june):
    store = ledger_of_30_june
    assert report_dates(store) == {"办公室": date(2023, 6, 30), "财务科": date(2023, 6, 30)}
    upload(store, workbook([*A2[:5], "已修订完成", "已完成"]), OFFICE)
    assert report_dates(store) == {"办公室": date.today(), "财务科": date(2023, 6, 30)}


# -- extensions ----------------------------------------------------------------------------------
MOVED = [*A1[:4], "2023-09-30", *A1[5:]]  # A1's overdue deadline pushed back by its own department


def test_a_department_cannot_push_back_its_deadline_without_a_reason_and_nothing_is_saved(ledger_of_30_june):
    store = ledger_of_30_june
    proposal = service.propose(store, workbook(MOVED), "t.xlsx", "merge")
    assert proposal.extensions_for(OFFICE)["id"].tolist() == ["A1"]
    with pytest.raises(NotDecidable) as refused:
        service.accept(store, proposal, OFFICE)
    assert "延期理由" in refused.value.message("zh")
    assert [v.id for v in store.versions()] == [1]


def test_a_pushed_back_deadline_waits_for_approval_and_the_old_one_stands_until_then(ledger_of_30_june):
    store = ledger_of_30_june
    upload(store, workbook(MOVED), OFFICE, reason="需等待上级批复")
    waiting = extension_table(store)
    assert waiting[["id", "state", "old_deadline", "new_deadline", "reason"]].values.tolist() == [
        ["A1", "pending", date(2023, 6, 15), date(2023, 9, 30), "需等待上级批复"]
    ]
    assert overdue_ids(store) == ["A1"]  # the sheet says 09-30; until approved, 06-15 stands
    assert store.version().overdue == 1  # and the version table counts it so
    assert current(store).findings.set_index("id").loc["A1", "deadline"].date() == date(2023, 6, 15)

    service.decide_extension(store, int(waiting["extension"][0]), "approved", INSPECTOR, note="同意")
    assert overdue_ids(store) == []
    decided = extension_table(store).iloc[0]
    assert (decided["state"], decided["decided_by"], decided["decision_note"]) == (
        "approved", INSPECTOR.name, "同意",
    )  # fmt: skip


def test_a_rejected_extension_keeps_the_old_deadline(ledger_of_30_june):
    store = ledger_of_30_june
    upload(store, workbook(MOVED), OFFICE, reason="人手不足")
    number = int(extension_table(store)["extension"][0])
    service.decide_extension(store, number, "rejected", INSPECTOR, note="理由不充分")
    assert overdue_ids(store) == ["A1"]
    with pytest.raises(NotDecidable):
        service.decide_extension(store, number, "approved", INSPECTOR)


def test_only_inspectors_and_admins_decide_extensions(ledger_of_30_june):
    store = ledger_of_30_june
    upload(store, workbook(MOVED), OFFICE, reason="人手不足")
    number = int(extension_table(store)["extension"][0])
    with pytest.raises(NotPermitted):
        service.decide_extension(store, number, "approved", OFFICE)
    assert extension_table(store)["state"].tolist() == ["pending"]


def test_an_admins_own_pushed_back_deadline_is_recorded_as_approved_by_them(ledger_of_30_june):
    store = ledger_of_30_june
    upload(store, workbook(MOVED), ADMIN, reason="经研究同意延期")
    recorded = extension_table(store).iloc[0]
    assert (recorded["state"], recorded["decided_by"]) == ("approved", ADMIN.name)
    assert overdue_ids(store) == []
    assert store.version().overdue == 0


def test_a_deadline_brought_forward_needs_no_approval_but_is_recorded(ledger_of_30_june):
    store = ledger_of_30_june
    upload(store, workbook([*A2[:4], "2023-07-31", *A2[5:]]), OFFICE)
    recorded = extension_table(store)
    assert recorded[["id", "state", "later"]].values.tolist() == [["A2", "recorded", False]]


def test_a_pending_extension_is_a_quiet_change_of_its_version(ledger_of_30_june):
    store = ledger_of_30_june
    saved = upload(store, workbook(MOVED), OFFICE, reason="人手不足")
    changes = quiet_change_table(store, saved.id)
    assert changes[["kind", "id", "department"]].values.tolist() == [["deadline_moved", "A1", "办公室"]]


# -- quiet changes ------------------------------------------------------------------------------
def test_a_reversed_completion_is_saved_as_a_quiet_change_of_the_version(ledger_of_30_june):
    store = ledger_of_30_june
    finance = Identity("finance@example.org", "uploader", frozenset({"财务科"}))
    saved = upload(store, workbook([*B1[:5], "重新整改", "推进中"]), finance)
    changes = quiet_change_table(store, saved.id)
    assert changes[["kind", "id", "department"]].values.tolist() == [["regression", "B1", "财务科"]]
    assert quiet_change_table(store, 1).empty


# -- reopening ------------------------------------------------------------------------------------
def test_a_problem_reopened_after_closure_counts_as_under_way_until_verified_again(ledger_of_30_june):
    store = ledger_of_30_june
    service.verify(store, "B1", INSPECTOR, note="", evidence="整改报告")
    service.reopen(store, "B1", INSPECTOR, reason="回头看发现问题反弹")
    ledger = current(store)
    assert ledger.findings.set_index("id").loc["B1", "status"] == "in_progress"
    assert list(ledger.reopened) == ["B1"]
    service.verify(store, "B1", INSPECTOR, note="再次核实", evidence="复查报告")
    assert current(store).findings.set_index("id").loc["B1", "status"] == "done"
    assert current(store).reopened == {}


@pytest.mark.parametrize(
    ("who", "item", "refusal"),
    [(OFFICE, "B1", NotPermitted), (INSPECTOR, "A1", NotDecidable)],
    ids=["an uploader may not reopen", "a problem not verified closed cannot be reopened"],
)
def test_reopening_is_refused_unless_an_inspector_reopens_a_closed_problem(
    ledger_of_30_june, who, item, refusal
):
    store = ledger_of_30_june
    service.verify(store, "B1", INSPECTOR, note="", evidence="整改报告")
    with pytest.raises(refusal):
        service.reopen(store, item, who, reason="问题反弹")
    assert current(store).reopened == {}


def test_a_reopening_needs_a_reason(ledger_of_30_june):
    store = ledger_of_30_june
    service.verify(store, "B1", INSPECTOR, note="", evidence="整改报告")
    with pytest.raises(NotDecidable):
        service.reopen(store, "B1", INSPECTOR, reason="  ")


# -- restore ----------------------------------------------------------------------------------------
def test_a_restore_is_previewed_like_an_upload_and_saved_only_on_confirmation(ledger_of_30_june):
    store = ledger_of_30_june
    upload(store, workbook([*A2[:5], "已修订完成", "已完成"]), OFFICE)
    proposal = service.propose_restore(store, 1)
    assert proposal.diff.changed_ids == ["A2"] and proposal.restoring == 1
    assert [v.id for v in store.versions()] == [1, 2]  # previewing saved nothing
    saved = service.accept(store, proposal, ADMIN, note="restore:1")
    assert (saved.id, saved.mode, saved.as_of, saved.as_of_source) == (
        3,
        "restore",
        date(2023, 6, 30),
        "restored",
    )
