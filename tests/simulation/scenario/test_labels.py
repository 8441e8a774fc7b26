"""Every scenario field has a label in both languages."""
from __future__ import annotations

import pytest

from simulation.scenario.labels import CHOICE_LABELS, FIELD_LABELS, ITEM_LABELS, choice_label, field_label
from simulation.scenario import Scenario
from simulation.scenario.paths import field_paths


def test_every_schema_field_has_a_label_and_no_label_is_stale():
    paths = field_paths(Scenario)
    assert [p for p in paths if p not in FIELD_LABELS] == []
    assert [p for p in FIELD_LABELS if p not in paths] == []


@pytest.mark.parametrize("path", field_paths(Scenario))
def test_every_label_reads_differently_in_vietnamese(path):
    assert field_label(path, "vi") != field_label(path, "en")
    assert "{" not in field_label(path, "vi")


@pytest.mark.parametrize("path, vi, en", [
    ("staff.counter", "Công chức tiếp nhận tại quầy", "Counter officials"),
    ("service.pickup.mean", "Trả kết quả: thời gian trung bình (phút)", "Returning results: mean time (min)"),
    ("staff.counter[0].proficiency", "Mức thành thạo (1 = tốc độ bình thường)", "Proficiency (1 = typical speed)"),
    ("staff.back_office.1.shift.start", "Giờ bắt đầu ca", "Shift starts at"),
    ("demand.outages[0].procedures", "Thủ tục bị ảnh hưởng (danh sách mã thủ tục, hoặc all: tất cả)",
     "Procedures affected (a list of procedure ids, or all)"),
    ("hours.sessions[1].end", "Giờ kết thúc", "Closes at"),
    ("demand.walk_in.patience.mean", "Thời gian trung bình (phút)", "Mean time (min)"),
    ("demand.walk_in.mix.account_help", "Cơ cấu lượt đến theo loại việc (tỷ lệ): Hỗ trợ tài khoản (VNeID, mật khẩu)",
     "Kinds of visit (shares): Account help (VNeID, password)"),
])
def test_labels_of_fields_lists_and_mixes(path, vi, en):
    assert field_label(path, "vi") == vi
    assert field_label(path, "en") == en


ITEM_EXAMPLES = {"official": "staff.guide[0].", "outage": "demand.outages[0].", "session": "hours.saturday[0].",
                 "distribution": "service.paper.",
                 "scanner_outage": "equipment.scanner_outages[0]."}


@pytest.mark.parametrize("item", sorted(ITEM_LABELS))
def test_every_list_entry_field_is_labelled_in_both_languages(item):
    for key in ITEM_LABELS[item]:
        path = ITEM_EXAMPLES[item] + key
        assert field_label(path, "en") == ITEM_LABELS[item][key]
        assert field_label(path, "vi") != field_label(path, "en")


def test_every_choice_is_labelled_in_both_languages():
    assert [v for v in CHOICE_LABELS if choice_label(v, "vi") == choice_label(v, "en")] == []
    assert choice_label("not_a_choice", "vi") == "not_a_choice"


def test_an_unknown_path_names_where_to_add_its_label():
    with pytest.raises(KeyError, match="staff.robots: no label for this scenario field; add one to "
                                       "simulation/scenario/labels.py"):
        field_label("staff.robots")
