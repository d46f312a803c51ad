"""The semantic layer: behaviours recognised by meaning, in words the catalogue never listed.

Each seller sentence is encoded once by the static encoder; every head whose held-out
precision reached the shipping bar judges it. A head speaks only above its threshold, and its
finding is marked as a model's judgement (``Finding.learned``) with a calibrated confidence:
how often annotated sentences that scored the same were right, out of fold.

A whole conversation is judged at once (``prepare``): every seller sentence and every client
turn they answer go through the encoder in one gather, and the tone model and the heads are
one product each over all of them, where a turn at a time paid numpy's call overhead some
forty times a turn. A live turn is the same computation over one turn. Every product is
taken row by row, so a sentence scores the same alone as in a whole call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.limits import reads_as_english
from trustworks.analysis.reflection_shape import reads_as_reflection
from trustworks.conversation import Role
from trustworks.sentences import content_words, sentence_spans

if TYPE_CHECKING:
    from trustworks.semantic.encoder import StaticEncoder
    from trustworks.semantic.heads import HeadModel
    from trustworks.semantic.tone import Marker, ToneModel

# A head is shown only when its cross-validated precision reached this when it was trained:
# the whole training procedure, run five times without a fifth of the annotated dialogues, was
# right this often on the fifth it never saw (pooled; the one held-out fifth alone was too few
# findings to decide on).
SHIPPING_PRECISION = 0.85
SHIPPING_MEASURE = "cross_validated_precision"
# Signals whose sentences must also have the behaviour's shape: meaning alone mistakes thanks,
# offers and advice about "you" for a reflection.
SHAPES = {"reflects_their_words": reads_as_reflection}
# Sentences judged in one go at most, so a transcript of any length is judged in bounded
# memory (the figures do not depend on how the turns are grouped). A 40-turn call has some 33
# seller sentences; a longer one's batches of 1,024 gathered some 15 MB of rows, beyond the
# processor's cache, where the sums over them cost several times as much a row. Batches of
# 96 (about 1.5 MB) read 300-turn calls 7-9 % faster and 1,000-turn calls 9-17 %, and a
# 100-turn call as before (64 splits it in two, and a batch's fixed cost shows: -2 %); see
# docs/performance.md, twentieth session.
BATCH_SENTENCES = 96
# How far below a head's threshold (in logits) a sentence must score, before the words it
# answers are read, to be left unjudged on them: far more than float32 rounding moves a logit.
_MARGIN = 0.05


@dataclass(frozen=True)
class _Models:
    """The models the layer runs, and what it derives from them before judging anything."""

    encoder: StaticEncoder
    heads: HeadModel
    tone: ToneModel
    markers: tuple[Marker, ...]
    shown: Any  # heads whose held-out precision reached the shipping bar
    signals: list[str]  # the signal each head reports
    echo: Any  # each head's weights on the two echo features (cosine, shared words)
    lift: Any  # the most the two echo features can add to each head's logit
    floor: Any  # the logit each head's threshold stands for
    courtesy: Any  # the positions of the courteous markers among the marker counts
    curtness: Any  # the positions of the curt markers among the marker counts


def _models(
    encoder: StaticEncoder | None, heads: HeadModel | None, tone: ToneModel | None
) -> _Models:
    import numpy as np

    from trustworks.semantic.encoder import default_encoder
    from trustworks.semantic.features import SHAPE_NAMES
    from trustworks.semantic.heads import HEADS, default_heads
    from trustworks.semantic.tone import COURTESY, CURTNESS, default_markers, default_tone

    encoder = encoder or default_encoder()
    heads = heads or default_heads()
    report = heads.report
    shown = np.array(
        [
            report.get(name, {}).get(SHIPPING_MEASURE, 0.0) >= SHIPPING_PRECISION
            for name in heads.names
        ]
    )
    # The most the two echo features (cosine in [-1, 1], shared words in [0, 1]) can add
    # to each head's logit, and the logit each head's threshold stands for.
    echo = heads.weights[:, encoder.dims + len(SHAPE_NAMES) :].astype(np.float64)
    lift = np.abs(echo[:, 0]) + np.maximum(echo[:, 1], 0.0)
    # A threshold of 1 is met by a float32 probability rounded up to 1 (a logit of 16.6 or
    # more), and one of 0 or less by every sentence.
    chance = np.minimum(heads.thresholds.astype(np.float64), 1 - 1e-7)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.log(chance) - np.log1p(-chance)
    floor = np.where(chance > 0, odds, -np.inf)
    markers = default_markers()
    return _Models(
        encoder,
        heads,
        tone or default_tone(),
        markers,
        shown,
        [HEADS[name].signal for name in heads.names],
        echo,
        lift,
        floor,
        np.array([k for k, m in enumerate(markers) if m.name in COURTESY], dtype=np.intp),
        np.array([k for k, m in enumerate(markers) if m.name in CURTNESS], dtype=np.intp),
    )


@lru_cache(maxsize=1)
def _default_models() -> _Models:
    """The shipped models, and what the layer derives from them, once a process."""
    return _models(None, None, None)


# _Turn and _Judged are private records made for every seller turn: not frozen, because a
# frozen dataclass sets each field through object.__setattr__ (twice the cost to build).
@dataclass(slots=True)
class _Turn:
    """A seller turn to judge: its sentences and what the other side said last."""

    text: str
    spans: list[tuple[int, int]]
    previous: str


def _turn_sums(vectors: Any, counts: Any, starts: Any) -> Any:
    """``np.add.reduceat(vectors, starts, axis=0)``, bit for bit: each turn's sentence rows
    summed, in a few whole-array steps where ``reduceat`` makes a call per column of each turn.

    Up to 8 rows, ``reduceat`` adds the rows after the first one by one to -0.0, then adds
    that to the first; adding -0.0 changes no value, so shorter turns are padded with it.
    """
    import numpy as np

    longest, total = int(counts.max()), int(counts.sum())
    if longest > 8:  # numpy sums 8 rows and more pairwise: left to it
        return np.add.reduceat(vectors[:total], starts, axis=0)
    dims = vectors.shape[1]
    padded = np.vstack([vectors[:total], np.full((1, dims), -0.0, dtype=vectors.dtype)])
    steps = np.arange(longest)
    rows = padded[np.where(steps < counts[:, None], starts[:, None] + steps, total)]
    rest = np.full((len(counts), dims), -0.0, dtype=vectors.dtype)
    for step in range(1, longest):
        rest += rows[:, step]
    return rows[:, 0] + rest


@dataclass(slots=True)
class _Judged:
    """What the layer made of one seller turn."""

    text: str
    tone: float | None  # predicted politeness; None when the turn does not read as English
    sentences: int
    emissions: list[Emission]


class SemanticDetector:
    """Runs the shipped heads over each seller sentence; keeps each head's best sentence.

    It also reads the tone of every seller turn with words enough to judge (``mean_tone``):
    the trust scorer turns the mean into a bounded intimacy term.
    """

    def __init__(
        self,
        encoder: StaticEncoder | None = None,
        heads: HeadModel | None = None,
        tone: ToneModel | None = None,
        *,
        written: bool = False,
    ) -> None:
        # numpy, the encoder and the heads are loaded for the first seller sentence worth
        # judging: a greeting or a one-word draft (`trustworks check "Hello"`) never needs
        # them, and they are a third of a short command's start.
        self._given = (encoder, heads, tone)
        self._written = written  # e-mail and drafts: tone is measured against written talk
        self._loaded = False
        self.tone_total = 0.0  # sum of the seller turns' predicted politeness
        self.toned_turns = 0
        self.toned_sentences = 0  # how much the mean rests on
        self._previous = ""  # what the other side said last
        self._ahead: dict[int, _Judged] = {}  # turns judged in advance, by turn index

    def _load(self) -> None:
        encoder, heads, tone = self._given
        # Every analysis builds a detector: the shipped models' derived arrays are worked out
        # once a process (they cost 100 us, 2.5 us an utterance of a 40-turn call).
        models = (
            _default_models()
            if encoder is None and heads is None and tone is None
            else _models(encoder, heads, tone)
        )
        self._encoder = models.encoder
        self._heads = models.heads
        self._tone = models.tone
        self._markers = models.markers
        self._courtesy = models.courtesy
        self._curtness = models.curtness
        self._shown = models.shown
        self._signals = models.signals
        self._echo_weights = models.echo
        self._lift = models.lift
        self._floor = models.floor
        self._loaded = True

    @property
    def mean_tone(self) -> float | None:
        """The seller's mean predicted politeness so far (None before any turn to judge)."""
        return self.tone_total / self.toned_turns if self.toned_turns else None

    def prepare(self, turns: Sequence[tuple[int, Role, str]]) -> None:
        """Judge the coming turns (index, role, text) at once; `observe` then hands it out.

        What `observe` would make of each turn, given the turns before it: the results are
        the same as turn by turn, only cheaper.
        """
        work = self._work(turns)
        judged = _judged_in_batches(self, [turn for _, turn in work])
        self._ahead = {index: j for (index, _), j in zip(work, judged, strict=True)}

    def _work(self, turns: Sequence[tuple[int, Role, str]]) -> list[tuple[int, _Turn]]:
        """The seller turns to judge among ``turns``, by index, each with what it answers."""
        previous = self._previous
        work: list[tuple[int, _Turn]] = []
        for index, role, text in turns:
            if role is Role.CLIENT:
                previous = text
            elif role is Role.SELLER and (spans := sentence_spans(text)):
                work.append((index, _Turn(text, spans, previous)))
        return work

    def _shares_judgement(self) -> object | None:
        """What another detector must match to judge this one's turns in its batches: the
        shipped models and spoken or written tone (None: judged alone)."""
        return None if any(given is not None for given in self._given) else self._written

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Emit a finding per head that recognises its behaviour in the seller's turn."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            self._previous = text
            return []
        if ctx.role is not Role.SELLER:
            return []
        judged = self._ahead.pop(ctx.index, None)
        if judged is None or judged.text != text:  # not prepared: judge the turn alone
            spans = sentence_spans(text)
            if not spans:
                return []
            judged = self._judge([_Turn(text, spans, self._previous)])[0]
        if judged.tone is not None:
            self.tone_total += judged.tone - self._tone.baseline(written=self._written)
            self.toned_turns += 1
            self.toned_sentences += judged.sentences
        return judged.emissions

    def _judge(self, turns: list[_Turn]) -> list[_Judged]:
        """Tone and head findings for seller turns, each with at least one sentence."""
        if not self._loaded:
            self._load()
        import numpy as np

        from trustworks.semantic.features import turn_shapes

        sentences = [turn.text[a:b] for turn in turns for a, b in turn.spans]
        counts = np.array([len(turn.spans) for turn in turns], dtype=np.intp)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        vectors = self._encoder.encode(sentences)
        # Each sentence's shape for the heads and each turn's for the tone model, read at once.
        read = [turn_shapes(turn.text, turn.spans) for turn in turns]
        shapes = [shape for sentence_shapes, _ in read for shape in sentence_shapes]
        tones = self._tones(turns, vectors, counts, starts, [shape for _, shape in read])
        emissions: list[list[Emission]] = [[] for _ in turns]
        if self._shown.any():
            probabilities = self._probabilities(turns, vectors, counts, starts, shapes)
            passed = (probabilities >= self._heads.thresholds) & self._shown
            # Most turns pass no head: only those that do are looked at one by one.
            rows = np.flatnonzero(passed.any(axis=1))
            owners = np.searchsorted(starts, rows, side="right") - 1
            for owner in np.unique(owners).tolist():
                a, b = int(starts[owner]), int(starts[owner] + counts[owner])
                emissions[owner] = self._emissions(
                    turns[owner], sentences[a:b], probabilities[a:b], passed[a:b]
                )
        return [
            _Judged(turn.text, tone, len(turn.spans), found)
            for turn, tone, found in zip(turns, tones, emissions, strict=True)
        ]

    def _tones(
        self,
        turns: list[_Turn],
        vectors: Any,
        counts: Any,
        starts: Any,
        shapes: list[tuple[float, ...]],
    ) -> list[float | None]:
        """Each English turn's predicted politeness: mean meaning, shape (``shapes``, a turn's
        each) and markers."""
        import numpy as np

        from trustworks.semantic.tone import marker_counts

        english = [k for k, turn in enumerate(turns) if reads_as_english(turn.text)]
        tones: list[float | None] = [None] * len(turns)
        if not english:
            return tones
        sums = _turn_sums(vectors, counts, starts)[english]
        means = (sums / counts[english, None]).astype(np.float32)
        norms = np.sqrt(np.einsum("ij,ij->i", means, means))
        means /= np.where(norms > 0, norms, 1.0)[:, None]
        # The model's rows, written in place: meaning, shape, marker counts.
        dims, shaped = means.shape[1], len(shapes[0])
        rows = np.empty((len(english), dims + shaped + len(self._markers)), dtype=np.float32)
        rows[:, :dims] = means
        rows[:, dims : dims + shaped] = [shapes[k] for k in english]
        rows[:, dims + shaped :] = [marker_counts(turns[k].text, self._markers) for k in english]
        extra = rows[:, dims:]
        predicted = self._tone.predict_rows(rows)
        # Courtesy is something done (thanks, please, a greeting, a hedge, a kind word): a turn
        # with none of it reads at most as ordinary, however its words sit in the model's space
        # ("100 dollars. Cash. I pick it up tomorrow." is no courtesy), and so does one that
        # curses, insults or threatens, whatever thanks it holds. So is curtness (blame,
        # hardball, telling them what they must do): a courteous turn with none of it reads at
        # least as ordinary, since the model's half that reads meaning takes "no worries if
        # not!" for blame by its words "no", "worries" and "not".
        ordinary = self._tone.baseline(written=self._written)
        from trustworks.semantic.features import SHAPE_NAMES
        from trustworks.semantic.tone import UNDOES_COURTESY_GATED

        courteous = extra[:, len(SHAPE_NAMES) + self._courtesy].sum(axis=1) > 0
        curt = extra[:, len(SHAPE_NAMES) + self._curtness].sum(axis=1) > 0
        for k, value, kind, rude in zip(
            english, predicted.tolist(), courteous.tolist(), curt.tolist(), strict=True
        ):
            # Only a turn read above ordinary can be brought down: the search is spared the rest.
            if not kind or (value > ordinary and UNDOES_COURTESY_GATED.search(turns[k].text)):
                tones[k] = min(value, ordinary)
            elif not rude:
                tones[k] = max(value, ordinary)
            else:
                tones[k] = value
        return tones

    def _probabilities(
        self,
        turns: list[_Turn],
        vectors: Any,
        counts: Any,
        starts: Any,
        shapes: list[tuple[float, ...]],
    ) -> Any:
        """Each head's probability for each sentence, exact wherever it could pass.

        The client's words a sentence answers (their encoding, their content words) are read
        only for turns with a sentence that could reach a head's threshold with the most
        they can add: most cannot, and their probabilities, which decide nothing, are left
        without the echo. Products are row by row, so the rows worked out are the same as
        if every row had been. The same holds for the content words once the cosine is known.
        """
        import numpy as np

        # The shapes, then the two echo features, 0 until worked out (the same floats as an
        # array built from tuples, in half the time).
        extra = np.zeros((len(shapes), len(shapes[0]) + 2), dtype=np.float32)
        extra[:, :-2] = shapes
        logits = self._heads.logits_split(vectors, extra)
        answering = np.repeat([bool(turn.previous.strip()) for turn in turns], counts)
        floor = self._floor - _MARGIN
        close = ((logits + self._lift >= floor) & self._shown).any(axis=1) & answering
        rows = np.flatnonzero(close)
        if rows.size:
            owners = np.unique(np.searchsorted(starts, rows, side="right") - 1).tolist()
            picked = np.concatenate([np.arange(starts[k], starts[k] + counts[k]) for k in owners])
            extra[picked, -2:] = self._echo(
                [turns[k] for k in owners], vectors[picked], logits[picked]
            )
            logits[picked] = self._heads.logits_split(vectors[picked], extra[picked])
        out: Any = 1.0 / (1.0 + np.exp(-logits))
        return out

    def _echo(self, turns: list[_Turn], vectors: Any, logits: Any) -> Any:
        """How each sentence of these turns echoes the words it answers: meaning, words.

        ``logits`` are the sentences' logits without the echo. The share of the client's
        words is worked out only for a sentence that could still reach a head's threshold
        once its cosine is known (one in ten); the others keep 0 there, which leaves them
        as far below every threshold as the bound says (a head that the words would lower
        is bounded as if they were 0).
        """
        import numpy as np

        from trustworks.semantic.features import echo_words

        said = {turn.previous: 0 for turn in turns}
        heard = self._encoder.encode(list(said))
        for number, previous in enumerate(said):
            said[previous] = number
        echo = np.zeros((len(vectors), 2), dtype=np.float32)
        answered = [said[turn.previous] for turn in turns for _ in turn.spans]
        echo[:, 0] = np.einsum("ij,ij->i", vectors, heard[answered])
        weights = self._echo_weights
        reach = logits + echo[:, :1] * weights[:, 0] + np.maximum(weights[:, 1], 0.0)
        need = ((reach >= self._floor - _MARGIN) & self._shown).any(axis=1).tolist()
        theirs: dict[str, set[str]] = {}
        row = 0
        for turn in turns:
            for a, b in turn.spans:
                if need[row]:
                    if turn.previous not in theirs:
                        theirs[turn.previous] = content_words(turn.previous)
                    mine = content_words(turn.text[a:b])
                    echo[row, 1] = echo_words(mine, theirs[turn.previous])
                row += 1
        return echo

    def _emissions(
        self, turn: _Turn, sentences: list[str], probabilities: Any, passed: Any
    ) -> list[Emission]:
        """Each passing head's best sentence in one turn, after its shape check."""
        import numpy as np

        for column in np.flatnonzero(passed.any(axis=0)):
            shape = SHAPES.get(self._signals[column])
            if shape is not None:
                for index in np.flatnonzero(passed[:, column]):
                    passed[index, column] = shape(sentences[index], turn.previous)
        emissions = []
        for head in np.flatnonzero(passed.any(axis=0)):
            row = int(np.argmax(np.where(passed[:, head], probabilities[:, head], -1.0)))
            start, end = turn.spans[row]
            emissions.append(
                Emission(
                    self._signals[head],
                    start,
                    end,
                    confidence=round(
                        self._heads.confidence(int(head), probabilities[row, head]), 3
                    ),
                )
            )
        return emissions


