"""Spec of the ``paperwork`` assignment (build with ``python exercises/make_notebooks.py paperwork``)."""
from make_notebooks import HOW_TO_ANSWER, POINTS, Notebook


def build():
    nb = Notebook("paperwork")
    nb.setup("from grading.course.paperwork import rule  # the questions of this assignment")
    nb.md(f"""
# The counter's paperwork

Behind every conversation at the counter there is a paper the law asks for: the written guidance when a
dossier is incomplete, the refusal slip, the apology when a dossier will be late. The law also says where a
dossier may be received, who may act for a citizen, which papers an official may **not** ask for, and which
registrations are free. In this assignment you meet the citizens of the Kim Boi centre (Phú Thọ) again.

`rule("...")` shows a rule and where it comes from, for example `rule("one_time_guidance")`.

{POINTS}

{HOW_TO_ANSWER}
""", "intro")

    nb.md("## 1. An incomplete dossier, a refusal, a late dossier", "part-1")
    nb.question(1, "PW1", 1, """Anh Dũng brings a birth registration dossier: the hospital birth certificate is
missing and the declaration form is not signed. What do you do?

- a) ask for the birth certificate now, and for the signature when he comes back
- b) give him one written guidance (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ) listing everything missing
- c) refuse the dossier without writing anything
- d) accept it as it is and wait for him to notice
""", '""', '"b"', expected='"b"')
    nb.question(2, "PW2", 1, "How many times may the centre ask him to supplement the same dossier?", "None", "1",
                expected="1")
    nb.question(3, "PW3", 1, """A dossier is outside what the centre can receive and you must refuse it. What
does the refusal slip (Phiếu từ chối tiếp nhận giải quyết hồ sơ) give the citizen?

- a) nothing: a refusal is said aloud
- b) the name of the official only
- c) the reason for the refusal, in writing
- d) a new appointment
""", '""', '"c"', expected='"c"')
    nb.question(4, "PW4", 1, """Chú Tâm's online dossier is stuck by a fault on the public-service portal and
will not be ready by its due date. What does the centre send him before that date?

- a) a written apology with a new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả)
- b) nothing: the fault is the portal's, not the centre's
- c) a refusal slip, so that he submits again
- d) a phone call, with no date
""", '""', '"a"', expected='"a"')

    nb.md("## 2. Where, who and how", "part-2")
    nb.question(5, "PW5", 1, """Bà Hạnh lives in another commune of Phú Thọ province and asks Kim Boi to receive
her dossier. What do you do?

- a) receive it: since 1 July 2025 the centre receives dossiers from anywhere in the province
- b) send her to her own commune
- c) receive it only if she has a letter from her commune
""", '""', '"a"', expected='"a"')
    nb.question(6, "PW6", 1, """A couple who live in a neighbouring commune want to register their marriage at
Kim Boi, where the bride's parents live. What do you tell them?

- a) they must register where they live
- b) they may choose the civil-status office: you receive their dossier
- c) only the province can register it
""", '""', '"b"', expected='"b"')
    nb.question(7, "PW7", 2, """Which of these may **not** be done by an authorised person (người được ủy quyền),
so that the citizens concerned must come themselves? Choose all that apply.

- a) birth registration
- b) marriage registration
- c) death registration
- d) recognition of father, mother or child
- e) marital status confirmation
""", "[]", '["b", "d"]', expected='["b", "d"]')
    nb.question(8, "PW8", 1, """Ông Sơn, 80, has no level-2 VNeID account and wants to register his wife's death.
What do you do?

- a) tell him to come back after the commune police activate his account
- b) ask his grandson to submit it online at home
- c) receive his paper dossier at the counter; the centre digitises it
""", '""', '"c"', expected='"c"')

    nb.md("## 3. Papers you may not demand, and fees", "part-3")
    nb.question(9, "PW9", 2, """Which of these papers may an official **not** demand? Choose all that apply.

- a) a marital status confirmation from two Vietnamese citizens registering their marriage
- b) the parents' marriage certificate for the birth registration of their child
- c) the paper household registration book (sổ hộ khẩu)
- d) the hospital birth certificate for a birth registration
- e) the original document when certifying a copy of it
""", "[]", '["a", "b", "c"]', expected='["a", "b", "c"]')
    nb.question(10, "PW10", 2, """Which of these are **free** (miễn lệ phí)? Choose all that apply.

- a) a birth registered on time
- b) the marriage registration of two Vietnamese citizens living in Vietnam
- c) the certification of a copy
- d) a death registered on time
- e) the certification of a signature
""", "[]", '["a", "b", "d"]', expected='["a", "b", "d"]')
    nb.question(11, "PW11", 1, """A citizen of a poor household (hộ nghèo) registers a birth late. Is there a fee?

- a) no: civil-status registration is free for poor households
- b) yes: only on-time registration is free
""", '""', '"a"', expected='"a"')

    nb.md("## 4. Writing the apology", "part-4")
    nb.written(12, 4, """Chú Tâm's dossier (question 4) will be five working days late because of the portal
fault. Write the text of the apology and new appointment slip you give him: a few sentences, in Vietnamese or
English.""", """
Trung tâm Phục vụ hành chính công xã Kim Bôi trân trọng xin lỗi ông Tâm. Hồ sơ của ông (mã hồ sơ ...) hẹn trả
ngày 21/07/2025 nhưng chưa giải quyết kịp vì Cổng dịch vụ công gặp sự cố kỹ thuật. Trong thời gian chờ, chúng
tôi đã tiếp nhận bản giấy để tiếp tục xử lý. Trung tâm hẹn trả kết quả vào ngày 28/07/2025. Nếu cần, ông liên
hệ số điện thoại của Trung tâm ... Mong ông thông cảm.
""", """
| criterion | points |
|---|---|
| apologises in writing, in the centre's name, without blaming the citizen or hiding behind the portal | 1 |
| gives the reason plainly (the portal fault) and the dossier's code | 1 |
| gives a new date, counted in working days, and says what the centre does meanwhile | 1 |
| respectful form of address, plain words, and a contact for questions | 1 |
""")
    return nb
