from __future__ import annotations

from trustworks.analysis.disfluency import clean
from trustworks.analysis.engine import _back, engine_for
from trustworks.analysis.negation import is_denied
from trustworks.conversation import Role
from trustworks.signals import default_catalogue
from trustworks.signals.matcher import Matcher
from trustworks.signals.schema import Cue, Signal

# Said by a seller this thanks the client for their time (a seller-only signal); a client
# saying it fires nothing of the kind.
THANKS = "Thanks so much for your time today, I know you're busy."


def test_each_role_gets_exactly_what_a_matcher_of_its_own_rules_finds_less_denials() -> None:
    catalogue = default_catalogue()
    engine = engine_for(catalogue)
    rules: list[Signal | Cue] = [*(s for s in catalogue.signals if s.patterns), *catalogue.cues]
    texts = [THANKS, *(e for r in rules for e in (*r.examples, *r.near_misses))]
    for role, speaks in ((Role.SELLER, {"seller", "any"}), (Role.CLIENT, {"client", "any"})):
        own = Matcher(r for r in rules if r.speaker in speaks)
        for text in texts:
            signals, cues = engine.match(text, role)
            combined = sorted([*signals, *(m for ms in cues.values() for m in ms)], key=repr)
            # Both read the turn past its fillers and repeats, mapped back onto the words said.
            cleaned, index = clean(text)
            found = own.find(cleaned)
            found = _back(found, text, index) if index else found
            kept = [h for h in found if not is_denied(text, h.start)]
            assert combined == sorted(kept, key=repr), (role, text)


def test_a_seller_only_signal_does_not_fire_for_the_client() -> None:
    engine = engine_for(default_catalogue())
    seller_rules = {m.rule for m in engine.match(THANKS, Role.SELLER)[0]}
    client_rules = {m.rule for m in engine.match(THANKS, Role.CLIENT)[0]}
    assert seller_rules - client_rules, "the thanks should fire a seller-only signal"
    assert all(rule in engine.rules_for[Role.CLIENT] for rule in client_rules)


def test_hits_are_remembered_until_forgotten() -> None:
    engine = engine_for(default_catalogue())
    engine.forget()
    first = engine.hits(THANKS)
    assert engine.hits(THANKS) is first
    engine.forget()
    again = engine.hits(THANKS)
    assert again is not first and again == first


def test_the_memory_is_bounded() -> None:
    engine = engine_for(default_catalogue())
    engine.forget()
    oldest = engine.hits(f"{THANKS} 0")
    assert oldest, "the test needs an utterance with hits"
    for n in range(1, 2000):
        engine.hits(f"{THANKS} {n}")
    assert engine.hits(f"{THANKS} 0") is not oldest
    assert len(engine._hits) <= 512


def test_long_utterances_are_not_remembered() -> None:
    engine = engine_for(default_catalogue())
    engine.forget()
    long = THANKS + " and more" * 400
    assert len(long) > 2_000
    first = engine.hits(long)
    assert first and engine.hits(long) is not first
    assert long not in engine._hits


def test_a_clients_turn_is_read_by_the_client_rules_alone_and_finds_the_same() -> None:
    catalogue = default_catalogue()
    engine = engine_for(catalogue)
    allowed = engine.rules_for[Role.CLIENT]
    rules: list[Signal | Cue] = [*(s for s in catalogue.signals if s.patterns), *catalogue.cues]
    texts = [THANKS, *(e for r in rules for e in (*r.examples, *r.near_misses))]
    for text in texts:
        engine.forget()
        alone = [h for h in engine.client_hits(text) if h.rule in allowed]
        assert not engine._hits  # the matcher over every rule was not asked
        engine.forget()
        assert alone == [h for h in engine.hits(text) if h.rule in allowed], text
    # Once every rule has read a text (seller inference does), a client's turn reuses that.
    engine.forget()
    remembered = engine.hits(THANKS)
    assert engine.client_hits(THANKS) is remembered
    engine.forget()


def test_matching_ahead_leaves_each_turns_hits_for_match_to_find() -> None:
    engine = engine_for(default_catalogue())
    engine.forget()
    reply = "Thanks, that helps."
    long = THANKS + " and more" * 400
    engine.match_ahead([(THANKS, Role.SELLER), (reply, Role.CLIENT), (long, Role.SELLER)])
    assert THANKS in engine._hits and reply in engine._client_hits  # each by its role's matcher
    assert reply not in engine._hits
    assert long not in engine._hits  # too long to be remembered: matched when taken instead
    seller, client = engine._hits[THANKS], engine._client_hits[reply]
    ahead = (engine.match(THANKS, Role.SELLER), engine.match(reply, Role.CLIENT))
    assert engine._hits[THANKS] is seller and engine._client_hits[reply] is client
    engine.forget()
    assert ahead == (engine.match(THANKS, Role.SELLER), engine.match(reply, Role.CLIENT))
    engine.forget()
