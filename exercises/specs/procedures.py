"""Spec of the ``procedures`` assignment (build with ``python exercises/make_notebooks.py procedures``)."""
from make_notebooks import POINTS, Notebook


def build():
    nb = Notebook("procedures")
    nb.setup("from grading.course.procedures import (catalogue_table, documents_of, documents_where_applicable,\n"
             "                                      document_choices, sample_dossiers, due_date, calendar_month)")
    nb.md(f"""
# The commune's procedures and their legal deadlines

Every dossier the centre receives belongs to one administrative procedure (thủ tục hành chính). The law fixes
which documents make a dossier complete and how long the centre may take: *immediately*, the *same working
day*, or a number of *working days*. Working days are Monday to Friday, without public holidays (Tết, 30 April,
1 May, National Day ...).

You will read the centre's procedure catalogue, spot incomplete dossiers and compute due dates.
Type each answer on the prepared line, run the cell, then run the check cell below it.

{POINTS}

**How to type answers**: a number like `3`; a date between quotes, day first, like `"05/09/2025"`; a list in
square brackets like `["HS-01", "HS-03"]` (order does not matter); a letter like `"b"`.
""", "intro")

    nb.md("""
## 1. The catalogue

Run the next cell to see every procedure the centre handles. The `online` column says whether the whole
procedure can be done on the national portal (`full`, toàn trình), whether the dossier can be sent online but a
party must come to sign (`partial`), or whether the request is made at the counter (`none`: certified copies,
for example, are submitted in person because the original is shown). A legal time marked
*[planning assumption]* is the centre's working figure, not a time fixed by law.
""", "part-1")
    nb._cell("code", "catalogue_table()", "catalogue")
    nb.question(1, "P1", 1, """In the catalogue table, how many procedures are marked **fully** online? (The
online column follows the province's published list of online services: check your province's portal.)""", "None",
                'int((catalogue_table()["online"] == "full").sum())')
    nb.question(2, "P2", 2, """Which **certification** procedures cannot be done online at all? Type their ids
(the first column), in any order.""", "[]",
                'list(catalogue_table().query("field == \'certification\' and online == \'none\'").index)')
    nb.question(3, "P3", 1, """A citizen brings copies to certify (certification of copies) at 15:20 on a
Wednesday that is a working day. By when must they be certified?

- a) the same day
- b) the next working day
- c) within 2 working days
- d) within 5 working days
""", '""', '"b"')

    nb.md("""
## 2. Complete dossiers

`documents_of("...")` lists what every complete dossier needs, for the procedure whose id you give, for example
`documents_of("marriage_registration")`. `documents_where_applicable("...")` lists the papers needed only in
one case, and says which: an official may not demand them otherwise. Since Decree 07/2025/NĐ-CP the office
looks up a couple's marital status in the civil-status and population databases instead of asking them for
a confirmation paper.
""", "part-2")
    nb.question(4, "P4", 1, "How many documents does a complete **marriage registration** dossier need?", "None",
                'len(documents_of("marriage_registration"))')
    nb.md("A citizen brings a pile of papers for a **death registration**. The next cell lists them:", "death-intro")
    nb._cell("code", 'document_choices("death_registration")', "death-choices")
    nb.question(5, "P5", 2, """Which of these documents does a complete **death registration** dossier need?
Type their letters, in any order.""", "[]",
                'list(document_choices("death_registration").index[document_choices("death_registration")'
                '.isin(documents_of("death_registration"))])')
    nb.md("`sample_dossiers()` shows the dossiers received this morning, one line per document the citizen "
          "brought:", "samples-intro")
    nb._cell("code", "sample_dossiers()", "samples")
    nb.question(6, "P6", 2, "Which sample dossiers are **incomplete**? (their numbers, in any order)", "[]",
                '["HS-02", "HS-04", "HS-06"]')
    nb.question(7, "P7", 1, """Dossier HS-04 misses one document. Type its **number** in the list shown by
`documents_of(...)` for the procedure of HS-04.""", "None",
                'next(k for k, d in documents_of("marriage_registration").items() '
                'if d not in set(sample_dossiers().loc["HS-04"]["document brought"]))')

    nb.md("""
## 3. Due dates in working days

Run `calendar_month(2025, 9)` (any year and month) to see which days are working days. A deadline is the
end of office hours of the due day.
""", "part-3")
    nb._cell("code", "calendar_month(2025, 9)", "september")
    nb.question(8, "P8", 2, """A **marital status confirmation** (3 working days) is received on Friday
29/08/2025 at 10:00. What is its due date?""", '""',
                'due_date("marital_status_confirmation", "29/08/2025 10:00")')
    nb.question(9, "P9", 1, """**Certification of copies** received on Friday 29/08/2025 at 15:30: what is
the due date?""", '""', 'due_date("certification_of_copies", "29/08/2025 15:30")')
    nb.question(10, "P10", 2, """A **land transfer registration** (10 working days) is received on Thursday
24/04/2025 at 09:00. What is its due date?""", '""',
                'due_date("land_transfer_registration", "24/04/2025 09:00")')
    nb.question(11, "P11", 1, """A **civil status correction** dossier (3 working days) is received on Friday
24/01/2025, just before Tết. What is its due date?""", '""', 'due_date("civil_status_correction", "24/01/2025 09:00")')
    nb.question(12, "P12", 1, "How many working days are there in September 2025?", "None",
                'int((calendar_month(2025, 9)["working day"] == "yes").sum())')
    nb.question(13, "P13", 1, """A dossier due on 05/09/2025 (end of the day) is finished on Thursday
04/09/2025. How is it counted?

- a) early (trước hạn)
- b) on time (đúng hạn)
- c) late (quá hạn)
""", '""', '"a"')
    nb.question(14, "P14", 1, """Use the helper on one line to find the due date of a **permanent residence
registration** received on 29/08/2025 at 16:45:
`due_date("permanent_residence_registration", "29/08/2025 16:45")`. You may type the call itself or the date
it shows.""", '""', 'due_date("permanent_residence_registration", "29/08/2025 16:45")')

    nb.md("## 4. Explaining a deadline", "part-4")
    nb.written(15, 4, """A citizen arrives at 15:10 on a working day with copies to certify and is upset that they
will not be ready today. In a few sentences, explain the rule to him politely and tell him exactly when to
come back.""", """
Chào anh. Tôi hiểu anh muốn có kết quả ngay hôm nay. Theo quy định về chứng thực (Nghị định 23/2015), hồ sơ
nhận sau 15 giờ được trả vào ngày làm việc tiếp theo, vì chúng tôi cần thời gian đối chiếu bản chính và ký.
Anh đến lúc 15 giờ 10 nên kết quả sẽ có vào sáng mai từ 7 giờ 30; nếu mai là thứ Bảy thì vào sáng thứ Hai.
Đây là giấy hẹn của anh. Anh có câu hỏi gì nữa không ạ? Cảm ơn anh.
""", """
| criterion | points |
|---|---|
| states the rule correctly: received after 15:00 -> next working day; 15:00 itself still counts today (Decree 23/2015, art. 7) | 1 |
| gives the exact return time, skipping weekends and holidays | 1 |
| respectful and empathetic tone, no blame | 1 |
| plain words, short sentences, offers a receipt or checks understanding | 1 |
""")
    return nb
