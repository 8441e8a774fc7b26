"""Communication with citizens: the graded items of the ``communication`` assignment.

The four citizens come from the Kim Boi story (see docs/DOMAIN notes): an
elderly woman with no smartphone, a man who forgot his VNeID password, a
citizen angry about a dossier stuck by a portal fault, and a couple
registering their marriage. The answers are judgements about good practice,
so they are written here as values; the written reply is marked by a trainer
(``grading.checks.hint_reply`` only gives hints).
"""
from grading.checks import Item, register

ITEMS = tuple(register(item) for item in (
    Item("C1", "choice", "b", example='"b"',
         hint="Choose the reply that says yes, offers help at the centre and tells her what to bring."),
    Item("C2", "choice", "a", example='"a"',
         hint="Think of the place in the centre where staff sit with citizens and do the online steps with them."),
    Item("C3", "order", ["b", "a", "c", "e", "d"], example='["b", "a", "c", "e", "d"]',
         hint="Start with the person, then the papers; the receipt comes last."),
    Item("C4", "choice", "a", example='"a"',
         hint="Pick the reply that lets him reset the password himself and says where to go if that fails."),
    Item("C5", "text", "password", accept=("mat khau", "the password", "his password", "mat khau vneid",
                                           "vneid password", "password vneid"),
         example='"password"', hint="It is the secret word he uses to log in: only he may type it."),
    Item("C6", "order", ["a", "b", "c", "d", "e"], example='["a", "b", "c", "d", "e"]',
         hint="Open the app first; the code sent by SMS comes before the new password."),
    Item("C7", "choice", "c", example='"c"',
         hint="The best first words acknowledge the problem and move to action, without blaming anyone."),
    Item("C8", "set", ["a", "b", "c", "f"], example='["a", "c"]',
         hint="Keep the actions that find the dossier, fix the cause and keep the citizen informed; "
              "drop promises you cannot check."),
    Item("C9", "text", "citizens' satisfaction",
         accept=("citizen satisfaction", "citizens satisfaction", "satisfaction of citizens",
                 "the satisfaction of citizens", "su hai long cua nguoi dan", "hai long cua nguoi dan",
                 "su hai long", "satisfaction", "people's satisfaction", "peoples satisfaction"),
         example='"..."', hint="Re-read the introduction: the motto says what the measure of the centre's work is."),
    Item("C10", "choice", "b", example='"b"',
         hint="The honest reply gives the usual case and the exception, with the reason and a date."),
    Item("C11", "choice", "b", example='"b"', hint="Marriage is registered in the presence of the couple."),
    Item("C12", "order", ["a", "b", "c", "d", "e"], example='["a", "b", "c", "d", "e"]',
         hint="Listen before you speak; promise only after you explain; follow-up is last."),
    Item("C13", "choice", "b", example='"b"',
         hint="Tell people early and honestly, give a time, and offer a way that does not waste their visit; "
              "citizens' papers never go on a personal phone."),
))
