"""How many findings survive a change of transcription style, with no labels needed.

The same conversations are read as they were written and as another tool or typist would have
written them: every sentence opening with "um,", curly apostrophes, no apostrophes, no commas,
no stops (only question marks kept), no punctuation at all, all lower case; and as a chat is
typed ("u" for "you", "thx", "lol", "??", no space after a stop); with near-synonyms; and with
each long seller turn cut by the client's "Mm-hmm.", as call transcripts cut turns, or each
sentence sent as a message of its own. A finding
is kept when the restyled conversation has the same signal on the same turn (the turn its
words came from). Conversations nobody on
the project wrote come in every one of these styles, so a reading that a style loses is one
the analyzer will miss on someone else's transcripts.

    python scripts/style_robustness.py                      # the shipped read sets
    python scripts/style_robustness.py --annotations /tmp/sales_set3/annotations.toml
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from trustworks.analysis import analyze
from trustworks.conversation import Conversation, Turn
from trustworks.evaluate.outside.annotations import (
    AnnotationSet,
    load_annotations,
    load_shipped_set,
)

# The sets read while changing the analyzer; the blind ones are left out.
READ_SETS = tuple(f"outside{n}" for n in ("", "2", "3", "4", "5", "7", "8", "9", "10", "11"))
_SENTENCE_START = re.compile(r"(^|[.?!]\s+)(\w)")

# The same words with and without their contractions, as one speaker or another says them.
_CONTRACTED = {
    "I am": "I'm",
    "I will": "I'll",
    "I would": "I'd",
    "we are": "we're",
    "we will": "we'll",
    "you are": "you're",
    "you will": "you'll",
    "they are": "they're",
    "it is": "it's",
    "that is": "that's",
    "there is": "there's",
    "do not": "don't",
    "does not": "doesn't",
    "did not": "didn't",
    "is not": "isn't",
    "are not": "aren't",
    "cannot": "can't",
    "will not": "won't",
    "would not": "wouldn't",
}
_EXPAND = re.compile(
    r"\b(" + "|".join(re.escape(c) for c in _CONTRACTED.values()) + r")\b", re.IGNORECASE
)
_CONTRACT = re.compile(r"\b(" + "|".join(map(re.escape, _CONTRACTED)) + r")\b", re.IGNORECASE)
_FULL = {short.lower(): full for full, short in _CONTRACTED.items()}
_SHORT = {full.lower(): short for full, short in _CONTRACTED.items()}


def _cased(said: str, new: str) -> str:
    """``new`` with the first letter's case of ``said``."""
    return (new[0].upper() if said[0].isupper() else new[0].lower()) + new[1:]


def _third_word(sentence: re.Match[str]) -> str:
    """ ", you know," after the third word of a sentence of eight words or more."""
    words = sentence.group().split(" ")
    if len(words) < 8:
        return sentence.group()
    return " ".join([*words[:2], words[2].rstrip(",") + ",", "you know,", *words[3:]])


_NUMBER_WORDS = re.findall(
    r"\w+",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
)


def _in_words(number: re.Match[str]) -> str:
    """A count from 0 to 20 in words, as a speaker says it ("2 food" is "two food")."""
    value = int(number.group())
    return _NUMBER_WORDS[value] if value < len(_NUMBER_WORDS) else number.group()


_CHAT = {"you": "u", "your": "ur", "you're": "ur"}
_CHAT_YOU = re.compile(r"\b(?:you're|you|your)\b(?!')", re.IGNORECASE)
_THX_FOR = {"thanks": "thx", "please": "pls", "because": "bc"}
_THX = re.compile(r"\b(?:thanks|please|because)\b", re.IGNORECASE)


# Each swap keeps the sentence grammatical: "help" only as a verb before its object, "need"
# not before "to" ("you require to" is no English).
_NEAR = re.compile(
    r"\b(?:help(?P<help>s|ed|ing)?(?= (?:you|us|them|him|her|me|with|out|your))|really|happy|"
    r"worried|team|need(?P<need>s|ed)?(?! to\b))\b",
    re.IGNORECASE,
)
_NEAR_WORDS = {"really": "truly", "happy": "glad", "worried": "concerned", "team": "staff"}


