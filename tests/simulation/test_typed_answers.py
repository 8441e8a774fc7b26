"""Answers typed the Vietnamese way: each input with its value, or the Vietnamese hint it gets."""
from __future__ import annotations

import datetime as dt
import unicodedata

import numpy as np
import pandas as pd
import pytest

from simulation.i18n import use_language
from simulation.typed_answers import parse_date, parse_number, plain_text

SEP_5 = dt.date(2025, 9, 5)


@pytest.fixture(autouse=True)
def vietnamese():
    with use_language("vi"):
        yield


@pytest.mark.parametrize("typed, expected", [
    ("5/9/2025", SEP_5),
    ("05/09/2025", SEP_5),
    (" 05 / 09 / 2025 ", SEP_5),
    ("5-9-2025", SEP_5),
    ("5.9.2025", SEP_5),
    ("2025-09-05", SEP_5),
    ("ngày 5 tháng 9 năm 2025", SEP_5),
    ("Ngày 05 tháng 09 năm 2025.", SEP_5),
    ("ngay 5 thang 9 nam 2025", SEP_5),                    # without diacritics
    ("NGÀY 5 THÁNG 9 NĂM 2025", SEP_5),
    ("5 tháng 9, 2025", SEP_5),                            # CLDR's Vietnamese long date
    ("ngày 05/09/2025", SEP_5),
    ("Thứ Sáu ngày 5/9/2025", SEP_5),
    ("Thứ Sáu, ngày 5 tháng 9 năm 2025", SEP_5),
    ("thứ 6, 05/09/2025", SEP_5),
    ("T6 05/09/2025", SEP_5),
    ("Chủ nhật, 07/09/2025", dt.date(2025, 9, 7)),
    (unicodedata.normalize("NFD", "ngày 5 tháng 9 năm 2025"), SEP_5),  # decomposed, as some keyboards type it
    (SEP_5, SEP_5),
    (dt.datetime(2025, 9, 5, 15, 30), SEP_5),
    (pd.Timestamp("2025-09-05"), SEP_5),
])
def test_dates_typed_the_vietnamese_way(typed, expected):
    assert parse_date(typed) == expected
    assert type(parse_date(typed)) is dt.date


@pytest.mark.parametrize("typed, hint", [
    (5 / 9 / 2025, 'Anh/chị hãy đặt ngày trong dấu ngoặc kép, ví dụ "05/09/2025".'),  # typed without quotes
    ("31/9/2025", "Tháng 9 năm 2025 không có ngày 31."),
    ("29/02/2025", "Tháng 2 năm 2025 không có ngày 29."),
    ("9/25/2025", "Anh/chị hãy viết ngày trước, tháng sau: 25/09/2025"),
    ("5/9/25", "Anh/chị hãy viết năm đủ bốn chữ số: 05/09/2025"),
    ("5/9", "Anh/chị hãy viết đủ ngày, tháng và năm, ví dụ 05/09/2025."),
    ("ngày 5 tháng 9", "Anh/chị hãy viết đủ ngày, tháng và năm, ví dụ 05/09/2025."),
    ("Thứ Hai, 05/09/2025", "Ngày 05/09/2025 là Thứ Sáu, không phải Thứ Hai."),
    ("hôm qua", "Anh/chị hãy viết ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2025 hoặc ngày 5 tháng 9 năm 2025."),
    ("5/9-2025", "Anh/chị hãy viết ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2025 hoặc ngày 5 tháng 9 năm 2025."),
    ("", "Anh/chị chưa nhập câu trả lời."),
    (None, "Anh/chị chưa nhập câu trả lời."),
    (..., "Anh/chị chưa nhập câu trả lời."),
    (["05/09/2025"], "Anh/chị hãy viết ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2025 hoặc ngày 5 tháng 9 năm 2025."),
])
def test_dates_that_get_a_hint(typed, hint):
    with pytest.raises(ValueError) as caught:
        parse_date(typed)
    assert str(caught.value) == hint


@pytest.mark.parametrize("typed, expected", [
    ("12,5", 12.5),
    ("12.5", 12.5),
    (" 12,5 ", 12.5),
    ("-3,5", -3.5),
    ("−3,5", -3.5),                 # the minus sign of a word processor
    ("0.125", 0.125),
    ("0,125", 0.125),
    ("1,052", 1.052),               # a comma is always the decimal mark in Vietnamese
    ("1.052,5", 1052.5),
    ("1.234.567", 1234567.0),
    ("1 052", 1052.0),
    ("1\u00a0052,5", 1052.5),       # a non-breaking space between thousands
    ("1,052.5", 1052.5),            # both marks: unambiguous English grouping
    ("1,234,567.25", 1234567.25),
    ("705", 705.0),
    (705, 705.0),
    (12.5, 12.5),
    (np.float64(0.6), 0.6),
    (np.int64(13), 13.0),
])
def test_numbers_typed_the_vietnamese_way(typed, expected):
    assert parse_number(typed) == pytest.approx(expected, rel=1e-12)
    assert type(parse_number(typed)) is float


