"""Every rewrite the catalogue and the detectors can produce is a sentence that keeps trust.

For each signal that spends trust, its rewrite is rendered on each of its own examples (a
phrase signal's sentence, a detector signal's dialogue), plus conversations that push the
templates that keep the speaker's or the client's words. Each rewrite is then put through
`trustworks check` (trustworks.analysis.draft.check_draft) and must come back clean, read as
a finished sentence, and not contain the words it was written to replace.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trustworks.analysis import Finding, Settings, analyze
from trustworks.analysis.draft import check_draft
from trustworks.ingest import load, parse
from trustworks.signals import Signal, default_catalogue

NEGATIVE = [s for s in default_catalogue() if s.polarity < 0]
ROOT = Path(__file__).parents[2]
# Whole conversations: the shipped examples and the outside evaluation set nobody here wrote.
CONVERSATIONS = sorted(
    p
    for p in [
        *(ROOT / "examples").iterdir(),
        *(ROOT / "src" / "trustworks" / "evaluate" / "outside" / "conversations").glob("*.json"),
    ]
    if p.suffix != ".md"
)

# Conversations beyond the catalogue's examples that make templates keep words: a client
# whose words would hand the seller a habit, a long or cut-off turn, a hedge around a claim
# that spends trust itself.
EXTRA: list[tuple[str, str]] = [
    (
        "pounces_on_need",
        "Client: Whatever works for you, honestly, churn has been creeping up all year.\n"
        "Seller: Our platform reduces churn by 30 percent, it's industry-leading.",
    ),
    (
        "pounces_on_need",
        "Client: So we're struggling to onboard new accounts quickly, and the team that does "
        "it is two people who also handle renewals, billing questions and the odd escalation.\n"
        "Seller: That's exactly what our solution is built for, it automates the whole thing.",
    ),
    (
        "price_concern_not_explored",
        "Client: Honestly? That sounds expensive, to be fair.\n"
        "Seller: You get what you pay for, and honestly it pays for itself within months.",
    ),
    (
        "interrupts_client",
        '[{"speaker": "Client", "text": "We looked at three vendors. The thing is that the '
        'budget was cut in March and so the", "start": 1.0, "end": 5.0}, '
        '{"speaker": "Seller", "text": "Right, and that is where we come in.", '
        '"start": 3.2, "end": 6.0}]',
    ),
    ("hedges_own_view", "I think maybe we start small, I guarantee you'll see savings."),
    ("hedges_own_view", "Honestly, I'm no expert, but the the renewal terms look high."),
    ("hedges_own_view", "It might be sort of kind of risky."),
    ("thanks_for_your_time", "Thanks so much for your time, I won't take up too much of it."),
    ("get_back_without_date", "Let me look into it and get back to you, whatever works."),
]

_CAPITAL = re.compile(r"^[\"'“‘]?[A-Z]")
_TERMINAL = re.compile(r"[.!?][\"'”’)]?$")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_DOUBLED_PUNCT = re.compile(r"[,;:.!?]\s*[,;:.!?]")
_DANGLING = re.compile(r"(?:[,;:]|\b(?:and|but|or|because|the|a|an))\s*[.!?][\"'”’)]?$", re.I)


def _findings(signal: Signal, text: str) -> list[Finding]:
    if signal.detector is None:
        found = check_draft(text).findings
    else:
        settings = Settings()
        found = analyze(parse(text, source="<example>"), ["Seller"], settings=settings).findings
    return [f for f in found if f.signal == signal.id]


CASES = [(s, e) for s in NEGATIVE for e in s.examples] + [
    (default_catalogue().signal(i), e) for i, e in EXTRA
]


def _assert_keeps_trust(finding: Finding, where: str) -> None:
    rewrite = finding.rewrite
    assert rewrite, f"{finding.signal} has no rewrite on {where}"
    assert not _problems(rewrite), f"{finding.signal}: {rewrite!r} {_problems(rewrite)}"
    spent = [f"{f.signal} ({f.evidence!r})" for f in check_draft(rewrite).negative_findings]
    assert not spent, f"{finding.signal}'s rewrite {rewrite!r} spends trust: {spent}"
    evidence = " ".join(finding.evidence.split()).lower()
    assert evidence not in rewrite.lower(), (
        f"{finding.signal}'s rewrite {rewrite!r} repeats the habit {finding.evidence!r}"
    )


def _problems(rewrite: str) -> list[str]:
    checks = [
        (not _CAPITAL.search(rewrite), "does not start with a capital"),
        (not _TERMINAL.search(rewrite), "does not end with terminal punctuation"),
        (bool(_DOUBLED_WORD.search(rewrite)), "repeats a word"),
        (bool(_DOUBLED_PUNCT.search(rewrite)), "doubles punctuation"),
        (bool(_DANGLING.search(rewrite)), "ends on a dangling comma or connector"),
        ("{" in rewrite or "}" in rewrite, "has template braces left in it"),
        (rewrite.count("[") != rewrite.count("]"), "has an unclosed [slot]"),
        (rewrite.count('"') % 2 == 1, "has an unclosed quote"),
        (len(rewrite.split()) < 3, "is too short to say"),
    ]
    return [why for failed, why in checks if failed]


@pytest.mark.parametrize(("signal", "text"), CASES, ids=[f"{s.id}:{t[:30]}" for s, t in CASES])
def test_rewrite_reads_well_and_keeps_trust(signal: Signal, text: str) -> None:
    findings = _findings(signal, text)
    assert findings, f"{signal.id} should fire on {text!r} to be rewritten"
    for finding in findings:
        _assert_keeps_trust(finding, repr(text))


@pytest.mark.parametrize("path", CONVERSATIONS, ids=[p.name for p in CONVERSATIONS])
def test_rewrite_on_whole_conversations_keeps_trust(path: Path) -> None:
    if path.name.startswith("draft"):
        analysis = check_draft(path.read_text(encoding="utf-8"))
    else:
        analysis = analyze(load(str(path)))
    for finding in analysis.negative_findings:
        _assert_keeps_trust(finding, f"{path.name} turn {finding.turn}")


FALLBACKS = [s for s in NEGATIVE if s.rewrite_fallback]


@pytest.mark.parametrize("signal", FALLBACKS, ids=[s.id for s in FALLBACKS])
def test_rewrite_fallback_reads_well_and_keeps_trust(signal: Signal) -> None:
    fallback = signal.rewrite_fallback or ""
    assert not _problems(fallback), f"{signal.id}: {fallback!r} {_problems(fallback)}"
    assert not check_draft(fallback).negative_findings


def test_rewrite_every_signal_that_spends_trust_is_rendered() -> None:
    assert {s.id for s, _ in CASES} == {s.id for s in NEGATIVE}
    assert all(s.rewrite for s in NEGATIVE), "every signal that spends trust has a rewrite"


@pytest.mark.parametrize(
    "rewrite",
    [
        "Thanks again for your valuable time, I'm glad we did this.",
        "To make sure I understand,?",
        "Good question, let me look into it and get back to you by [day and time].",
        "We'll send it by {day}.",
        "So the the plan works.",
        'You were saying "our team is tiny and"; please go on and.',
    ],
)
def test_rewrite_checks_catch_the_old_faults(rewrite: str) -> None:
    # The checks above must be able to fail: each of these is a rewrite the old templates made
    # (or could have), and each is caught by the sentence checks or by `check` itself.
    assert _problems(rewrite) or check_draft(rewrite).negative_findings