def _near(hit: re.Match[str]) -> str:
    word = hit.group().lower()
    if word.startswith("help"):
        return "assist" + (hit.group("help") or "")
    if word.startswith("need"):
        return "require" + {"s": "s", "ed": "d"}.get(hit.group("need") or "", "")
    return _NEAR_WORDS[word]


_SENTENCE_OPENING = re.compile(r"(^|(?<=[.!?])\s+)([A-Z])")


# Words that only take the floor, alternated (by where the sentence starts) so both are read.
_MARKER_FOR = ("Well,", "Look,")

STYLES: dict[str, Callable[[str], str]] = {
    "fillers": lambda t: _SENTENCE_START.sub(lambda m: f"{m.group(1)}um, {m.group(2)}", t),
    "curly apostrophes": lambda t: t.replace("'", "\u2019"),
    "no apostrophes": lambda t: t.replace("'", ""),
    "no commas": lambda t: t.replace(",", ""),
    "no stops": lambda t: re.sub(r"[.!]+(\s|$)", r"\1", t),
    "no punctuation": lambda t: re.sub(r"[.,!?;:]+", "", t),
    "no question marks": lambda t: re.sub(r"\?+", "", t),
    "lower case": str.lower,
    "contractions spelt out": lambda t: _EXPAND.sub(
        lambda m: _cased(m.group(), _FULL[m.group().lower().replace("\u2019", "'")]), t
    ),
    "contractions made": lambda t: _CONTRACT.sub(
        lambda m: _cased(m.group(), _SHORT[m.group().lower()]), t
    ),
    "'you know' inside": lambda t: re.sub(r"[^.?!]+[.?!]?", _third_word, t),
    "counts in words": lambda t: re.sub(r"(?<![\d$£€.,:/])\b\d{1,2}\b(?![\d.,:/%])", _in_words, t),
    "dashes for commas": lambda t: t.replace(", ", " - "),
    "a note after the first sentence": lambda t: re.sub(
        r"([.?!])(\s+)", r"\1 [laughs]\2", t, count=1
    ),
    "an emoji for the first stop": lambda t: re.sub(r"\.(\s)", " \U0001f642\\1", t, count=1),
    "a name first": lambda t: re.sub(r"^(\W*)(\w)", lambda m: f"{m.group(1)}Sam, {m.group(2)}", t),
    # As typed in a chat or a text message.
    "u for you": lambda t: _CHAT_YOU.sub(lambda m: _cased(m.group(), _CHAT[m.group().lower()]), t),
    "thx and pls": lambda t: _THX.sub(lambda m: _cased(m.group(), _THX_FOR[m.group().lower()]), t),
    "doubled marks": lambda t: re.sub(r"([!?])", r"\1\1", re.sub(r"(?<!\.)\.(\s|$)", r"!\1", t)),
    "lol after the first sentence": lambda t: re.sub(r"([.?!])(\s|$)", r"\1 lol\2", t, count=1),
    "no space after a stop": lambda t: re.sub(r"(?<=[a-z])([.?!])\s+(?=[A-Z])", r"\1", t),
    "'and' opening each sentence": lambda t: _SENTENCE_OPENING.sub(
        lambda m: f"{m.group(1)}And {m.group(2).lower()}", t
    ),
    "'well,' or 'look,' opening each sentence": lambda t: _SENTENCE_OPENING.sub(
        lambda m: f"{m.group(1)}{_MARKER_FOR[m.start(2) % 2]} {m.group(2).lower()}", t
    ),
    "'honestly,' opening each sentence": lambda t: _SENTENCE_OPENING.sub(
        lambda m: f"{m.group(1)}Honestly, {m.group(2).lower()}", t
    ),
    # A price written another way: "$40,000" as "40k", "$40" as "USD 40".
    "thousands as k": lambda t: re.sub(r"\$(\d{1,3}),000\b", r"\1k", t),
    "the currency's code first": lambda t: re.sub(r"\$(\d[\d,]*(?:\.\d+)?)", r"USD \1", t),
    # Another word for the same thing: "assist" for "help", "truly" for "really"...
    "near-synonyms": lambda t: _NEAR.sub(lambda m: _cased(m.group(), _near(m)), t),
}


