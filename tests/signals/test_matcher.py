from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustworks.sentences import INNER_CUT
from trustworks.signals import Matcher, default_catalogue, required_literals
from trustworks.signals.matcher import (
    _RE2_UNLIKE,
    CaseFree,
    Gated,
    Gates,
    _number_end,
    ascii_lower,
    fast_form,
    fold,
    literal_led,
    re2_reads_alike,
    requirement_sets,
    starts_with,
    weak_requirement,
    without_lookarounds,
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bthanks? for your time\b", {"thank for your time", "thanks for your time"}),
        (r"what (keeps you up|matters most)", {"what keeps you up", "what matters most"}),
        (r"\b(i|we)'ll send\b", {"i'll send", "we'll send"}),
        (r"[$€£]\s?\d", {"$", "€", "£"}),
        (r"\bthe (price|cost)", {"the price", "the cost"}),
        (r"\w+\s\w+", None),
        (r"\b(it|is) (a|an)\b", None),  # only common words: filtering on them saves nothing
        # The text a lookbehind requires runs on into what follows: "cash now", not "now",
        # which "know" holds.
        (r"(?<=cash )now\b", {"cash now"}),
        (
            r"(?:(?<=cash )|(?<=card ))(?:now|today)",
            {"cash now", "cash today", "card now", "card today"},
        ),
        # An optional opening adds no variant: "and firm" holds "firm".
        (r"(?:and |but )?(?:firm|final)\b", {"firm", "final"}),
        # Nor a longer form of a word the set has: "maximum" holds "max".
        (r"\b(?:max|maximum|tops)\b", {"max", "tops"}),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected


def test_requirement_sets_a_lookbehind_overlaps_what_comes_before_it() -> None:
    # "quick(?<=k) reply" matches "quick reply": the lookbehind's "k" is the last letter
    # of "quick", so the literals are "quick" and "k reply", never "quickk reply".
    sets = requirement_sets(r"quick(?<=k) reply")
    assert frozenset({"k reply"}) in sets
    assert all("quickk reply" not in literals for literals in sets)
    assert re.search(r"quick(?<=k) reply", "a quick reply")


def _sentences(folded: str) -> list[tuple[int, int]]:
    """Where each sentence starts and ends, as the matcher cuts them (punctuation kept)."""
    spans, start = [], 0
    for cut in INNER_CUT.finditer(folded):
        spans.append((start, cut.end() - 1))
        start = cut.end()
    return [*spans, (start, len(folded))]


@cache
def _seller_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every seller-side pattern of the catalogue, compiled by Python's regex engine once: its
    own cache holds 512 and the catalogue has more, so compiling them for each example
    recompiled every one of them every time (about a third of a second an example)."""
    catalogue = default_catalogue()
    return tuple(
        (rule.id, re.compile(pattern, re.IGNORECASE))
        for rule in [
            *(s for s in catalogue.signals if s.patterns and s.speaker != "client"),
            *(c for c in catalogue.cues if c.speaker != "client"),
        ]
        for pattern in rule.patterns
    )


def _brute_force(text: str) -> set[tuple[str, int, int]]:
    """Every pattern run over each sentence on its own, with Python's own regex engine, a match
    ending inside a number read to the number's end.

    A match stays inside its sentence, but a lookahead may read on past it, as the matcher's
    do: "seriously?" is contempt, except before "That's awful"."""
    folded = fold(text)
    sentences = _sentences(folded)
    hits = set()
    for rule, compiled in _seller_patterns():
        for left, right in sentences:
            for m in compiled.finditer(folded, left, right):
                if m.start() == m.end():
                    continue
                # Not a match once its lookaheads see the rest of the text.
                if compiled.match(folded, m.start()) is None:
                    continue
                # A match that stops inside a number is read to its end, as the matcher does.
                hits.add((rule, m.start(), _number_end(folded, m.end())))
    return hits


def test_a_match_that_would_run_into_the_next_sentence_ends_at_its_punctuation() -> None:
    text = "It's £85,000. 1,200 of that is setup."
    found = {(m.rule, m.text) for m in _MATCHER.find(text)}
    assert ("price_figure", "£85,000") in found
    assert all(". " not in m.text for m in _MATCHER.find(text))


_SELLER_RULES = [
    *(s for s in default_catalogue().signals if s.patterns and s.speaker != "client"),
    *(c for c in default_catalogue().cues if c.speaker != "client"),
]
_MATCHER = Matcher(_SELLER_RULES)
_WORDS = sorted({w for r in _SELLER_RULES for e in r.examples for w in e.split()})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
def test_matcher_prefilter_never_loses_a_match(words: list[str]) -> None:
    text = " ".join(words)
    found = {(m.rule, m.start, m.end) for m in _MATCHER.find(text)}
    expected = _brute_force(text)
    # The matcher may drop hits an exclusion cancels or that overlap a longer hit of the
    # same rule; it must never find one the patterns don't, nor miss a rule entirely.
    assert found <= expected
    excluded = {r.id for r in _SELLER_RULES if r.exclude}
    assert {r for r, _, _ in expected} - excluded <= {r for r, _, _ in found}


def test_matcher_evidence_is_original_text_with_curly_quotes() -> None:
    text = "I’ll be honest, thanks so much for your time."
    hits = [m for m in _MATCHER.find(text) if m.rule == "thanks_for_your_time"]
    assert hits and hits[0].text == text[hits[0].start : hits[0].end]


@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "a" * 100_000, "é" * 1000])
def test_matcher_odd_input_does_not_crash(text: str) -> None:
    assert isinstance(_MATCHER.find(text), list)


_AC_ONLY = Matcher(_SELLER_RULES, use_re2=False)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
def test_matcher_re2_and_aho_corasick_paths_agree(words: list[str]) -> None:
    text = " ".join(words)
    assert _MATCHER.find(text) == _AC_ONLY.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks so much for your time, José.",  # non-ASCII: the Aho-Corasick path
        "Thanks so much for your time, Jose.",  # ASCII: the RE2 path
        "İstanbul office: thanks so much for your time.",  # lower-casing changes the length
        "Thanks so much for your time \ud800",  # a lone surrogate: no UTF-8 to scan as it is
    ],
)
def test_matcher_every_path_finds_the_phrase(text: str) -> None:
    hits = [m for m in _MATCHER.find(text) if m.rule == "thanks_for_your_time"]
    assert len(hits) == 1
    assert hits[0].text.lower() == "thanks so much for your time"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\btime\b(?! zone| slot)", r"\btime\b"),
        (r"know[.!](?=\s|$)", r"know[.!]"),
        (r"[(?!]x", r"[(?!]x"),
        (r"(this\b(?! (kind|sort))|that)", r"(this\b|that)"),
        (r"a\(?!b", r"a\(?!b"),
    ],
)
def test_without_lookarounds(pattern: str, expected: str) -> None:
    assert without_lookarounds(pattern) == expected


def _without_lookarounds_by_character(pattern: str) -> str:
    """The plain reading, one character at a time, that the piece-wise one must agree with."""
    out: list[str] = []
    i, depth_skip, depth, in_class = 0, -1, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if depth_skip < 0:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if depth_skip < 0 and pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                depth_skip = depth
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == depth_skip:
                depth_skip = -1
                i += 1
                continue
        if depth_skip < 0:
            out.append(char)
        i += 1
    return "".join(out)


@settings(max_examples=2000)
@given(st.text(alphabet="ab\\[]()?=!<|\n", max_size=16))
def test_without_lookarounds_agrees_with_the_plain_reading(pattern: str) -> None:
    assert without_lookarounds(pattern) == _without_lookarounds_by_character(pattern)


def test_without_lookarounds_of_every_catalogue_pattern_agrees_with_the_plain_reading() -> None:
    catalogue = default_catalogue()
    for rule in (*catalogue.signals, *catalogue.cues):
        for pattern in (*rule.patterns, *rule.exclude):
            assert without_lookarounds(pattern) == _without_lookarounds_by_character(pattern)


def test_matcher_builds_patterns_only_when_needed() -> None:
    matcher = Matcher(_SELLER_RULES)
    assert matcher.find("Hello there.") == []
    compiled = sum(p is not None for p in matcher._patterns)
    assert compiled < len(matcher._patterns) // 10
    assert matcher._literals is None  # ASCII text never needs the literal index
    hits = matcher.find("Thanks so much for your time, José.")
    assert [m.rule for m in hits] == ["thanks_for_your_time"]
    assert matcher._literals is not None


def test_matcher_compile_all_compiles_every_catalogue_pattern() -> None:
    # Patterns compile lazily, so a fast form that does not compile would only show when its
    # pattern first became a candidate: compile them all here.
    matcher = Matcher([*default_catalogue().signals, *default_catalogue().cues])
    matcher.compile_all()
    assert all(p is not None for p in matcher._patterns)


def test_matcher_a_vertical_tab_is_whitespace_with_or_without_re2() -> None:
    from trustworks.signals import default_catalogue

    catalogue = default_catalogue()
    rules = [*(s for s in catalogue.signals if s.patterns), *catalogue.cues]
    text = "It's\x0b$45,000\x0ba\x0byear for the whole team."
    with_re2 = {h.rule for h in Matcher(rules).find(text)}
    assert with_re2 == {h.rule for h in Matcher(rules, use_re2=False).find(text)}
    assert "states_price_plainly" in with_re2


_TRICKY = (
    "I need it. If I need it, we need it; when we need it\nwe need it, 'we need it'. "
    "$5 or 5$? Let's go, let us go, lets go... not for me, thanks. No. Nope, not today! "
    "Take it or leave it. so take it or leave it? __we need it é we need it. It is so much, "
    "they are too much... what now? Whatnow. I really need it, so need it; 50% of you, if 5% of us."
    " Could maybe perhaps so, you maybe so, might perhaps perhaps maybe so."
)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:i|we) need\b",
        r"(?<!\bif )(?<!\bwhen )\b(?:i|we)(?: really)? need\b",
        r"(?:^|(?<=[.!?]\s))(?:take it or leave it)",
        r"(?:^|(?<=[.!?;]\s)|(?<=\n))(no|nope),? not (today|for me)",
        r"\blet'?s\b|\blet us\b",
        r"\b\$\d",  # a boundary before a mark: a letter just before it
        r"(?<=\bso )(take|leave) it",
        r"^(no|i) ",
        r"\b(?:is|are) (?:so|too) much\b|\bwhat now",  # alternatives within alternatives
        r"(?<!\bno )\b[$€]\d",  # a class of characters, spelt out
        r"\b(?:really |so )?need\b",  # an optional opening: "really need", "so need" or "need"
        r"(?<!\bif )\b(?:we|\d+%) (?:of )?(?:us|you)",  # a class of digits: asked first
        r"(?<!\byou )\b(?:(?:could|might) )?(?:(?:maybe|perhaps) ){1,2}so\b",  # a repeat, apart
    ],
)
def test_literal_led_finds_what_the_pattern_finds(pattern: str) -> None:
    led = literal_led(pattern)
    assert led is not None
    plain = re.compile(pattern)
    text = _TRICKY.lower() if "$" not in pattern else "a$5 $5 5$5 no €5 x€5"
    for start in range(len(text)):  # from every place, as the matcher searches on
        for end in (len(text), start + 12):
            found = plain.search(text, start, end)
            assert (found and found.span()) == (
                (hit := led.search(text, start, end)) and hit.span()
            )
    assert plain.search(text)


@pytest.mark.parametrize(
    "pattern",
    [r"(?i)\bi need", r"(?m)^no\b", r"\b(?:really )*need", r"\b[^x]\w+", r"^\W*no", r"need"],
)
def test_literal_led_leaves_what_it_cannot_lead(pattern: str) -> None:
    # Flags change how "^" and letters read; an optional opening or a class has no first
    # characters to lead with; a pattern that opens on its characters needs nothing.
    assert literal_led(pattern) is None


def test_literal_led_finds_what_every_catalogue_pattern_finds_in_every_example() -> None:
    catalogue = default_catalogue()
    rules = [*catalogue.signals, *catalogue.cues]
    led = 0
    for rule in rules:
        text = "\n".join((*rule.examples, *rule.near_misses, _TRICKY)).lower()
        for pattern in rule.patterns:
            fast = literal_led(pattern)
            if fast is None:
                continue
            led += 1
            plain = re.compile(fast_form(pattern))
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], pattern
    assert led > len(rules)  # most patterns open on a boundary or a lookbehind


def _every_example() -> list[str]:
    catalogue = default_catalogue()
    texts = [t for s in catalogue.signals for t in (*s.examples, *s.near_misses)]
    return [*texts, *(t for c in catalogue.cues for t in (*c.examples, *c.near_misses))]


def test_matcher_literals_first_and_re2_alone_agree_on_every_catalogue_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustworks.signals import matcher

    monkeypatch.setattr(matcher, "_RE2_ALONE_TEXTS", 10**9)  # more examples than the default
    rules = [*(s for s in default_catalogue().signals if s.patterns), *default_catalogue().cues]
    literals_first = Matcher(rules)
    literals_first.index_literals()  # literals first, a small RE2 set for the rest
    re2_alone = Matcher(rules)
    # Only ASCII: any other text builds the literal index, and RE2 is then no longer alone.
    for text in (t for t in _every_example() if fold(t).lower().isascii()):
        assert literals_first.find(text) == re2_alone.find(text), text
    assert re2_alone._common_re2 is None  # it never left RE2 alone, or the test says nothing


_LITERALS_FIRST = Matcher(_SELLER_RULES)
_LITERALS_FIRST.index_literals()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
def test_matcher_literals_first_and_re2_alone_agree(words: list[str]) -> None:
    text = " ".join(words)
    assert _LITERALS_FIRST.find(text) == _MATCHER.find(text)


def test_matcher_builds_the_literal_index_after_enough_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustworks.signals import matcher

    monkeypatch.setattr(matcher, "_RE2_ALONE_TEXTS", 2)
    fresh = Matcher(_SELLER_RULES)
    for _ in range(2):
        fresh.find("It's $40,000 a year.")
    assert fresh._common_re2 is None
    assert [m.rule for m in fresh.find("It's $40,000 a year.")] == [
        m.rule for m in _MATCHER.find("It's $40,000 a year.")
    ]
    assert fresh._common_re2 is not None


_ODD = ["🙂", "—", "…", "’", "“", "café", "naïve", "\u00a0", "\x1c", "\x0b", "٣", "_"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + _ODD), min_size=1, max_size=30))
def test_matcher_paths_agree_beyond_ascii(words: list[str]) -> None:
    # Emoji, dashes and quotes go through RE2 too; accented letters and odd spaces do not.
    text = " ".join(words)
    expected = _AC_ONLY.find(text)
    assert _MATCHER.find(text) == expected
    assert _LITERALS_FIRST.find(text) == expected


@pytest.mark.parametrize(
    ("text", "alike"),
    [
        ("It's $40,000 a year.", True),
        ("ok 🙂 it’s — fine…", True),
        ("café", False),  # RE2's \w and \b know ASCII letters only
        ("a\u00a0b", False),  # a space only Python's \s takes
        ("a\x0bb", False),
        ("a\x1cb", False),
        ("a tab\there, a line\nend", True),  # not printable, yet both engines read it alike
        ("\ud800", False),  # no UTF-8 at all
    ],
)
def test_re2_reads_alike(text: str, alike: bool) -> None:
    assert re2_reads_alike(text) is alike


def test_re2_unlike_finds_every_character_beyond_ascii_that_is_a_letter_digit_or_space() -> None:
    # The pattern as first written, slow but plain; the fast one must find the same characters.
    plain = re.compile(r"[\x0b\x0c\x1c-\x1f\ud800-\udfff]|(?=[^\x00-\x7f])[\w\s]")
    every = "".join(map(chr, range(0x110000)))
    assert _RE2_UNLIKE.findall(every) == plain.findall(every)


@pytest.mark.parametrize(
    ("pattern", "lookahead"),
    [
        (r"(?:so,? )?(?:what|how)\b", "(?=[hsw])"),
        (r"\b(?:so|and)?", ""),  # may match nothing: no first character to name
        (r"\b(?:thanks?|cheers)\b", "(?=[ct])"),
        (r"(?<!do )(?<!if )\bi (?:think|guess)\b", "(?=[i])"),  # through the lookbehinds
        (r"(?:on )?\d{1,2}(?:st|nd)", "(?=[0123456789o])"),
        (r"\w+ing", ""),  # too many characters to list
    ],
)
def test_matcher_starts_with_names_the_first_characters(pattern: str, lookahead: str) -> None:
    assert starts_with(pattern) == lookahead
    if lookahead:  # the lookahead changes no match
        text = "So, thanks, cheers: on 21st and on the 2nd, what a day."
        plain, fast = re.compile(pattern, re.I), re.compile(lookahead + pattern, re.I)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\b(?:i|we)(?:'ll| will)\b", {"i'll", "i will", "we'll", "we will"}),
        (r"(?=\w+ but\b)\w+", {" but"}),  # what a lookahead needs is in the text as well
        (r"\w+", None),
    ],
)
def test_weak_requirement_names_literals_however_common(
    pattern: str, literals: set[str] | None
) -> None:
    found = weak_requirement(pattern)
    assert (set(found) if found is not None else None) == literals


def test_fold_makes_typographic_quotes_and_dashes_ascii_in_place() -> None:
    text = "I’ll send “it” ‐ ok‑ay, café ‘x’ 😀"
    assert fold(text) == "I'll send \"it\" - ok-ay, café 'x' 😀"
    assert len(fold(text)) == len(text)
    assert fold("plain") == "plain"


def test_matcher_find_many_finds_what_find_finds_in_each_text() -> None:
    odd = [
        "İstanbul: what do you need?",
        "We NEVER do quarter-end discounts!",
        "",
        "\ud800 x",
        "😀 ok",
    ]
    texts = [*_every_example()[:600], *odd, _every_example()[0]]  # one text twice
    for matcher in (_LITERALS_FIRST, Matcher(_SELLER_RULES), _AC_ONLY):  # indexed, RE2 alone
        assert matcher.find_many(texts) == [matcher.find(text) for text in texts]
    assert _LITERALS_FIRST.find_many([]) == []


def _spans(match: re.Match[str]) -> list[tuple[int, int]]:
    return [match.span(group) for group in range(match.re.groups + 1)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:i|we)(?:'ll| will) (?P<verb>send|call)\b",
        r"(?<!\bif )\bwe need\b[^.!?]*\?",
        r"^\W*(?:so|okay),? (?:what|how)\b",
        r"[.!?]\s+(?:is|are) (?:there|you)\b",
        r"\b[a-z]+ (?:is|are) fine\b|\bno\b",
    ],
)
@pytest.mark.parametrize(
    "text",
    [
        "So, What do we need? If we need it, WE NEED IT? Okay, how is it. I'll Send it. No.",
        "Tomorrow Is Fine. Are You sure? We'll CALL you. no",
        "İ need it. WE NEED IT, okay? We need the K\u212a kit?",  # lower case of another length
        "Café: we need it? So, what now",
    ],
)
def test_case_free_finds_what_the_pattern_finds(pattern: str, text: str) -> None:
    # The same places for every group, from every start and to two ends, in ASCII text (the
    # twin, in its lower case) and in text whose lower case is longer (the pattern itself).
    regex = re.compile(pattern, re.IGNORECASE)
    twin = CaseFree(regex)
    for start in range(len(text)):
        for end in (len(text), start + 15):
            for method in ("search", "match", "fullmatch"):
                found = getattr(regex, method)(text, start, end)
                hit = getattr(twin, method)(text, start, end)
                assert (found and _spans(found)) == (hit and _spans(hit))
            assert [m.span() for m in regex.finditer(text, start, end)] == [
                m.span() for m in twin.finditer(text, start, end)
            ]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"\bno\b", 0), (r"^no\b", re.IGNORECASE | re.MULTILINE), (r"[A-Z]\w+", re.IGNORECASE)],
)
def test_case_free_takes_only_case_free_patterns(pattern: str, flags: int) -> None:
    # Without IGNORECASE the case counts; other flags and capitals read otherwise in the twin.
    with pytest.raises(ValueError, match="IGNORECASE"):
        CaseFree(re.compile(pattern, flags))


def test_ascii_lower_keeps_offsets_and_leaves_other_text() -> None:
    assert ascii_lower("We Need IT") == "we need it"
    assert ascii_lower("İstanbul") is None  # its lower case is one character longer


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("I will not go above $120. That's it.", "I will not go above $120"),
        ("I will not go above $120,000 for the fleet.", "I will not go above $120,000"),
        ("We won't go above 99.5 on this.", "We won't go above 99.5"),
    ],
)
def test_a_match_never_cuts_a_number_short(text: str, quoted: str) -> None:
    found = [m.text for m in Matcher(default_catalogue().signals).find(text)]
    assert quoted in found


_WORRY = Gated(re.compile(r"\b(?:i'?m|i am) (?:so )?worr(?:y|ied)\b", re.IGNORECASE))
_CLASH = Gated(re.compile(r"(?<!\bif )\b(?:won'?t|doesn'?t) work\b", re.IGNORECASE))
_AT_THE_END = Gated(re.compile(r"\bend\W*$", re.IGNORECASE))


@pytest.mark.parametrize(
    "text",
    [
        "I'm so worried about Tuesday, it won't work",
        "Tuesday won't work for me",
        "If it doesn't work, fine.",
        "nothing to see here",
        "I AM WORRIED. the end",
        "the end\nand more",  # "$" before a final newline: Python matches, RE2 does not
        "ünïcode: i'm worried",
        "a tab\there, won't work",
        "",
    ],
)
def test_gates_say_what_each_gate_says(text: str) -> None:
    gates = (_WORRY, _CLASH, _AT_THE_END)
    assert Gates(*gates).may_match(text) == tuple(g.may_match(text) for g in gates)
    assert Gates(*gates)._together is not None  # one RE2 pass, or the test says little


def test_gates_of_another_case_sensitivity_are_asked_one_by_one() -> None:
    capital = Gated(re.compile(r"\bTuesday\b"))
    gates = Gates(_WORRY, capital)
    assert gates._together is None
    for text in ("I'm worried about Tuesday", "tuesday", "I am worried"):
        assert gates.may_match(text) == (_WORRY.may_match(text), capital.may_match(text))
