"""The shipped example conversations produce the findings they were written to show."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from trustworks.analysis import WRITTEN_FORMATS, Analysis, Settings, analyze
from trustworks.conversation import Conversation, Role, Turn
from trustworks.ingest import decode_text, load, read_source

EXAMPLES = Path(__file__).parents[1] / "examples"


@cache
def _analysis(name: str, semantic: bool = True) -> Analysis:
    if name == "draft-email.txt":  # a bare draft, as `trustworks check --file` reads it
        data, source = read_source(EXAMPLES / name)
        turn = Turn("Ryan Cole", decode_text(data, source), role=Role.SELLER)
        conversation = Conversation((turn,), source=source, format="draft", seller=("Ryan Cole",))
    else:
        conversation = load(EXAMPLES / name)
    written = conversation.format in WRITTEN_FORMATS
    return analyze(conversation, settings=Settings(written=written, semantic=semantic))


EXPECTED = {
    "qualifying-call-master.vtt": (
        "Dana Whitfield",
        {
            "thanks_for_your_time",
            "apologises_for_taking_time",
            "whatever_works_for_you",
            "unqualified_yes_to_demo",
            "anything_it_takes",
            "pounces_on_need",
            "dodges_price_question",
        },
        set(),
    ),
    "qualifying-call-honest.vtt": (
        "Dana Whitfield",
        set(),
        {
            "proposes_qualifying_conversation",
            "frames_mutual_fit",
            "checks_view_on_their_end",
            "reflects_back_understanding",
            "makes_dated_commitment",
            "welcomes_a_clear_no",
        },
    ),
    "discovery-pounce.srt": (
        "Ryan Cole",
        {
            "pounces_on_need",
            "long_self_description",
            "long_monologue",
            "dodges_price_question",
            "price_concern_not_explored",
            "canned_value_defence",
            "quarter_end_discount",
            "artificial_deadline",
            "overstates_progress",
            "interrupts_client",
        },
        set(),
    ),
    "discovery-trust.json": (
        "Ryan Cole",
        set(),
        {
            "explores_need_first",
            "turns_about_you_back",
            "answers_price_directly",
            "explores_price_concern",
            "names_the_emotion",
            "admits_not_knowing",
            "offers_sample_on_client_data",
            "recommends_competitor_when_better_fit",
            "welcomes_a_clear_no",
            "makes_dated_commitment",
        },
    ),
    "cut-short.txt": (
        "Sam Okafor",
        set(),
        {"adapts_to_cut_short_meeting", "trims_agenda_with_client", "makes_dated_commitment"},
    ),
    "cut-short-rushed.txt": (
        "Sam Okafor",
        {
            "rushes_cut_short_meeting",
            "only_take_a_minute",
            "speeds_up_to_fit_it_all_in",
            "thanks_for_your_time",
        },
        set(),
    ),
    "follow-up-thread.eml": (
        "Dana Whitfield",
        set(),
        {"follows_through_on_promise"},
    ),
    "draft-email.txt": (
        "Ryan Cole",
        {"thanks_for_your_time", "quarter_end_discount", "artificial_deadline"},
        set(),
    ),
}
GOOD_OVER_BAD = [
    ("qualifying-call-honest.vtt", "qualifying-call-master.vtt"),
    ("discovery-trust.json", "discovery-pounce.srt"),
    ("cut-short.txt", "cut-short-rushed.txt"),
    ("follow-up-thread.eml", "draft-email.txt"),
]


def test_examples_every_file_has_expectations() -> None:
    shipped = {p.name for p in EXAMPLES.iterdir() if p.name != "README.md"}
    assert shipped == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_findings(name: str) -> None:
    seller, negative, positive = EXPECTED[name]
    analysis = _analysis(name)
    assert analysis.conversation.seller == (seller,)
    found_negative = {f.signal for f in analysis.findings if f.polarity < 0}
    found_positive = {f.signal for f in analysis.findings if f.polarity > 0}
    assert negative <= found_negative, f"missing: {negative - found_negative}"
    assert positive <= found_positive, f"missing: {positive - found_positive}"
    if not negative:  # the good versions spend no trust at all
        assert found_negative == set()
    if not positive:  # the bad ones build none, but for asking about the client now and then,
        # a plain promise on the way out ("I'll email you the deck") or the one thing the
        # too-eager seller does get right: "no pressure at all, whenever you're ready"
        rules = {f.signal for f in analysis.findings if f.polarity > 0 and not f.learned}
        assert rules <= {
            "asks_about_their_world",
            "makes_concrete_commitment",
            "no_pressure_on_timing",
        }


@pytest.mark.parametrize(("good", "bad"), GOOD_OVER_BAD, ids=[g for g, _ in GOOD_OVER_BAD])
def test_examples_good_version_scores_higher(good: str, bad: str) -> None:
    better, worse = _analysis(good).trust, _analysis(bad).trust
    assert better.trust > worse.trust
    assert better.self_orientation < worse.self_orientation


@pytest.mark.parametrize("name", ["qualifying-call-honest.vtt", "discovery-trust.json"])
def test_examples_commitments_on_both_sides(name: str) -> None:
    analysis = _analysis(name)
    by = {c.by for c in analysis.commitments if c.due}
    assert analysis.conversation.seller[0] in by
    assert len(by) == 2


def test_examples_seller_inferred_and_said_so() -> None:
    conversation = _analysis("discovery-pounce.srt").conversation
    assert conversation.seller_inferred
    assert "Ryan Cole" in conversation.seller_reason


def test_examples_pounce_interruptions_from_timestamps() -> None:
    metrics = _analysis("discovery-pounce.srt").metrics
    assert metrics.seller_interruptions >= 4
    assert metrics.longest_seller_monologue_words >= 200


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_semantic_layer_keeps_the_rule_findings(name: str) -> None:
    _, negative, positive = EXPECTED[name]
    analysis = _analysis(name)
    found = {f.signal for f in analysis.findings if not f.learned}
    assert negative | positive <= found
    assert found == {f.signal for f in _analysis(name, semantic=False).findings}
    for finding in analysis.findings:
        assert finding.learned == (finding.detector == "semantic")
        assert 0.0 < finding.confidence <= 1.0


@pytest.mark.parametrize(("good", "bad"), GOOD_OVER_BAD, ids=[g for g, _ in GOOD_OVER_BAD])
def test_examples_rules_alone_keep_the_order(good: str, bad: str) -> None:
    rules_only = [_analysis(name, semantic=False).trust.trust for name in (good, bad)]
    assert rules_only[0] > rules_only[1]


# The statistics table of examples/README.md: file, talk share, questions, longest turn,
# interruptions, each as the report gives it.
_STATS_ROW = re.compile(
    r"^\| (?P<file>[\w.-]+) \| (?P<share>\d+)% [^|]*\| (?P<questions>\d+)[^|]*\| "
    r"T(?P<turn>\d+), (?P<words>\d+) words[^|]*\| (?P<interruptions>\d+)[^|]*\|$",
    re.MULTILINE,
)
_SELLERS = {"qualifying": "Dana Whitfield", "discovery": "Ryan Cole", "cut": "Sam Okafor"}


def test_examples_readme_statistics_are_the_report_figures() -> None:
    rows = list(_STATS_ROW.finditer((EXAMPLES / "README.md").read_text(encoding="utf-8")))
    assert len(rows) == 6
    for row in rows:
        seller = _SELLERS[row["file"].split("-")[0]]
        analysis = analyze(load(EXAMPLES / row["file"]), [seller])
        m = analysis.metrics
        assert round(m.seller_talk_share * 100) == int(row["share"]), row["file"]
        assert m.seller_questions == int(row["questions"]), row["file"]
        assert m.longest_seller_monologue_words == int(row["words"]), row["file"]
        assert m.interruptions == int(row["interruptions"]), row["file"]
        # "T12" in the README is the report's "turn 12": the 12th turn, numbered from 1.
        longest = analysis.conversation.turns[int(row["turn"]) - 1]
        assert longest.speaker == seller
        assert len(longest.text.split()) == int(row["words"]), row["file"]
