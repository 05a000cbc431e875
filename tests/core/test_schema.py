"""Header aliases, status synonyms and deadline terms: the words real sheets use."""

import pytest

from rectification.schema import (
    FIELDS,
    deadline_term_for_word,
    field_for_header,
    status_for_word,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("序号", "id"),
        ("编号", "id"),
        ("问题类别", "category"),
        ("问题类型", "category"),
        ("方面", "category"),
        ("问题描述", "problem"),
        ("巡察反馈问题", "problem"),
        ("问题具体表现", "problem"),
        ("存在问题", "problem"),
        ("问题摘要", "problem"),
        ("整改措施", "measures"),
        ("牵头领导", "leader"),
        ("责任单位", "department"),
        ("责任股室", "department"),
        ("责任处室", "department"),
        ("具体责任人", "owner"),
        ("完成时限", "deadline"),
        ("整改期限", "deadline"),
        ("整改进展情况", "progress"),
        ("整改情况", "progress"),
        ("完成情况", "status"),
        ("完成时间", "completed_on"),
        ("证明材料", "evidence"),
        ("备注", "note"),
        # English headers, in any case and spacing
        ("ID", "id"),
        ("Category", "category"),
        ("Finding", "problem"),
        ("Corrective action", "measures"),
        ("Owner department", "department"),
        ("Due date", "deadline"),
        ("  due   DATE ", "deadline"),
        ("Status", "status"),
        ("Progress", "progress"),
        # what people add around a header
        ("*问题描述", "problem"),
        ("整改时限（年月日）", "deadline"),
        ("责任部门(单位)", "department"),
        ("问题\n描述", "problem"),
        ("整改 进展", "progress"),
        ("问题描述：", "problem"),
    ],
)
def test_headers_real_ledgers_use_map_to_their_field(header, field):
    assert field_for_header(header) == field


@pytest.mark.parametrize("header", ["", None, "联系电话", "合计", "中共某某委员会巡察整改台账"])
def test_headers_that_name_no_field_map_to_nothing(header):
    assert field_for_header(header) is None


def test_every_field_is_found_by_its_own_chinese_and_english_label():
    for spec in FIELDS:
        assert field_for_header(spec.zh) == spec.name
        assert field_for_header(spec.en) == spec.name


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("已完成", "done"),
        ("完成整改", "done"),
        ("已整改", "done"),
        ("已销号", "done"),
        ("Closed", "done"),
        ("completed", "done"),
        ("正在整改", "in_progress"),
        ("整改中", "in_progress"),
        ("基本完成", "in_progress"),
        ("阶段性完成", "in_progress"),
        ("部分整改", "in_progress"),
        ("In progress", "in_progress"),
        ("长期坚持", "long_term"),
        ("持续整改", "long_term"),
        ("常态化推进", "long_term"),
        ("Ongoing", "long_term"),
        ("未完成", "pending"),
        ("未启动", "pending"),
        ("Not started", "pending"),
        ("open", "pending"),
        (" 已完成 ", "done"),
    ],
)
def test_status_words_map_to_their_status(word, status):
    assert status_for_word(word) == status


@pytest.mark.parametrize("word", ["", "好", "见附件", "完成了一半"])
def test_unknown_status_words_map_to_nothing(word):
    assert status_for_word(word) is None


@pytest.mark.parametrize(
    ("word", "term"),
    [("立行立改", "immediate"), ("立即整改", "immediate"), ("长期坚持", "standing"), ("长期", "standing")],
)
def test_deadline_terms_are_recognised(word, term):
    assert deadline_term_for_word(word) == term
