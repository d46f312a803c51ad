"""A static sentence encoder: token ids to rows of an embedding matrix, averaged, normalised.

The matrix was distilled from all-MiniLM-L6-v2 with model2vec (``build_encoder.py``), so the
analyzer gets sentence meaning from numpy and a Rust tokenizer, with no torch and no network.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from trustworks.errors import TrustworksError

ENCODER_DIR = "encoder-static-256"
_MAX_TOKENS = 128  # a sentence longer than this is judged by its first 128 word pieces
# BERT's uncased basic tokenizer on ASCII text: lower-case, split on spaces and on every
# punctuation character. Words repeat across any conversations, so each word's pieces are
# worked out once (a bounded table), and the Rust tokenizer sees only words it has not met.
_ASCII_WORD = re.compile(r"[a-z0-9]+|[^a-z0-9\s]")
_WORDS_KEPT = 100_000
# The table keeps each word's pieces packed as C ints in one bytes object: a text's pieces are
# then one join and one buffer for numpy, where a tuple of Python ints had each of its ints
# touched on the way (a table of many words lies mostly outside the processor's cache).
_ID = "i"
_ID_BYTES = array(_ID).itemsize
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# The matrix ships as float16 and is memory-mapped: a short command reads only the rows its
# sentences use and widens just those (widening all 7.5 million values costs 0.02-0.2 s).
# Widening row by row is slower per sentence, so after this many pieces (a few thousand
# sentences) the whole matrix is widened once. float16 to float32 is exact: the vectors are
# the same either way.
_WIDEN_AFTER = 50_000


def _as_normalised(text: str) -> str | None:
    """``text`` as BERT's normaliser leaves it but for case, when the word table, which
    splits as its pre-tokeniser does, then gives the tokenizer's pieces; else None.

    It does for punctuation (which the pre-tokeniser splits off) and for symbols such as an
    emoji or "£" (kept in the word around them, as in "great🙂" or "£5", and looked up as
    that word), neither of which may change when lower-cased or decomposed; nonspacing marks
    (the variation selector of "☹️") it drops, as the normaliser does. U+FFFD, which it drops
    too, and anything else (accented letters, other scripts) go through the whole
    tokenizer, which costs 45-140 us a turn against 13.
    """
    marks = False
    for found in _NON_ASCII.finditer(text):
        char = found.group()
        kind = unicodedata.category(char)
        if kind == "Mn" and all(unicodedata.category(c) == "Mn" for c in _nfd(char)):
            marks = True
        elif kind[0] not in "PS" or char == "\ufffd" or char.lower() != char or _nfd(char) != char:
            return None
    if marks:
        return "".join(c for c in text if c.isascii() or unicodedata.category(c) != "Mn")
    return text


def _nfd(char: str) -> str:
    return unicodedata.normalize("NFD", char)


def _bert_words(token: str) -> list[str]:
    """The words BERT's pre-tokeniser makes of a space-free token: each punctuation mark
    alone, and the runs of anything else (letters, digits, symbols) between them."""
    words: list[str] = []
    run = ""
    for char in token:
        if _is_punctuation(char):
            if run:
                words.append(run)
                run = ""
            words.append(char)
        else:
            run += char
    if run:
        words.append(run)
    return words


def _is_punctuation(char: str) -> bool:
    """A character BERT's pre-tokeniser splits off: ASCII punctuation or Unicode's P*."""
    if char.isascii():
        return not char.isalnum() and char.isprintable() and not char.isspace()
    return unicodedata.category(char)[0] == "P"


class EncoderError(TrustworksError):
    """The shipped encoder is missing or damaged."""


@dataclass(frozen=True)
class StaticEncoder:
    """Mean of static token embeddings, L2-normalised; one row per text."""

    tokenizer: Tokenizer
    vectors: np.ndarray[Any, np.dtype[np.floating[Any]]]  # float16 as shipped, or float32
    unknown_id: int | None
    _words: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    _wide: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _vocabulary: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def pieces(self, text: str) -> list[int]:
        """Word-piece ids of ``text``, unknown pieces left out (what the tokenizer gives)."""
        return array(_ID, self._packed(text)).tolist()

    def _packed(self, text: str) -> bytes:
        """`pieces` packed as C ints."""
        # A printable text holds no control character: the search is for the rare other one.
        controls = not text.isprintable() and _CONTROL.search(text) is not None
        normal = None if controls else text if text.isascii() else _as_normalised(text)
        if normal is None:
            # A lone surrogate (from a bad byte or a JSON escape) is not text to the tokenizer.
            text = text.encode("utf-8", "replace").decode("utf-8")
            encoded = self.tokenizer.encode(text, add_special_tokens=False).ids
            return array(_ID, [i for i in encoded if i != self.unknown_id]).tobytes()
        text = normal
        # Split at spaces first (the only whitespace such text holds): a run of word
        # characters or a mark never spans a space, so each space-free token ("don't,") has
        # the pieces of its words and marks, remembered like a word's. str.split is several
        # times faster than the regex, which then runs only on tokens not met before.
        table = self._words
        packed: list[bytes] = []
        for token in text.lower().split():
            found = table.get(token)
            if found is None:
                found = self._token_pieces(token)
                if len(table) < _WORDS_KEPT:
                    table[token] = found
            packed.append(found)
        return b"".join(packed)

    def _token_pieces(self, token: str) -> bytes:
        """The word-piece ids of one space-free token (of each word and mark in it), packed."""
        table = self._words
        found = b""
        for word in _ASCII_WORD.findall(token) if token.isascii() else _bert_words(token):
            pieces = table.get(word)
            if pieces is None:
                # A word as the BERT normaliser and pre-tokeniser would hand it to the
                # word-piece model (lower case, a mark alone, a symbol in its word). The
                # model tries the whole word first: one in its vocabulary is that one piece
                # (most new words); for others ask the model alone (2 us a word against 7
                # for the whole pipeline).
                whole = (self._vocabulary or self._read_vocabulary()).get(word)
                if whole is not None:
                    ids = [whole] if whole != self.unknown_id else []
                else:
                    encoded = self.tokenizer.model.tokenize(word)
                    ids = [t.id for t in encoded if t.id != self.unknown_id]
                pieces = array(_ID, ids).tobytes()
                if len(table) < _WORDS_KEPT:
                    table[word] = pieces
            found += pieces
        return found

    def _read_vocabulary(self) -> dict[str, int]:
        """The words the word-piece model takes whole: its vocabulary, but for pieces longer
        than it reads (a longer word is unknown to it). Read once; a race reads it twice."""
        model = self.tokenizer.model
        longest = getattr(model, "max_input_chars_per_word", 100)
        vocabulary = self.tokenizer.get_vocab(with_added_tokens=False)
        self._vocabulary.update((w, i) for w, i in vocabulary.items() if len(w) <= longest)
        return self._vocabulary

    @property
    def dims(self) -> int:
        """Length of each sentence vector."""
        return int(self.vectors.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One normalised vector per text (zeros for a text with no known word piece)."""
        packed = [self._packed(text)[: _MAX_TOKENS * _ID_BYTES] for text in texts]
        counts = [len(pieces) // _ID_BYTES for pieces in packed]
        rows = [k for k, count in enumerate(counts) if count]
        if not rows:
            return np.zeros((len(texts), self.dims), dtype=np.float32)
        # All texts' pieces in one gather and one reduceat. The mean's direction is the sum's,
        # so the sum is normalised directly.
        flat = np.frombuffer(b"".join(packed), dtype=np.intc)
        starts = np.cumsum([0, *(counts[k] for k in rows[:-1])])
        sums = np.add.reduceat(self._rows(flat), starts, axis=0)
        norms = np.sqrt(np.einsum("ij,ij->i", sums, sums))
        normalised: np.ndarray[Any, np.dtype[np.float32]] = sums / np.maximum(norms, 1e-12)[:, None]
        if len(rows) == len(texts):  # nearly always: no zero rows to place them among
            return normalised
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        out[rows] = normalised
        return out

    def _rows(self, flat: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """The float32 rows of the matrix at ``flat``."""
        rows: np.ndarray[Any, Any]
        wide: np.ndarray[Any, Any] | None = self._wide.get("matrix")
        if wide is not None:
            rows = wide.take(flat, axis=0)  # the same rows as ``wide[flat]``, a quarter sooner
        elif self.vectors.dtype == np.float32:
            rows = self.vectors[flat]
        elif (gathered := self._wide.get("gathered", 0) + len(flat)) < _WIDEN_AFTER:
            self._wide["gathered"] = gathered
            rows = np.asarray(self.vectors[flat], dtype=np.float32)
        else:
            rows = self.widen()[flat]
        return rows

    def widen(self) -> np.ndarray[Any, np.dtype[np.float32]]:
        """The whole matrix as float32, widened now if it was not (a server or batch at start)."""
        wide: np.ndarray[Any, np.dtype[np.float32]] | None = self._wide.get("matrix")
        if wide is None:
            # A race widens twice, which is harmless.
            wide = self._wide["matrix"] = np.asarray(self.vectors, dtype=np.float32)
        return wide

    def encode_spans(
        self, text: str, spans: list[tuple[int, int]]
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One vector per ``text[start:end]`` span (a turn's sentences)."""
        return self.encode([text[start:end] for start, end in spans])


def load_encoder(folder: Path) -> StaticEncoder:
    """Read an encoder folder: ``tokenizer.json``, ``vectors.npy`` and ``config.json``."""
    try:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, Exception) as error:  # tokenizers raises a bare Exception
        raise EncoderError(f"cannot read the sentence encoder in {folder}: {error}") from None
    if vectors.ndim != 2 or vectors.shape[0] != tokenizer.get_vocab_size():
        raise EncoderError(
            f"{folder}: vectors.npy has shape {vectors.shape}, the tokenizer "
            f"{tokenizer.get_vocab_size()} word pieces"
        )
    tokenizer.no_padding()
    tokenizer.no_truncation()
    unknown = config.get("unknown_token_id")
    return StaticEncoder(tokenizer, vectors, unknown if isinstance(unknown, int) else None)


@lru_cache(maxsize=1)
def default_encoder() -> StaticEncoder:
    """The encoder shipped inside the package, loaded once."""
    folder = resources.files("trustworks.semantic") / "models" / ENCODER_DIR
    return load_encoder(Path(str(folder)))