@pytest.mark.parametrize("typed, hint", [
    ((12, 5), "Anh/chị đã gõ 12,5: máy hiểu dấu phẩy là dấu ngăn cách hai số. "
              "Hãy dùng dấu chấm cho phần thập phân: 12.5"),
    ((-3, 75), "Anh/chị đã gõ -3,75: máy hiểu dấu phẩy là dấu ngăn cách hai số. "
               "Hãy dùng dấu chấm cho phần thập phân: -3.75"),
    ((1, 2, 3), "Máy đọc thành nhiều số cách nhau bởi dấu phẩy. "
                'Anh/chị hãy nhập một số, ví dụ 12.5 (hoặc "12,5" trong dấu ngoặc kép).'),
    ("1.052", "1.052 có thể hiểu theo hai cách. Nếu là số 1052, anh/chị hãy viết liền, không có dấu chấm; "
              "nếu là số thập phân, hãy viết 1,052."),
    ("12.500", "12.500 có thể hiểu theo hai cách. Nếu là số 12500, anh/chị hãy viết liền, không có dấu chấm; "
               "nếu là số thập phân, hãy viết 12,500."),
    ("12,5%", "Anh/chị hãy nhập số không kèm dấu phần trăm, đúng như câu hỏi yêu cầu "
              "(ví dụ tỷ lệ 12,5 phần trăm thì nhập 0.125)."),
    ("15 phút", "Anh/chị chỉ cần nhập con số, không kèm đơn vị hay chữ: 15"),
    ("12,5 hồ sơ", "Anh/chị chỉ cần nhập con số, không kèm đơn vị hay chữ: 12,5"),
    ("mười hai", 'Anh/chị hãy nhập một số, ví dụ 12.5 (hoặc "12,5" trong dấu ngoặc kép).'),
    ("1,2,3", 'Anh/chị hãy nhập một số, ví dụ 12.5 (hoặc "12,5" trong dấu ngoặc kép).'),
    (True, 'Anh/chị hãy nhập một số, ví dụ 12.5 (hoặc "12,5" trong dấu ngoặc kép).'),
    (float("nan"), 'Anh/chị hãy nhập một số, ví dụ 12.5 (hoặc "12,5" trong dấu ngoặc kép).'),
    (float("inf"), 'Anh/chị hãy nhập một số, ví dụ 12.5 (hoặc "12,5" trong dấu ngoặc kép).'),
    ("", "Anh/chị chưa nhập câu trả lời."),
    ("   ", "Anh/chị chưa nhập câu trả lời."),
    (None, "Anh/chị chưa nhập câu trả lời."),
    (..., "Anh/chị chưa nhập câu trả lời."),
])
def test_numbers_that_get_a_hint(typed, hint):
    with pytest.raises(ValueError) as caught:
        parse_number(typed)
    assert str(caught.value) == hint


@pytest.mark.parametrize("typed, expected", [
    ("Đăng ký khai sinh", "dang ky khai sinh"),
    ("dang ky khai sinh", "dang ky khai sinh"),
    ("  ĐĂNG KÝ   khai\tsinh ", "dang ky khai sinh"),
    (unicodedata.normalize("NFD", "Đăng ký khai sinh"), "dang ky khai sinh"),  # decomposed
    ("Bùi Thị Luyến", "bui thi luyen"),
    ("Quên mật khẩu", "quen mat khau"),
])
def test_text_with_or_without_diacritics(typed, expected):
    assert plain_text(typed) == expected


@pytest.mark.parametrize("typed, hint", [
    ("", "Anh/chị chưa nhập câu trả lời."),
    (None, "Anh/chị chưa nhập câu trả lời."),
    (12, 'Anh/chị hãy viết câu trả lời trong dấu ngoặc kép, ví dụ "đăng ký khai sinh".'),
])
def test_text_that_gets_a_hint(typed, hint):
    with pytest.raises(ValueError) as caught:
        plain_text(typed)
    assert str(caught.value) == hint


@pytest.mark.parametrize("call, typed, hint", [
    (parse_number, (12, 5), "You typed 12,5: Python reads the comma as a separator between two numbers. "
                            "Use a dot for the decimals: 12.5"),
    (parse_date, "31/9/2025", "Month 9 of 2025 has no day 31."),
    (parse_date, "Monday 05/09/2025", "Write the date as day/month/year, for example 05/09/2025."),
    (parse_date, "Thứ Hai, 05/09/2025", "05/09/2025 is a Friday, not a Monday."),
])
def test_the_english_edition_gets_english_hints(call, typed, hint):
    with use_language("en"), pytest.raises(ValueError) as caught:
        call(typed)
    assert str(caught.value) == hint
