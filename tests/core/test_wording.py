"""English wording: counts agree with their nouns and verbs, punctuation is English; the Chinese
reads as before."""

from datetime import date

from rectification.display import flag_table
from rectification.labels import label
from rectification.ledger import Flag
from rectification.metrics import Summary
from rectification.notices.summary import summary_paragraph


def summary(**counts: int) -> Summary:
    by_status = {"done": 0, "in_progress": 0, "long_term": 0, "pending": 0} | {
        k: v for k, v in counts.items() if k in ("done", "in_progress", "long_term", "pending")
    }
    total = sum(by_status.values())
    return Summary(
        total=total,
        done=by_status["done"],
        completion_rate=by_status["done"] / total if total else None,
        overdue=counts.get("overdue", 0),
        due_soon=counts.get("due_soon", 0),
        as_of=date(2023, 6, 30),
        by_status=by_status,
        by_category={},
        by_department={},
        warning_days=counts.get("warning_days", 15),
    )


def test_english_summary_agrees_in_number():
    one = summary_paragraph(summary(done=0, in_progress=1, overdue=1, due_soon=1, warning_days=1), "en")
    assert "0 of 1 finding has been rectified" in one
    assert "1 is in progress" in one
    assert "1 is overdue and 1 falls due within 1 day." in one
    many = summary_paragraph(summary(done=21, in_progress=5, long_term=4, overdue=2, due_soon=2), "en")
    assert "21 of 30 findings have been rectified" in many
    assert "5 are in progress" in many
    assert "2 are overdue and 2 fall due within 15 days." in many


def test_chinese_summary_is_unchanged():
    text = summary_paragraph(summary(done=21, in_progress=5, long_term=4, overdue=2, due_soon=2))
    assert text == (
        "截至2023年6月30日，30个问题已完成整改21个，完成率70.0%；推进中5个，长期坚持4个，未启动0个。"
        "逾期未完成2个，15日内到期2个。"
    )


def test_counts_of_rows_are_singular_for_one():
    assert label("status.inferred", "en", count=1).startswith("In 1 row the status")
    assert label("status.inferred", "en", count=3).startswith("In 3 rows the status")
    assert label("status.inferred", "zh", count=1).startswith("整改状态为空或无法识别的1行")
    assert label("items.count", "en", shown=1, total=30) == "1 finding (of 30 in the ledger)"
    assert label("items.export_xlsx", "en", count=2) == "Export Excel (2 rows)"


def test_english_item_facts_and_titles_use_english_punctuation():
    assert label("items.fact", "en", name="Owner department", value="x") == "**Owner department**: x"
    assert label("items.fact", "zh", name="责任部门", value="x") == "**责任部门**：x"
    assert label("upload.rows_title", "en", title="Added", count=2) == "Added (2)"
    assert label("items.status_inferred", "en", status="Done", note="n") == "Done (n)"


def test_a_flag_without_a_row_shows_a_blank_row():
    flags = [
        Flag("warning", "sheet.chosen", sheet="台账", params={"count": 2, "sheet": "台账"}),
        Flag("error", "status.unknown", sheet="台账", row=3, column="整改状态", value="差不多"),
    ]
    assert flag_table(flags, "en")["Row"].tolist() == ["", "3"]
