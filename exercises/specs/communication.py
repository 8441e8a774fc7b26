"""Spec of the ``communication`` assignment (build with ``python exercises/make_notebooks.py communication``)."""
from make_notebooks import POINTS, Notebook


def build():
    nb = Notebook("communication")
    nb.setup("from grading.checks import hint_reply\n"
             "import grading.course.communication  # the questions of this assignment")
    nb.md(f"""
# Talking with citizens at the Kim Boi centre

Since July 2025 the Kim Boi commune Public Administration Service Centre (Trung tâm Phục vụ hành chính công)
serves over 34,000 people. Most dossiers are now online, but many citizens are not used to technology: some
have no smartphone, some forgot their VNeID account or password. The centre's motto is
*"citizens' satisfaction is the measure"* (sự hài lòng của người dân là thước đo).

In this assignment you meet four citizens. For each question, type your answer on the prepared line, run
the cell, then run the check cell below it. A wrong answer only shows a hint: try again as often as you like.

{POINTS}

**How to type answers**: a letter between quotes, like `"b"`; several letters in square brackets, like
`["b", "a", "c"]` (order matters only when the question says *in order*); a short text between quotes.
Capital letters, spaces and Vietnamese accents do not matter.
""", "intro")

    nb.md("""
## 1. Bà Lan, 72 years old, no smartphone

Bà Lan comes to the centre to register the birth of her great-grandson. She says: *"Cháu ơi, bà không có
điện thoại thông minh. Bây giờ cái gì cũng phải làm trên mạng à?"* (I have no smartphone. Does everything
have to be done online now?)
""", "part-1")
    nb.question(1, "C1", 1, """Which reply is best?

- a) "Yes, everything is online now. Please come back with a smartphone."
- b) "Bà đừng lo (don't worry). You do not need a phone: our guidance desk will do it with you here on our
  computer. Do you have your citizen ID card (CCCD) with you?"
- c) "Please ask your grandchildren to do it at home for you."
- d) "Download the VNeID app and follow the instructions on the screen."
""", '""', '"b"', expected='"b"')
    nb.question(2, "C2", 1, """Where in the centre is she best served?

- a) the guidance desk, where a staff member submits the online dossier together with her
- b) the back office, where dossiers are processed
- c) the result pick-up counter
- d) the commune police
""", '""', '"a"', expected='"a"')
    nb.question(3, "C3", 2, """Put the guidance steps **in order** (a list of the five letters):

- a) check her citizen ID card and the papers she brought
- b) greet her, offer a seat and ask what she needs
- c) fill in the online form together on the centre's computer, reading each field aloud
- d) give her the receipt with the dossier code and the date her result will be ready
- e) scan the papers and attach them to the dossier
""", "[]", '["b", "a", "c", "e", "d"]', expected='["b", "a", "c", "e", "d"]')

    nb.md("""
## 2. Anh Hùng forgot his VNeID password

Anh Hùng wants to submit a dossier on the national public-service portal, which needs his VNeID (level 2)
account. He forgot his password and is embarrassed to say so.
""", "part-2")
    nb.question(4, "C4", 1, """Which reply is best?

- a) "That happens a lot. In the VNeID app, tap 'Quên mật khẩu' (forgot password): a code comes by SMS to the
  phone number you registered. If that number has changed, the commune police can update it."
- b) "Just create a new account."
- c) "VNeID is not our system; we cannot help you."
- d) "Tell me your password hints and I will try to log in for you."
""", '""', '"a"', expected='"a"')
    nb.question(5, "C5", 1, """In one or two words: what must an official **never** ask a citizen to tell them or
let them type? (English or Vietnamese)""", '""', '"password"', expected='"password"')
    nb.question(6, "C6", 2, """Put the steps to reset a VNeID password **in order**:

- a) open the VNeID app
- b) tap "Quên mật khẩu" (forgot password)
- c) enter the personal ID number and the registered phone number
- d) type the code (OTP) received by SMS
- e) choose a new password and keep it secret
""", "[]", '["a", "b", "c", "d", "e"]', expected='["a", "b", "c", "d", "e"]')

    nb.md("""
## 3. Chú Tâm is angry: his dossier is stuck

Chú Tâm submitted an online dossier ten days ago. The portal had a fault (lỗi hệ thống) and his dossier has
not moved since. He raises his voice at the counter.
""", "part-3")
    nb.question(7, "C7", 1, """What should you say first?

- a) "It is the portal's fault, not ours."
- b) "Calm down or I will call security."
- c) "I am sorry for the delay, and I understand this is frustrating. Let me look up your dossier now: do you
  have the dossier code?"
- d) "Please submit everything again from the beginning."
""", '""', '"c"', expected='"c"')
    nb.question(8, "C8", 2, """Which actions should you take? Choose **all** that apply (order does not matter):

- a) look up the dossier by its code and see at which step it is stuck
- b) report the portal fault to the technical support contact and the centre leader
- c) give him a realistic date and say how you will contact him
- d) promise it will be finished today, before checking anything
- e) tell him to complain somewhere else
- f) if the procedure allows it, receive a paper copy so the work can continue while the portal is fixed
""", "[]", '["a", "b", "c", "f"]', expected='["a", "b", "c", "f"]')
    nb.question(9, "C9", 1, """The centre's motto ends with "... is the measure". What is the measure? (a few
words, English or Vietnamese)""", '""', '"citizens\' satisfaction"', expected='"citizens\' satisfaction"')

    nb.md("""
## 4. Anh Minh and chị Hoa register their marriage

The couple ask: *"Can we get our marriage certificate today?"*
""", "part-4")
    nb.question(10, "C10", 1, """Which reply is best?

- a) "Yes, always today."
- b) "If your papers are complete and nothing needs to be verified, we register it today. If something must be
  verified, it can take up to 5 working days, and I will tell you the exact date."
- c) "Come back next month."
- d) "It depends."
""", '""', '"b"', expected='"b"')
    nb.question(11, "C11", 1, """Who must be present when the marriage is registered?

- a) either of them
- b) both of them
- c) their parents
- d) nobody: it is done online
""", '""', '"b"', expected='"b"')
    nb.question(12, "C12", 2, """Whenever a citizen is unhappy, put these five moves **in order**:

- a) listen without interrupting
- b) acknowledge the feeling and apologise for the trouble
- c) explain what happened, in plain words
- d) agree the next steps and a date
- e) follow up as promised
""", "[]", '["a", "b", "c", "d", "e"]', expected='["a", "b", "c", "d", "e"]')

    nb.md("""
## 5. Your own words
""", "part-5")
    nb.written(13, 6, """Write what you would say to **bà Lan** (part 1) to explain how her great-grandson's birth
will be registered today with the help of the guidance desk. Write it as you would speak it, in Vietnamese or
English, in the answer cell below (double-click it to type).""", """
Kính chào bà! Cháu là Thảo, cán bộ của Trung tâm. Bà không có điện thoại thông minh cũng không sao đâu ạ,
cháu hiểu là làm trên mạng thì lạ lắm, cháu sẽ làm cùng bà ngay ở đây.

1. Trước hết bà cho cháu xem căn cước công dân của bà và giấy chứng sinh của cháu bé.
2. Sau đó cháu điền tờ khai trên máy tính, cháu đọc to từng mục để bà nghe.
3. Cháu chụp giấy tờ và gửi hồ sơ.
4. Cuối cùng cháu đưa bà giấy hẹn có mã hồ sơ và ngày lấy kết quả.

Bà có muốn cháu nói lại chỗ nào không ạ? Cảm ơn bà, chúc bà nhiều sức khỏe!
""", """
One point for each of the six criteria (6 points):

| criterion | 1 point when the reply... |
|---|---|
| greeting | opens with a respectful greeting suited to her age (Kính chào bà / chào bà) and, ideally, introduces the official |
| empathy | reassures her: no smartphone is needed, her worry is understood |
| clear steps | gives the steps in order (papers, form filled in together, scan, receipt), one idea per step |
| plain language | uses short sentences and everyday words, no abbreviations (TTHC, DVC, CCCD without explanation) |
| checking understanding | asks whether she understood or wants anything repeated |
| closing | ends politely: thanks, wishes, and what happens next |
""", draft_helper="hint_reply")

    nb.md("""
## 6. When the equipment fails

On Wednesday afternoon both of the centre's scanners break down at 13:30 (scenario
`kim-boi-scanner-outage`); a technician will have them working again at about 15:30. Every paper dossier is
scanned when it is received, and ten citizens are waiting with their numbers.
""", "part-6")
    nb.question(14, "C13", 1, """What do you do first?

- a) keep calling numbers and let each citizen find out at the counter
- b) tell the waiting citizens what happened and when the scanners should work again, apologise, and offer
  either to receive their papers now with a receipt (scanned after the repair) or to come back with priority
- c) close the counters and send everybody home
- d) photograph the citizens' papers with your own phone instead
""", '""', '"b"', expected='"b"')
    return nb
