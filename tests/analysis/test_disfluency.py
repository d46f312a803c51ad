"""Transcribed speech is read past its fillers and stutters, and mapped back."""

from __future__ import annotations

import pytest

from tests.analysis.cleaned import not_found_when_cleaned
from tests.signals.test_catalogue_examples import PHRASE_SIGNALS
from trustworks.analysis import analyze
from trustworks.analysis.disfluency import clean
from trustworks.analysis.marks import original_span
from trustworks.ingest import parse


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("We're, uh, kind of drowning in spreadsheets.", "We're kind of drowning in spreadsheets."),
        ("So the-the doctor said it-it's fine.", "So the doctor said it's fine."),
        # A word said again across a filler is the false start.
        ("I'm not, uh, not really interested.", "I'm not really interested."),
        # Words said twice are left as said ("yeah, yeah" can be a dismissal), and so are
        # words joined by a hyphen.
        ("Yeah, yeah, but it handles that.", "Yeah, yeah, but it handles that."),
        ("No, no, no, that is wrong.", "No, no, no, that is wrong."),
        ("A well-known co-op.", "A well-known co-op."),
        # A word made by saying a word twice is no false start.
        ("It's a win-win, so split it fifty-fifty.", "It's a win-win, so split it fifty-fifty."),
        ("Plain text.", "Plain text."),
        # A word said again after a trailing-off is a restart; a pause alone is kept.
        ("I'll call you in ... in a day or so.", "I'll call you in a day or so."),
        ("It's … it's fine, really.", "it's fine, really."),
        ("I guess... maybe next week.", "I guess... maybe next week."),
        ("I dunno... maybe next week.", "I don't know... maybe next week."),
        ("We could ... we could try Monday.", "We could ... we could try Monday."),
        # A name said to open a sentence, and "you know" or "I mean" said as an aside.
        ("Sam, I'm so sorry to hear that.", "I'm so sorry to hear that."),
        ("Okay. Mrs. Patel, how have you been?", "Okay. how have you been?"),
        ("What do you, you know, think of the price?", "What do you think of the price?"),
        ("I mean, it works. You know, we tried.", "it works. we tried."),
        ("Sam, you know, I hear you.", "I hear you."),
        # A chat's stage direction is a note too.
        ("Sure thing *smiles* what do you need?", "Sure thing what do you need?"),
        # "And" opening a sentence is read past; "And the cost?" asks by it.
        (
            "Okay. And how is the team handling it today?",
            "Okay. how is the team handling it today?",
        ),
        ("That's reassuring. And the cost?", "That's reassuring. And the cost?"),
        # A word that only takes the floor, opening a sentence, is read past, after a filler,
        # a name or a line break too; "alright" and "okay" answer, "honestly" before an
        # admission is part of it, and "well" inside a sentence is a word.
        ("Listen, I can't promise that.", "I can't promise that."),
        ("Sure. Look, what matters most to you?", "Sure. what matters most to you?"),
        ("Well, look, we can do it.", "we can do it."),
        ("Um, well, how did that come about?", "how did that come about?"),
        ("Great.\nWell, how did it go?", "Great.\nhow did it go?"),
        ("Look, Sam, I hear you.", "I hear you."),
        ("Honestly, I'm not sure.", "Honestly, I'm not sure."),
        ("Frankly, we're not the best at that.", "Frankly, we're not the best at that."),
        ("Honestly, so you feel stuck?", "so you feel stuck?"),
        ("Sure. Frankly, what matters most to you?", "Sure. what matters most to you?"),
        ("Oh, so you're drinking a lot.", "so you're drinking a lot."),
        ("Basically, what happened next?", "what happened next?"),
        ("Now, have you thought about a date?", "have you thought about a date?"),
        ("Actually, it's not included.", "Actually, it's not included."),
        ("Alright, you get two food.", "Alright, you get two food."),
        ("It went well, honestly.", "It went well, honestly."),
        ("And yet it works every time.", "And yet it works every time."),
        # An emphasised word is said.
        ("That is *not* what we agreed.", "That is *not* what we agreed."),
        # Not a name: a day, a word that opens sentences, an answer handed back, a list.
        ("Friday, I'll call you.", "Friday, I'll call you."),
        ("Seriously, I think so.", "Seriously, I think so."),
        ("Firewood, what about you?", "Firewood, what about you?"),
        ("Food, water and firewood.", "Food, water and firewood."),
        ("Fishing, it's been a while.", "Fishing, it's been a while."),
        # What the transcriber noted, not what was said; round brackets may hold speech.
        ("Great. [laughs] How are you doing?", "Great. How are you doing?"),
        ("I see (chuckles) so what happened?", "I see so what happened?"),
        ("Hmm [inaudible 00:03:18] okay.", "Hmm okay."),
        (
            "We offer 10% off (for new clients) this month.",
            "We offer 10% off (for new clients) this month.",
        ),
        # A dash said as a pause is the comma it stands for; not between figures.
        ("Okay - what brings you in today?", "Okay, what brings you in today?"),
        ("I hear you — and we can fix it.", "I hear you, and we can fix it."),
        ("We need 5 - 10 seats.", "We need 5 - 10 seats."),
        # "Do you know," and "as you know," mean what they say.
        ("Do you know, the price went up.", "Do you know, the price went up."),
        ("As you know, we ship on Fridays.", "As you know, we ship on Fridays."),
    ],
)
def test_clean_reads_speech_as_meant(said: str, meant: str) -> None:
    assert clean(said)[0].strip() == meant


