"""scripts/style_robustness.py: findings read the same whatever the transcript's style."""

from __future__ import annotations

from tests.evaluate.scripts import load_script
from trustworks.conversation import Conversation, Turn
from trustworks.evaluate.outside.annotations import load_shipped_set


def test_a_restyled_conversation_keeps_its_speakers_and_times() -> None:
    script = load_script("style_robustness")
    said = Conversation(turns=(Turn("Ana", "Hi. How's the team?", start=0.0, end=2.0),))
    styled = script.restyled(said, script.STYLES["fillers"])
    assert styled.turns[0].text == "um, Hi. um, How's the team?"
    assert (styled.turns[0].speaker, styled.turns[0].start) == ("Ana", 0.0)


def test_fillers_marks_case_contractions_counts_notes_chat_and_synonyms_lose_no_finding() -> None:
    script = load_script("style_robustness")
    total, kept = script.measure([load_shipped_set("outside2")])
    assert total > 20
    for style in (
        "fillers",
        "curly apostrophes",
        "lower case",
        "contractions spelt out",
        "counts in words",
        "dashes for commas",
        "a note after the first sentence",
        "u for you",
        "thx and pls",
        "doubled marks",
        "lol after the first sentence",
        "no space after a stop",
        "near-synonyms",
        "'well,' or 'look,' opening each sentence",
        "'honestly,' opening each sentence",
        "thousands as k",
        "the currency's code first",
        script.CUT_BY_A_CONTINUER,
        script.SENT_A_SENTENCE_AT_A_TIME,
    ):
        assert kept[style][0] == total, (style, kept[style][1].most_common(3))
