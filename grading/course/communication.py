"""Communication with citizens: the ``communication`` assignment has no data and no helpers.

The four citizens come from the Kim Boi story: an elderly woman with no
smartphone, a man who forgot his VNeID password, a citizen angry about a
dossier stuck by a portal fault, and a couple registering their marriage. The
answers are judgements about good practice; their key is trainer-side
(``grading.key.communication``). The written reply is marked by a trainer
(``grading.course.replies.hint_reply`` only gives hints).
"""