def _found(conversation: Conversation, seller: list[str]) -> set[tuple[int, str]]:
    analysis = analyze(conversation, seller)
    return {(f.turn, f.signal) for f in analysis.findings if f.confidence >= 0.5}


def restyled(conversation: Conversation, style: Callable[[str], str]) -> Conversation:
    """The conversation with every turn's words restyled, speakers and times kept."""
    return Conversation(
        turns=tuple(
            Turn(speaker=t.speaker, text=style(t.text), start=t.start, end=t.end)
            for t in conversation.turns
        )
    )


# A style of the turns rather than their words: a call transcript cuts a speaker's turn
# wherever the listener says "mm-hmm".
CUT_BY_A_CONTINUER = "a client's mm-hmm inside"
_SECOND_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def cut_by_a_continuer(
    conversation: Conversation, seller: list[str]
) -> tuple[Conversation, list[int]]:
    """Each seller turn of two sentences or more cut after its first by the client's
    "Mm-hmm.", and which turn as written each turn comes from (-1 for the sounds)."""
    clients = [t.speaker for t in conversation.turns if t.speaker not in seller]
    turns: list[Turn] = []
    came_from: list[int] = []
    for index, turn in enumerate(conversation.turns):
        parts = _SECOND_SENTENCE.split(turn.text, maxsplit=1)
        if clients and turn.speaker in seller and len(parts) == 2 and len(parts[1]) > 20:
            turns += [
                Turn(speaker=turn.speaker, text=parts[0]),
                Turn(speaker=clients[0], text="Mm-hmm."),
                Turn(speaker=turn.speaker, text=parts[1]),
            ]
            came_from += [index, -1, index]
        else:
            turns.append(turn)
            came_from.append(index)
    return Conversation(turns=tuple(turns)), came_from


def sent_a_sentence_at_a_time(
    conversation: Conversation, seller: list[str]
) -> tuple[Conversation, list[int]]:
    """Each turn sent as a message a sentence, as a chat is typed, and which turn as written
    each message comes from."""
    turns: list[Turn] = []
    came_from: list[int] = []
    for index, turn in enumerate(conversation.turns):
        for sentence in _SECOND_SENTENCE.split(turn.text):
            turns.append(Turn(speaker=turn.speaker, text=sentence))
            came_from.append(index)
    return Conversation(turns=tuple(turns)), came_from


SENT_A_SENTENCE_AT_A_TIME = "a message a sentence"
TURN_STYLES: dict[str, Callable[[Conversation, list[str]], tuple[Conversation, list[int]]]] = {
    CUT_BY_A_CONTINUER: cut_by_a_continuer,
    SENT_A_SENTENCE_AT_A_TIME: sent_a_sentence_at_a_time,
}


def measure(sets: list[AnnotationSet]) -> tuple[int, dict[str, tuple[int, Counter[str]]]]:
    """Findings as written, and per style how many are kept and which signals are lost."""
    total = 0
    names = [*STYLES, *TURN_STYLES]
    kept: dict[str, tuple[int, Counter[str]]] = {name: (0, Counter()) for name in names}
    for annotated in sets:
        for item in annotated.conversations:
            seller = list(item.seller)
            base = _found(item.conversation, seller)
            total += len(base)
            for name in names:
                if name in TURN_STYLES:
                    cut, came_from = TURN_STYLES[name](item.conversation, seller)
                    got = {(came_from[turn], signal) for turn, signal in _found(cut, seller)}
                else:
                    got = _found(restyled(item.conversation, STYLES[name]), seller)
                count, lost = kept[name]
                lost.update(signal for _, signal in base - got)
                kept[name] = (count + len(base & got), lost)
    return total, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, action="append", default=[])
    args = parser.parse_args()
    sets = [load_shipped_set(name) for name in READ_SETS]
    sets += [load_annotations(path) for path in args.annotations]
    total, kept = measure(sets)
    print(f"{total} findings shown as written")
    for name, (count, lost) in kept.items():
        most = ", ".join(f"{signal} {n}" for signal, n in lost.most_common(3))
        print(f"  {name:18s} {count / total:6.1%} kept   most lost: {most or '-'}")


if __name__ == "__main__":
    main()