def _judged_in_batches(detector: SemanticDetector, turns: list[_Turn]) -> list[_Judged]:
    """``detector``'s judgement of ``turns``, in batches of about `BATCH_SENTENCES`."""
    judged: list[_Judged] = []
    batch: list[_Turn] = []
    sentences = 0
    for turn in turns:
        batch.append(turn)
        sentences += len(turn.spans)
        if sentences >= BATCH_SENTENCES:
            judged += detector._judge(batch)
            batch, sentences = [], 0
    if batch:
        judged += detector._judge(batch)
    return judged


def prepare_together(
    jobs: Sequence[tuple[SemanticDetector, Sequence[tuple[int, Role, str]]]],
) -> list[Exception | None]:
    """Each detector's `prepare` of its turns, the turns of detectors with the shipped models
    judged in batches shared among them (a 40-turn call's 33 seller sentences fill a third of
    one: the batch's fixed cost, a hundred small numpy calls, is paid once for three calls).
    Each turn is judged alone, so each detector holds what its own `prepare` would. What one
    raises is returned in its place (None where all went well); should a shared batch fail,
    each of its detectors prepares alone, and only the one at fault fails.
    """
    errors: list[Exception | None] = [None] * len(jobs)
    shared: dict[object, list[tuple[int, list[tuple[int, _Turn]]]]] = {}
    for number, (detector, turns) in enumerate(jobs):
        try:
            key = detector._shares_judgement()
            if key is None:
                detector.prepare(turns)
                continue
            shared.setdefault(key, []).append((number, detector._work(turns)))
        except Exception as error:
            errors[number] = error
    for members in shared.values():
        first = jobs[members[0][0]][0]
        try:
            judged = _judged_in_batches(first, [turn for _, work in members for _, turn in work])
        except Exception:
            for number, _ in members:
                try:
                    jobs[number][0].prepare(jobs[number][1])
                except Exception as error:
                    errors[number] = error
            continue
        at = 0
        for number, work in members:
            mine = judged[at : at + len(work)]
            at += len(work)
            detector = jobs[number][0]
            try:
                if work and not detector._loaded:
                    detector._load()  # as its own judgement would have: the shared models
            except Exception as error:
                errors[number] = error
                continue
            detector._ahead = {index: j for (index, _), j in zip(work, mine, strict=True)}
    return errors
