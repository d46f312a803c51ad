"""Contractions typed without their apostrophe: "dont", "im", "youre", "Id like".

People typing a chat or a quick e-mail often leave the apostrophe out, and the catalogue's
phrases are written with it: on the catalogue's own examples, 36 % of those holding an
apostrophe were no longer found with it left out. The analysis reads a copy of the turn with
each missing apostrophe put back (``marks.as_meant``) and maps every finding onto the words
as typed.

Only spellings that are never another word come back wherever they stand ("dont", "youre",
"thats", "everyones"). Seven are words too ("ill", "id", "well", "wed", "lets", "its",
"were"): each comes back only where the words around it are the contraction's, never the
word's ("Ill send it", "so well need a week", "lets talk", "its a deal", "were not a fit";
not "its price", "it lets you", "a well run team", "might as well be", "we were going").
"hell", "shell", "shed" and a noun's "s" ("the answers no") stay as typed.
"""

from __future__ import annotations

import re

# Each spelling, by where its apostrophe goes.
_ALWAYS: dict[str, int] = {
    word: at
    for at, words in (
        (1, "im ive"),
        (2, "weve itll itd hes shes"),
        (3, "dont cant wont aint isnt youre youve youll youd whos hows"),
        (4, "didnt arent wasnt hasnt hadnt theyre theyve theyll theyd thats whats heres thatll"),
        (5, "doesnt werent havent mustnt neednt theres wheres couldve wouldve mightve"),
        (6, "couldnt wouldnt shouldve"),
        (7, "shouldnt"),
    )
    for word in words.split()
}
# A pronoun with "s" is never a plural: "everyones", "whatevers" ("everyone's").
_PRONOUNS_WITH_S = "everyones everybodys someones somebodys nobodys anyones anybodys whatevers"
_ALWAYS.update((word, len(word) - 1) for word in f"{_PRONOUNS_WITH_S} nows".split())
# Words of their own that are also a contraction typed bare: each comes back only where what
# follows is what follows the contraction, never the word ("Ill send it", "lets talk", "its
# a deal"; not "its price", "lets you", "well run").
_VERB = (
    "be|do|send|get|have|need|make|see|take|give|try|call|follow|talk|go|keep|let|look|sort|"
    "figure|work|start|bring|share|email|e-mail|check|ask|write|pass|find|like|love|want|"
    "rather|say|suggest|recommend|appreciate|imagine|guess|hate|prefer|meet|chat|discuss|move|"
    "focus|schedule|book|plan|agree|walk|show|help|throw|include|waive|cover|match|drop|split|"
    "reach|circle|loop|ping|refund|end|fill|hold|text|update|sign|pay|review|add|handle|deal|"
    "tell|think|come|stop|leave|wait|finish|confirm|arrange|draft|prepare|note|pick|take|"
    "probably|definitely|certainly|gladly|happily|also|never|always|just|still|both|all"
)
# What may stand before a contraction that opens its clause, read backwards from it: the
# turn's start, a stop or a comma, or a word that opens a clause ("so well need", "if were
# not a fit").
_OPENER_BEFORE = re.compile(
    r"(?:^|[,;:.!?]\s?|(?:^|[^\w'’])(?:so|but|if|then|while|when|once|unless|because|cause|"
    r"since|now|oh|ok|okay|yes|yeah|honestly|actually|think|guess|hope|sure|maybe|perhaps|"
    r"promise|and|or|otherwise|know|say|mean|hey|no|well|nope|come on) )$"
)
_OPENER_REACH = 12  # characters before a word within which its opener must lie
_AFTER_IS = (
    "a|an|the|not|just|so|too|very|really|been|going|getting|about|fine|ok|okay|great|good|"
    "true|hard|easy|worth|like|over|that|because|no|never|always|still|already|probably|"
    "definitely|actually|honestly|pretty|quite|super|totally|completely|entirely|simply|"
    "basically|literally|time|high|important|possible|free|cheap|expensive|nice|difficult|"
    "tough|clear|obvious|my|your|our|their|his|her|what|all|up|in|on|at|for|alright|"
    "nothing|something|everything|one|two|three|four|five|ten|twenty|fifty|hundred|only|"
    "half|less|more|much|better|best|worse|crazy|silly|fair|safe|late|early|done|"
    "gonna|almost|nearly|exactly|certainly|surely|simple|right|wrong|\\$"
)
_AFTER_ARE = (
    "not|just|so|really|very|basically|almost|nearly|still|now|all|here|happy|glad|sorry|"
    "excited|ready|able|open|interested|committed|only|also|definitely|probably|always|never|"
    "good|fine|ok|okay|on|in|at|a|an|the|pretty|quite|\\w+ing"
)
# Each word that is also a contraction: where its apostrophe goes, what must follow it, and
# whether it must open its clause.
_CONTEXTUAL: dict[str, tuple[int, re.Pattern[str], bool]] = {
    # "ill" also opens its clause: "I was ill all week" is no "I'll".
    "ill": (1, re.compile(f" (?:{_VERB}|put|run|set|cut|read)\\b"), True),
    "id": (1, re.compile(f" (?:{_VERB}|put|run|set|cut|read)\\b"), False),
    "wed": (2, re.compile(f" (?:{_VERB}|put|run|set|cut|read)\\b"), False),
    # "Okay, well tell me" and "well let me see" are the word: "we'll" never does it to "me".
    "well": (2, re.compile(f" (?:{_VERB})\\b(?! (?:me|us|myself)\\b)"), True),
    "lets": (3, re.compile(f" (?:{_VERB})\\b"), True),
    "its": (2, re.compile(f" (?:{_AFTER_IS})(?![\\w'’])"), True),
    "were": (2, re.compile(f" (?:{_AFTER_ARE})(?![\\w'’])"), True),
}
# Every candidate word, whole, and as a turn split at its spaces holds it: most turns hold
# none, and a set lookup of their words rules that out at a fifth of the cost of a search.
_WORDS = (*_ALWAYS, *_CONTEXTUAL)
_CANDIDATE = re.compile(
    r"(?<![\w'’])(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?![\w'’])"
)
_TOKENS = frozenset(
    {
        f"{before}{word}{after}"
        for word in _ALWAYS
        for before in ("", '"', "(", "*")
        for after in ("", ",", ".", "?", "!", ";", ":", "...", "…", '"', ")", "*", "-", ".)")
    }
    # A word that is also a contraction is one only with a verb after it, so never with a
    # mark after it ("well," is never "we'll"): a third of turns hold "well", "were" or "its".
    | {f"{before}{word}" for word in _CONTEXTUAL for before in ("", '"', "(", "*")}
)


def missing(low: str) -> list[int]:
    """Where an apostrophe was left out of a contraction in ``low`` (a lower-cased turn):
    the index of the character it goes before, in order.

    >>> missing("i dont think im ready")
    [5, 14]
    >>> missing("it went well, thanks")
    []
    """
    found: list[int] = []
    if _TOKENS.isdisjoint(low.split()):
        return found
    for hit in _CANDIDATE.finditer(low):
        word = hit.group()
        at = _ALWAYS.get(word)
        if at is None:
            at, after, opens = _CONTEXTUAL[word]
            if after.match(low, hit.end()) is None:
                continue
            start = hit.start()
            if opens and (
                _OPENER_BEFORE.search(low, max(0, start - _OPENER_REACH), start) is None
                or low.endswith("as ", 0, start)
            ):
                continue
        found.append(hit.start() + at)
    return found
