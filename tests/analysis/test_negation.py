"""Denied and hypothetical statements produce no finding of the behaviour they deny."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze, negation
from trustworks.analysis.negation import clause_before, is_denied, is_reported
from trustworks.conversation import Conversation, Turn
from trustworks.signals.matcher import fold


def _seller_findings(text: str) -> set[str]:
    conversation = Conversation(
        (Turn("Client", "Tell me about the renewal."), Turn("Seller", text))
    )
    result = analyze(conversation, seller=["Seller"])
    return {f.signal for f in result.findings if f.speaker == "Seller"}


@pytest.mark.parametrize(
    ("affirmed", "denied", "signal"),
    [
        (
            "We always do a quarter-end discount for deals like this.",
            "We never do quarter-end discounts, the price is the price.",
            "quarter_end_discount",
        ),
        (
            "This offer expires on Friday.",
            "I won't pretend this offer expires on Friday.",
            "artificial_deadline",
        ),
        (
            "This offer expires on Friday.",
            "If I told you this offer expires on Friday, I'd be lying.",
            "artificial_deadline",
        ),
        (
            "Thanks so much for your time today.",
            "I'm not going to thank you for your time today, we both chose to be here.",
            "thanks_for_your_time",
        ),
    ],
)
def test_negation_denied_statement_produces_no_finding(
    affirmed: str, denied: str, signal: str
) -> None:
    assert signal in _seller_findings(affirmed)
    assert signal not in _seller_findings(denied)


@pytest.mark.parametrize(
    ("text", "word", "denied"),
    [
        ("We never do quarter-end discounts.", "quarter", True),
        ("We don't offer a quarter-end discount.", "quarter", True),
        ("No, the quarter-end discount still applies.", "quarter", False),
        ("It's not only a quarter-end discount but a gift.", "quarter", False),
        ("I want a contract that works for both sides.", "works", False),
        ("I won't pretend this offer expires on Friday.", "offer", True),
        ("Why don't we split the remaining boxes equally?", "split", False),
        ("We don't split the remaining boxes equally.", "split", True),
        ("We can't, but the offer expires on Friday.", "offer", False),
    ],
)
def test_negation_reaches_only_its_own_clause(text: str, word: str, denied: bool) -> None:
    assert is_denied(text, text.index(word)) is denied


@pytest.mark.parametrize(
    "text",
    [
        "You don't want to miss this limited time offer that ends Friday.",
        "Nothing beats our industry-leading platform.",
    ],
)
def test_negation_emphatic_idioms_affirm_what_follows(text: str) -> None:
    assert _seller_findings(text), text


def test_negation_curly_apostrophes_deny_too() -> None:
    assert "quarter_end_discount" not in _seller_findings("We don’t do quarter-end discounts.")


def test_negation_looks_back_a_bounded_window() -> None:
    long_turn = "I understand your concern about the price. " * 2000
    assert not is_denied(long_turn + "This offer expires Friday.", len(long_turn))


@pytest.mark.parametrize(
    ("reported", "said", "signal"),
    [
        (
            'And here I am, the next doctor saying, "You need to quit smoking."',
            "You need to quit smoking.",
            "tells_them_what_they_must_do",
        ),
        (
            "You told me your mum says you have to stop drinking.",
            "You have to stop drinking.",
            "tells_them_what_they_must_do",
        ),
    ],
)
def test_words_the_seller_reports_are_not_their_conduct(
    reported: str, said: str, signal: str
) -> None:
    assert signal in _seller_findings(said)
    assert signal not in _seller_findings(reported)


# Every trust-spending example of the catalogue, put in words that deny or report it: none
# may produce its own signal (issue 13's aim: "negated and hypothetical statements produce no
# finding of the behaviour they deny").
_DENIALS = (
    'If I told you "{}", I\'d be lying.',
    'I\'m not going to say "{}"',
    'I would never say "{}"',
    'Some reps would say "{}" but I won\'t.',
)


def _spending_examples() -> list[tuple[str, str]]:
    from trustworks.signals.loader import default_catalogue

    return [
        (signal.id, example.strip().strip('"'))
        for signal in default_catalogue().signals
        if signal.polarity < 0
        for example in signal.examples
        if "\n" not in example
    ]


@pytest.mark.parametrize("frame", _DENIALS)
def test_no_spending_example_denied_or_reported_is_found(frame: str) -> None:
    found = [
        (signal, example)
        for signal, example in _spending_examples()
        if signal in _seller_findings(frame.format(example))
    ]
    assert found == []


def test_a_quotation_over_several_sentences_is_reported_to_its_end() -> None:
    said = "It's a great phone. Buy it today."
    assert "artificial_deadline" in _seller_findings(said)
    assert "artificial_deadline" not in _seller_findings(f'I won\'t say "{said}"')
    # Its end is the seller's own words again.
    assert "artificial_deadline" in _seller_findings("I won't say \"it's great\". Buy it today.")


def test_the_seller_s_own_voice_after_a_but_is_still_theirs() -> None:
    # "You said you're busy, but..." reports them, then speaks for the seller.
    found = _seller_findings("You said you're busy, but you need to decide by Friday.")
    assert "tells_them_what_they_must_do" in found


@pytest.mark.parametrize(
    "said",
    [
        # A report ends where the seller's own clause starts; agreeing ("like you said") and
        # scare quotes report nothing.
        "You told me budget's tight, and honestly you have to decide by Friday.",
        "Like you said, you need to decide by Friday or the price goes up.",
        "You said you wanted to move fast; you need to sign today.",
        'Our "special" price ends Friday, you need to sign today.',
    ],
)
def test_a_seller_cannot_hide_their_own_words_behind_a_report(said: str) -> None:
    conversation = Conversation(
        (Turn("Client", "Tell me about the renewal."), Turn("Seller", said))
    )
    found = analyze(conversation, seller=["Seller"]).findings
    assert "artificial_deadline" in {f.signal for f in found if f.speaker == "Seller"}


def _clause_by_scanning(text: str, start: int) -> str:
    """The clause start as a forward scan of the window finds it: its last break."""
    left = max(0, start - 200)
    for found in negation._CLAUSE_BREAK.finditer(text, left, start):
        left = found.end()
    return fold(text[left:start])


@pytest.mark.parametrize(
    "text",
    [
        "We never, ever do that and we won't (really) offer it.",
        "Although we never discount; however, we might, which is rare.",
        "a - - b never does it",  # breaks that overlap: the forward scan decides
        "Well \u2014 no \u2013 we don't, so there",
        "Hmm\nso not that\n\nand not this",
        "\u017fo we never did",  # a long s is an s without case
        "SO we NEVER did THAT, BUT we do",
        "x" + "but " + "y" * 197 + " no discount",  # a word cut at the window's edge
        "," + "y" * 199 + " never discount",  # a break just before the window
        "but" + "y" * 200 + " never discount",
        "",
    ],
)
def test_clause_before_finds_the_break_a_forward_scan_finds(text: str) -> None:
    for start in range(len(text) + 1):
        assert clause_before(text, start) == _clause_by_scanning(text, start), start


@pytest.mark.parametrize(
    ("text", "word", "denied"),
    [
        ("oh no I'm so sorry to hear that", "I'm so sorry", False),
        ("Ohh no, I'm so sorry to hear that", "I'm so sorry", False),
        ("oh no we never do quarter-end discounts", "quarter-end", True),
        ("no I'm not sorry to hear that", "sorry", True),
    ],
)
def test_negation_dismay_is_no_denial(text: str, word: str, denied: bool) -> None:
    assert is_denied(text, text.index(word)) is denied


def test_a_stray_quote_mark_opening_the_turn_reports_nothing() -> None:
    # Exports and transcripts leave a lone '"' at the start of a turn; what follows is said.
    stray = '"Hi Alex, thank you for your time today. How are things?'
    assert not is_reported(stray, stray.index("thank"))
    assert not is_reported(stray, stray.index("How"))
    # A quotation that opens the turn and closes is still reported.
    quoted = '"Buy it now, it expires Friday" is what a pushy rep says.'
    assert is_reported(quoted, quoted.index("expires"))
