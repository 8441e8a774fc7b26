"""officials.csv: Vietnamese names, derived ids, every bad line named."""
from __future__ import annotations

import pytest

from grading.errors import RosterError
from grading.roster import load_roster, slugify


@pytest.mark.parametrize("name, slug", [
    ("Bùi Thị Luyến", "bui-thi-luyen"),
    ("Đặng Văn An", "dang-van-an"),
    ("  Nguyễn   Thị  Hoa ", "nguyen-thi-hoa"),
    ("Trương Quốc Đạt", "truong-quoc-dat"),
    ("Lê Ngọc Ánh (Phó CT)", "le-ngoc-anh-pho-ct"),
])
def test_slugify_vietnamese_names(name, slug):
    assert slugify(name) == slug


def write(tmp_path, text):
    path = tmp_path / "officials.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_ids_are_derived_or_kept(tmp_path):
    path = write(tmp_path, "name,id,email\nBùi Thị Luyến,,luyen@example.vn\nĐặng Văn An,an-01,\n")
    officials = load_roster(path)
    assert [(o.id, o.name, o.email) for o in officials] == [
        ("bui-thi-luyen", "Bùi Thị Luyến", "luyen@example.vn"), ("an-01", "Đặng Văn An", None)]
    assert officials[0].family_name == "Bùi" and officials[0].given_name == "Thị Luyến"


def test_utf8_bom_from_excel_is_accepted(tmp_path):
    path = tmp_path / "officials.csv"
    path.write_bytes("\ufeffname\nBùi Thị Luyến\n".encode("utf-8"))
    assert load_roster(path)[0].id == "bui-thi-luyen"


@pytest.mark.parametrize("text, fragments", [
    ("name\nBùi Thị Luyến\nBùi Thị Luyến\n", [":3:", "duplicate id 'bui-thi-luyen'", "line 2"]),
    ("name,id\nAn,Bad Id\n", [":2:", "id = 'Bad Id'", "lowercase ASCII"]),
    ("name,id\nAn\n", [":2:", "1 fields", "expected 2"]),
    ("name,id\n,an\n", [":2:", "name is empty"]),
    ("fullname\nAn\n", [":1:", "needs 'name'", "unknown: fullname"]),
    ("name,email\nAn,not-an-address\n", [":2:", "email = 'not-an-address'"]),
    ("name\n", ["no officials listed"]),
    ("", ["empty file"]),
])
def test_bad_rows_are_named(tmp_path, text, fragments):
    path = write(tmp_path, text)
    with pytest.raises(RosterError) as info:
        load_roster(path)
    message = str(info.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message


def test_all_problems_are_reported_at_once(tmp_path):
    path = write(tmp_path, "name,id\nAn,\nAn,\nBình,BAD\n")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert len(info.value.problems) == 2
    assert ":3:" in info.value.problems[0] and ":4:" in info.value.problems[1]


def test_missing_file(tmp_path):
    with pytest.raises(RosterError, match="file not found"):
        load_roster(tmp_path / "nope.csv")
