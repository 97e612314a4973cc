"""py3langid's naive Bayes, scored for many texts at once with numpy.

py3langid walks a byte automaton in a Python loop per text, then takes one small dot product:
about 170 microseconds for a tweet, more than scoring its sentiment. Here the automaton is
walked for a whole batch together, one byte column at a time across all texts (texts sorted
by length, so each column touches only the texts still running), and the per-text feature
counts are turned into log-posteriors with one gather and one segmented sum. Same model, same
features (`log1p` of each feature's count), same length normalisation and softmax as
`LanguageIdentifier.rank` with `norm_probs=True`; only the summation order differs, so a
probability may differ in its last float32 digits (tests/sentiment/test_language_batch.py
checks that the decisions agree on the shared corpora).

A text's result does not depend on the other texts of its batch: a live batch of 200 and a
replay's batch of 2,000 give the same answer for the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

NUMPY_MIN_TEXTS = 12  # below this many running texts, a Python byte loop is cheaper


class BatchIdentifier:
    """Probabilities over `languages` for many texts, from a py3langid LanguageIdentifier."""

    def __init__(self, identifier: Any, languages: Sequence[str]) -> None:
        classes = list(identifier._full_model[2])
        full_ptc, full_pc = identifier._full_model[0], identifier._full_model[1]
        columns = [classes.index(lang) for lang in languages]
        self.languages = tuple(languages)
        # float16 in the model; float32 products as py3langid's `log1p(counts) @ table`.
        self._table = np.ascontiguousarray(full_ptc[:, columns], dtype=np.float32)
        self._prior = np.asarray(full_pc[columns], dtype=np.float32)
        # A view, not a copy: the transition table is 9.8 million entries.
        self._next = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
        self._rowbase = np.asarray(identifier.tk_row, dtype=np.int64) << 8
        self._output = np.asarray(identifier.tk_output, dtype=np.int64)
        self._features = len(self._table)
        # py3langid's own input preparation (all-caps lowered, NFC, UTF-8).
        self.encode = identifier._encode
        # The same tables as Python sequences, for walking a few texts byte by byte.
        self._py_next = identifier.tk_nextmove
        self._py_rowbase = [int(r) << 8 for r in identifier.tk_row]
        self._py_output = list(identifier.tk_output)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per language, each row summing to 1."""
        count = len(texts)
        out = np.zeros((count, len(self.languages)), dtype=np.float64)
        if count == 0:
            return out
        encoded = [self.encode(text) for text in texts]
        lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=count)
        order = np.argsort(-lengths, kind="stable")
        sorted_lengths = lengths[order]
        width = int(sorted_lengths[0])
        features = np.full((count, max(width, 1)), -1, dtype=np.int64)
        if width and count < NUMPY_MIN_TEXTS:
            self._walk_tail(encoded, order, sorted_lengths, np.zeros(count, dtype=np.uint32),
                            features, 0)
        elif width:
            grid = np.zeros((count, width), dtype=np.uint8)
            flat = np.frombuffer(b"".join(encoded[i] for i in order), dtype=np.uint8)
            rows = np.repeat(np.arange(count), sorted_lengths)
            starts = np.cumsum(sorted_lengths) - sorted_lengths
            cols = np.arange(len(flat)) - np.repeat(starts, sorted_lengths)
            grid[rows, cols] = flat
            # active[j]: how many (longest-first) texts have a byte at column j.
            active = np.searchsorted(-sorted_lengths, -np.arange(width), side="right")
            state = np.zeros(count, dtype=np.uint32)
            nxt, rowbase, output = self._next, self._rowbase, self._output
            j = 0
            # numpy pays per call, not per text: columns are walked together while enough
            # texts are still running, the long tail one text at a time.
            while j < width and active[j] >= NUMPY_MIN_TEXTS:
                n = int(active[j])
                s = nxt[rowbase[state[:n]] + grid[:n, j]]
                state[:n] = s
                features[:n, j] = output[s]
                j += 1
            if j < width:
                self._walk_tail(encoded, order, sorted_lengths, state, features, j)
        raw = self._raw_scores(features, count)
        # Undo the sort, then py3langid's normalisation: divide by sqrt(bytes), softmax.
        scores = np.empty_like(raw)
        scores[order] = raw
        scores /= np.sqrt(np.maximum(lengths, 1))[:, None]
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def _walk_tail(self, encoded: list[bytes], order: np.ndarray, lengths: np.ndarray,
                   state: np.ndarray, features: np.ndarray, column: int) -> None:
        nxt, rowbase, output = self._py_next, self._py_rowbase, self._py_output
        for k in range(int(np.searchsorted(-lengths, -column, side="right"))):
            current = int(state[k])
            row = features[k]
            for j, byte in enumerate(encoded[order[k]][column:], start=column):
                current = nxt[rowbase[current] + byte]
                row[j] = output[current]

    def _raw_scores(self, features: np.ndarray, count: int) -> np.ndarray:
        """Naive Bayes log-posteriors (in sorted order); featureless texts score 0 (uniform),
        as py3langid does with normalised probabilities."""
        raw = np.zeros((count, len(self.languages)), dtype=np.float64)
        rows, cols = np.nonzero(features >= 0)
        if len(rows) == 0:
            return raw
        keys = rows * self._features + features[rows, cols]
        keys, counts = np.unique(keys, return_counts=True)
        text = keys // self._features
        contrib = np.log1p(counts.astype(np.float32))[:, None] * self._table[keys % self._features]
        firsts = np.flatnonzero(np.r_[True, text[1:] != text[:-1]])
        raw[text[firsts]] = np.add.reduceat(contrib, firsts, axis=0, dtype=np.float64) + self._prior
        return raw
