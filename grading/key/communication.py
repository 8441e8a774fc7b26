"""Answer key of the ``communication`` assignment: judgements about good practice, written as values.

Accepted forms of the text items carry the reason a person marking by hand
would accept them (reviewed against the glossary in ``docs``/``DOMAIN.md``).
Text answers are compared without case, accents, apostrophes or a leading
article ("the", "a"), so "the citizens' satisfaction" = "citizens satisfaction".
"""
from grading.key import Key
from simulation.i18n import N_

KEYS = (
    Key("C1", "choice", "b",
        hint=N_("Choose the reply that reassures her, offers to do it with her here at the centre and asks what "
                "papers she brought.")),
    Key("C2", "choice", "a",
        hint=N_("Think of the place in the centre where staff sit with citizens and do the online steps with them.")),
    Key("C3", "order", ["b", "a", "c", "e", "d"],
        accept=(["b", "a", "e", "c", "d"],),  # scanning before or after filling in the form are both sound
        hint=N_("Start with the person, then the papers; the receipt comes last.")),
    Key("C4", "choice", "a",
        hint=N_("Pick the reply that lets him reset the password himself and says where to go if that fails.")),
    Key("C5", "text", "password", accept=(
        ("mật khẩu", "the Vietnamese word"),
        ("mk", "the everyday abbreviation of mật khẩu"),
        ("pass", "everyday short form of password"),
        ("his password", "with a possessive"),
        ("mật khẩu VNeID", "names the account"),
        ("VNeID password", "names the account"),
        ("password VNeID", "names the account, word order as in Vietnamese"),
        ("password and OTP", "both secrets"),
        ("OTP", "the one-time code is as secret as the password (issue 14)"),
        ("mã OTP", "the one-time code, in Vietnamese"),
        ("OTP code", "the one-time code"),
        ("mã xác thực", "the verification code, in Vietnamese"),
        ("mật khẩu và mã OTP", "both secrets, in Vietnamese"),
    ), hint=N_("It is the secret he uses to log in: only he may type it.")),
    Key("C6", "order", ["a", "b", "c", "d", "e"],
        hint=N_("Open the app first; the code sent by SMS comes before the new password.")),
    Key("C7", "choice", "c",
        hint=N_("The best first words acknowledge the problem and move to action, without blaming anyone.")),
    Key("C8", "set", ["a", "b", "c", "f"],
        hint=N_("Keep the actions that find the dossier, fix the cause and keep the citizen informed; "
                "drop promises you cannot check.")),
    Key("C9", "text", "citizens' satisfaction", accept=(
        ("citizen satisfaction", "singular, same meaning"),
        ("citizen's satisfaction", "singular possessive"),
        ("satisfaction of citizens", "reworded"),
        ("satisfaction of the citizens", "reworded, with the article"),
        ("people's satisfaction", "Nhân dân translated as people"),
        ("satisfaction of the people", "reworded"),
        ("the people's satisfaction", "with the article"),
        ("satisfaction", "the key word of the motto"),
        ("sự hài lòng của người dân", "the motto in Vietnamese"),
        ("hài lòng của người dân", "the motto without sự"),
        ("người dân hài lòng", "the same idea, verb form"),
        ("sự hài lòng của Nhân dân", "the official capitalised Nhân dân (issue 14)"),
        ("sự hài lòng của nhân dân", "as above, lower case"),
        ("nhân dân hài lòng", "verb form with Nhân dân"),
        ("sự hài lòng", "the key word of the motto in Vietnamese"),
        ("hài lòng", "the key word, without sự"),
    ), hint=N_("Re-read the introduction: the motto says what the measure of the centre's work is.")),
    Key("C10", "choice", "b",
        hint=N_("The honest reply gives the usual case and the exception, with the reason and a date.")),
    Key("C11", "choice", "b", hint=N_("Marriage is registered in the presence of the couple.")),
    Key("C12", "order", ["a", "b", "c", "d", "e"],
        hint=N_("Listen before you speak; promise only after you explain; follow-up is last.")),
    Key("C13", "choice", "b",
        hint=N_("Tell people early and honestly, give a time, and offer a way that does not waste their visit; "
                "citizens' papers never go on a personal phone.")),
)
