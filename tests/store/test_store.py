"""Versions are complete, append-only and never lost, on SQLite and PostgreSQL alike."""

import pandas as pd
import pytest

from rectification.fingerprint import row_digests
from rectification.store import Store, connect
from tests.builders import ledger, save
from tests.store.conftest import BASE


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return a.drop(columns="row").reset_index(drop=True).equals(b.drop(columns="row").reset_index(drop=True))


def test_a_saved_version_reads_back_exactly(store):
    version = save(store, BASE)
    assert (version.id, version.total, version.counts["done"], version.author) == (1, 3, 1, "办公室")
    assert same(store.findings(version.id), BASE)


def test_saving_the_same_rows_again_makes_no_new_version(store):
    save(store, BASE)
    assert save(store, BASE.copy(), sha256="other-file") is None
    assert [v.id for v in store.versions()] == [1]


def test_merge_replaces_same_ids_adds_new_ones_and_keeps_the_rest(store):
    save(store, BASE)
    sheet = ledger(
        ["A2", "党建", "制度不完善", "办公室", "2024-04-30", "已印发新制度", "已完成"],
        ["A3", "党建", "台账不规范", "办公室", "2024-07-31", "", "未完成"],
    )
    version = save(store, sheet, mode="merge")
    merged = store.findings(version.id).set_index("id")
    assert list(merged.index) == ["A1", "A2", "B1", "A3"]
    assert merged.loc["A2", "status"] == "done" and merged.loc["A2", "progress"] == "已印发新制度"
    assert merged.loc["B1", "status"] == "long_term"  # untouched
    assert version.parent_id == 1


def test_a_merge_stores_each_rows_own_digest_so_the_same_sheet_again_changes_nothing(store):
    # The merged version's digests are taken from the stored and the uploaded rows, not recomputed.
    save(store, BASE)
    sheet = ledger(
        ["B1", "作风", "公车管理不规范", "财务科", "长期坚持", "已建立台账", "长期坚持"],
        ["C1", "作风", "会议过多", "财务科", "2024-09-30", "", "未完成"],
    )
    version = save(store, sheet, mode="merge")
    members = store.members(version.id)
    stored = store.findings(version.id)
    assert members == list(zip(stored["id"], row_digests(stored), strict=True))
    assert save(store, sheet.copy(), mode="merge") is None


def test_replace_drops_missing_items_from_the_current_version_but_history_keeps_them(store):
    save(store, BASE)
    save(store, BASE.iloc[:2])
    assert list(store.findings(2)["id"]) == ["A1", "A2"]
    assert list(store.findings(1)["id"]) == ["A1", "A2", "B1"]


def test_restore_saves_a_new_version_equal_to_the_old_one(store):
    save(store, BASE)
    save(store, BASE.iloc[:1])
    restored = store.restore(1, author="管理员")
    assert restored.id == 3 and restored.mode == "restore"
    assert same(store.findings(3), store.findings(1))
    assert store.restore(3, author="管理员") is None  # already current


def test_trend_counts_each_version_in_the_database(store):
    save(store, BASE)
    done = BASE.assign(status="done")
    save(store, done)
    trend = store.trend().set_index("version")
    assert trend.loc[1, "done"] == 1 and trend.loc[2, "done"] == 3
    assert trend.loc[2, "rate"] == 1.0
    scoped = store.trend(departments=("财务科",)).set_index("version")
    assert scoped["total"].tolist() == [1, 1]


def test_an_items_timeline_lists_the_versions_where_it_changed(store):
    save(store, BASE)
    save(store, BASE.assign(note="x"))  # A1 changes only in its note
    changed = BASE.assign(note="x")
    changed.loc[changed["id"] == "A1", "progress"] = "已完成全部学习"
    save(store, changed)
    timeline = store.timeline("A1")
    assert timeline["version"].tolist() == [1, 2, 3]
    assert store.timeline("B1")["version"].tolist() == [1, 2]
    assert store.timeline("nope").empty


def test_versions_are_never_rewritten_by_later_saves(store):
    first = save(store, BASE)
    before = store.findings(first.id)
    save(store, BASE.assign(status="done"))
    save(store, ledger(["A1", "党建", "改", "办公室", "", "", "已完成"]), mode="merge")
    assert same(store.findings(first.id), before)
    assert store.version(first.id) == first


def test_reopening_an_existing_store_keeps_its_versions(store_url, store):
    save(store, BASE)
    reopened = Store.open(store_url)
    assert [v.id for v in reopened.versions()] == [1]
    reopened.engine.dispose()


def test_a_ledger_holding_one_id_twice_is_refused_and_nothing_is_written(store):
    save(store, BASE)
    twice = pd.concat([BASE, BASE.iloc[:1].assign(progress="另一行")], ignore_index=True)
    with pytest.raises(ValueError):
        save(store, twice, mode="replace")
    assert [v.id for v in store.versions()] == [1]


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_a_postgresql_url_uses_the_installed_psycopg_driver(scheme):
    # SQLAlchemy would take psycopg2 for a plain postgresql:// URL; only psycopg 3 is installed.
    engine = connect(f"{scheme}://user:secret@127.0.0.1:5432/ledger")  # no connection is made
    assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")


def test_a_problem_keeps_each_of_its_measures_with_its_own_department_deadline_and_status(store):
    from rectification.measures import measure_table
    from tests.core.test_measures import merged_check

    check = merged_check()
    version = save(store, check.findings)
    stored = store.findings(version.id)
    assert same(stored, check.findings)
    measures = measure_table(stored)
    assert measures["measure_id"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.2", "3"]
    assert measures["department"].tolist() == ["办公室", "机关党委", "办公室", "财务科", "财务科", "办公室"]
    assert measures["status"].tolist() == ["done", "in_progress", "long_term", "done", "done", "pending"]
    assert measures["deadline"].dt.strftime("%m-%d").fillna("").tolist()[:3] == ["03-31", "05-31", ""]
    assert measures["deadline_term"].tolist()[2] == "standing"


def test_a_change_to_one_measure_is_a_change_to_its_problem_and_to_nothing_else(store):
    from tests.core.test_measures import MERGED_ROWS, merged_check

    first = save(store, merged_check().findings)
    rows = [list(r) for r in MERGED_ROWS]
    rows[2][6] = "已完成"  # the second measure of problem 1
    changed = merged_check(rows).findings
    before, after = dict(store.members(first.id)), dict(zip(changed["id"], row_digests(changed), strict=True))
    assert [fid for fid in before if before[fid] != after[fid]] == ["1"]
