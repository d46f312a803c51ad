"""What an analysis cannot judge, said plainly: little evidence, one side, no English words.

The scores of a call with two findings are near neutral because nothing was seen, not
because the call was neutral; a reader must be told so, not left to read 3.0 as a verdict.
"""

from __future__ import annotations

import re

import re2

from trustworks.analysis.result import Analysis
from trustworks.conversation import Role
from trustworks.signals.matcher import fast_form, set_match

LITTLE_EVIDENCE = 3  # findings below which the scores say little about the call
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+")
# The commonest English words: a text with words but almost none of these is not English.
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "this",
        "that",
        "you",
        "your",
        "we",
        "our",
        "i",
        "me",
        "my",
        "they",
        "them",
        "he",
        "she",
        "not",
        "no",
        "yes",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "can",
        "will",
        "would",
        "what",
        "how",
        "why",
        "so",
        "if",
        "just",
        "about",
        "from",
        "there",
        "here",
        "all",
    ]
)


# Common function words of the languages a team is most likely to paste instead (Spanish,
# German, French, Italian, Portuguese, Dutch), none of them an English word.
_FOREIGN_WORDS = (
    "el la los las del que y es un una por para con como pero muy está usted nuestra "
    "nuestro gracias hola qué señor der das und ist nicht ein eine ich sie wie ihnen "
    "unser unsere kein keine danke nein mit auf für wir le les et est pas une je vous "
    "nous avec pour mais très merci bonjour della che di sono grazie questo "
    "nosso nossa obrigado não você het een niet ik wij dank"
)
_FOREIGN = frozenset(_FOREIGN_WORDS.split())
# In lower-cased ASCII text, whose words are its runs of a to z (so only such words count):
# whether a foreign word is one of them (RE2 scans once, where an alternation in Python's re
# is tried at every character; a set of one pattern answers in half a search's time, building
# no match), and the first English word, which most turns hold early.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_ASCII_FOREIGN = "|".join(sorted(w for w in _FOREIGN if _ASCII_WORD.fullmatch(w)))
_ANY_ASCII_FOREIGN = re2.Set.SearchSet(_RE2_OPTIONS)
_ANY_ASCII_FOREIGN.Add(f"(?:^|[^a-z])(?:{_ASCII_FOREIGN})(?:[^a-z]|$)")
_ANY_ASCII_FOREIGN.Compile()
_ASCII_FOREIGN_IN = set_match(_ANY_ASCII_FOREIGN)
_ASCII_ENGLISH = "|".join(sorted(w for w in _ENGLISH if _ASCII_WORD.fullmatch(w)))
_ANY_ENGLISH = re.compile(fast_form(f"(?<![a-z])(?:{_ASCII_ENGLISH})(?![a-z])"))


def reads_as_english(text: str) -> bool:
    """Whether a turn has English function words and no more of another language's."""
    if text.isascii():  # the letters of lower-cased ASCII are a to z: the same words, sooner
        lowered = text.lower()
        # With no foreign word, the counts come to whether there is an English one.
        if not _ASCII_FOREIGN_IN(lowered.encode()):
            return _ANY_ENGLISH.search(lowered) is not None
        words = _ASCII_WORD.findall(lowered)
    else:
        words = [w.lower() for w in _WORD.findall(text)]
    english = sum(map(_ENGLISH.__contains__, words))
    return english > 0 and sum(map(_FOREIGN.__contains__, words)) <= english


def analysis_notes(analysis: Analysis) -> list[str]:
    """Plain sentences on what this analysis could not judge (empty when it could)."""
    turns = analysis.conversation.turns
    words = [w.lower() for t in turns for w in _WORD.findall(t.text)]
    notes: list[str] = []
    if not words:
        return ["No words to read (only numbers, symbols or emoji): nothing could be judged."]
    english = sum(w in _ENGLISH for w in words) / len(words)
    foreign = sum(w in _FOREIGN for w in words) / len(words)
    # Terse English notes ("Budget approved. Timeline Q3.") have few English function words
    # but none of another language's: only the other language's words say "not English".
    if len(words) >= 6 and foreign >= 0.15 and foreign > english:
        notes.append(
            "This does not read as English; the catalogue and the model understand English "
            "only, so no finding here should be expected and the scores say nothing."
        )
    roles = {t.role for t in turns}
    if Role.CLIENT not in roles:
        notes.append(
            "Only the seller's side is here: listening, pouncing and answers to the client "
            "cannot be judged."
        )
    elif Role.SELLER not in roles:
        notes.append("The seller never speaks here: there is nothing of theirs to judge.")
    found = len(analysis.findings)
    if found < LITTLE_EVIDENCE:
        notes.append(
            f"Little evidence: {found} finding{'' if found == 1 else 's'} in {len(words)} "
            "words, so the scores stay near the neutral middle and say little about this call."
        )
    return notes