def test_clean_maps_every_kept_character_back_to_where_it_was_said() -> None:
    said = "Um, so it's, uh, it's about forty bucks a seat, you-you know."
    cleaned, index = clean(said)
    assert index is not None
    assert all(said[index[i]] == cleaned[i] for i in range(len(cleaned)))
    start = cleaned.index("forty bucks")
    assert original_span(index, start, start + len("forty bucks")) == (
        said.index("forty bucks"),
        said.index("forty bucks") + len("forty bucks"),
    )


def test_clean_leaves_text_without_speech_marks_alone() -> None:
    assert clean("We need the report by Friday.") == ("We need the report by Friday.", None)


def test_clean_reads_a_stutter_after_a_leading_dash() -> None:
    assert clean("- so the-the doctor")[0] == "- so the doctor"


def test_clean_leaves_text_whose_lower_case_is_longer_alone() -> None:
    # "İ" lower-cases to two characters: offsets would drift, so nothing is dropped.
    text = "İstanbul, uh, is where we are"
    assert clean(text) == (text, None)


@pytest.mark.parametrize(
    ("client", "seller", "signal"),
    [
        # A pitch said with false starts is still a pitch on the client's stated need.
        (
            "We're, uh, kind of drowning in spreadsheets right now.",
            "Yeah, so, uh, our platform, it, it basically replaces all of that, let me, let "
            "me show you.",
            "pounces_on_need",
        ),
        (
            "How much is it?",
            "So, um, pricing really depends, let's, uh, let's circle back on that.",
            "dodges_price_question",
        ),
        (
            "Can you send it over?",
            "Yeah, I'll, uh, send you the deck by Friday.",
            "makes_dated_commitment",
        ),
        (
            "I'm not, uh, not really interested.",
            "No problem at all, um, thanks for being straight with me.",
            "respects_their_no",
        ),
        # Detectors, not only the catalogue's phrases, read past a filler that opens the turn.
        (
            "We're opening a second store next month.",
            "Um, how did that come about?",
            "asks_about_their_world",
        ),
        (
            "Terrible. I'm having the worst headache of my life.",
            "Um, I'm so sorry.",
            "shows_sympathy",
        ),
    ],
)
def test_findings_read_past_fillers_and_quote_the_words_said(
    client: str, seller: str, signal: str
) -> None:
    found = analyze(parse(f"Client: {client}\nSeller: {seller}", source="<t>"), ["Seller"])
    hits = [f for f in found.findings if f.signal == signal]
    assert hits
    # The evidence is the transcript's own words, at their own place in the turn.
    assert all(seller[f.start : f.end] == f.evidence for f in hits)


def test_a_turn_that_opens_with_a_filler_is_read_from_the_word_after_it() -> None:
    assert clean("Um, good for you!")[0] == "good for you!"
    assert clean("Uh,   you've done well.")[0] == "you've done well."


# Each signal's examples said after an opening "Um,": every one must still fire.
OPENED_WITH_UM = {s.id: s for s in PHRASE_SIGNALS}


@pytest.mark.parametrize("signal_id", sorted(OPENED_WITH_UM))
def test_every_catalogue_example_fires_after_an_opening_filler(signal_id: str) -> None:
    signal = OPENED_WITH_UM[signal_id]
    said = [f"Um, {e[:1].lower()}{e[1:]}" for e in signal.examples]
    missed = not_found_when_cleaned(signal, said)
    assert not missed, f"{signal_id} no longer fires on {missed}"


@pytest.mark.parametrize("signal_id", sorted(OPENED_WITH_UM))
@pytest.mark.parametrize(
    "marker",
    ["Well,", "Look,", "Um, well,", "Look, Sam,", "Honestly,", "Frankly,", "Basically,", "Oh,"],
)
def test_every_catalogue_example_fires_after_an_opening_marker(signal_id: str, marker: str) -> None:
    signal = OPENED_WITH_UM[signal_id]
    said = [f"{marker} {e[:1].lower()}{e[1:]}" for e in signal.examples]
    missed = not_found_when_cleaned(signal, said)
    assert not missed, f"{signal_id} no longer fires on {missed}"


def test_a_filler_before_a_question_keeps_the_clause_apart() -> None:
    # "Thank you what happened?" would not read as a question about them.
    assert clean("Thank you, um, what happened?")[0] == "Thank you, what happened?"
    assert clean("we're, uh, kind of drowning")[0] == "we're kind of drowning"


@pytest.mark.parametrize(
    ("reply", "signal"),
    [
        # The form goes on past their worry, a name first or not.
        ("Sam, when did you last eat?", "passes_over_their_feeling"),
        # A question about them, "you know" inside or not.
        ("Sam, how are you, you know, feeling about it?", "asks_about_their_world"),
    ],
)
def test_a_name_or_an_aside_does_not_hide_what_the_reply_does(reply: str, signal: str) -> None:
    dialogue = f"Client: I'm really worried about the surgery.\nSeller: {reply}"
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    assert [f.signal for f in findings] == [signal]
