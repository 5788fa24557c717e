"""A lean, exact re-implementation of scikit-learn's ``TfidfVectorizer.transform`` for scoring.

Why: scoring one press release through scikit-learn costs several milliseconds (input
validation, a Python dict update per n-gram, sparse-matrix bookkeeping) and importing
scikit-learn costs over a second per process. The stored models only need the transform, so
this module rebuilds it from the JSON block (terms in column order, IDF) with the same
arithmetic in the same order, which gives bit-identical floats:

- the same analysers (lowercase; ``char_wb`` n-grams inside whitespace-split words padded with
  a space, a short word counted once; ``word`` n-grams of ``(?u)\\b\\w\\w+\\b`` tokens);
- counts as float64, ``log(count) + 1`` (``sublinear_tf``), times IDF, in column order;
- the L2 norm summed sequentially (as scikit-learn's Cython loop does; ``np.cumsum`` is
  sequential, ``np.sum`` is not), then each value divided by it.

Speed comes from splitting the lowercased text once (``split()`` breaks at the same whitespace
runs scikit-learn collapses, and ``token_pattern`` tokens never contain whitespace, so both
analysers can start from the same words), counting each distinct word once per document and
caching per word what depends only on the word: its char_wb columns, kept in one pool array so
that a document's columns are gathered with a handful of NumPy calls rather than one per word,
and its tokens. The caches only store pure functions of the word, so results never depend on
what was scored before.
``tests/test_fast_tfidf.py`` compares the output with scikit-learn's bit for bit.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain, repeat
from typing import Any

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_CACHE_LIMIT = 200_000  # distinct words remembered per vectoriser (a few tens of MB at most)
_EMPTY = np.zeros(0, dtype=np.int64)


class _WordTokens(dict[str, tuple[str, ...]]):
    """word → its ``token_pattern`` tokens, computed on first lookup (a pure function of the word)."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        tokens = self[word] = tuple(_TOKEN.findall(word))
        return tokens


class _WordIds(dict[str, int]):
    """word → row of its char_wb columns in the owner's pool, computed on first lookup."""

    def __init__(self, owner: LeanTfidf) -> None:
        super().__init__()
        self._owner = owner

    def __missing__(self, word: str) -> int:
        row = self[word] = self._owner._add_word(word)
        return row


class LeanTfidf:
    """``transform`` of one stored TF-IDF block, returning each text's (columns, values)."""

    def __init__(self, block: dict[str, Any]) -> None:
        params = block["params"]
        self.analyzer: str = params["analyzer"]
        if self.analyzer not in {"char_wb", "word"} or not params["lowercase"]:
            raise ValueError(f"unsupported vectoriser settings {params!r}")
        self.ngram_range: tuple[int, int] = tuple(params["ngram_range"])  # type: ignore[assignment]
        self.sublinear_tf: bool = bool(params["sublinear_tf"])
        self.terms: list[str] = list(block["terms"])
        self.vocabulary: dict[str, int] = {t: i for i, t in enumerate(self.terms)}
        # A word n-gram is its tokens joined by single spaces and tokens contain no whitespace,
        # so a tuple of tokens is in the vocabulary exactly when its join is: looking tuples up
        # spares building the joined string of every n-gram of a text.
        self._grams: dict[tuple[str, ...], int] = (
            {tuple(t.split(" ")): i for i, t in enumerate(self.terms)} if self.analyzer == "word" else {}
        )
        self.idf = np.asarray(block["idf"], dtype=np.float64)
        self._tokens = _WordTokens()
        self._reset_pool()

    def __len__(self) -> int:
        return len(self.terms)

    # -- char_wb: every distinct word's columns in one pool --------------------------------

    def _reset_pool(self) -> None:
        """Forget all words. The pool is one int32 array of columns with (start, length) per word,
        so that a text's columns are gathered with a few NumPy calls instead of one per word."""
        self._ids = _WordIds(self)
        self._pool = np.zeros(1024, dtype=np.int32)
        self._used = 0
        self._starts = np.zeros(256, dtype=np.int64)
        self._lengths = np.zeros(256, dtype=np.int64)
        self._new_columns: list[int] = []
        self._new_lengths: list[int] = []

    def _add_word(self, word: str) -> int:
        """Queue a new word's columns; ``_flush`` stores the queue in the arrays once per text
        (element-wise writes into NumPy arrays cost microseconds each)."""
        columns = self._word_columns(word)
        self._new_columns.extend(columns)
        self._new_lengths.append(len(columns))
        return len(self._ids)

    def _flush(self) -> None:
        rows, new = len(self._new_lengths), len(self._new_columns)
        first = len(self._ids) - rows
        if first + rows > len(self._starts):
            grow = max(first + rows, len(self._starts))
            self._starts = np.concatenate([self._starts, np.zeros(grow, dtype=np.int64)])
            self._lengths = np.concatenate([self._lengths, np.zeros(grow, dtype=np.int64)])
        if self._used + new > len(self._pool):
            grow = max(self._used + new, len(self._pool))
            self._pool = np.concatenate([self._pool, np.zeros(grow, dtype=np.int32)])
        lengths = np.array(self._new_lengths, dtype=np.int64)
        self._lengths[first : first + rows] = lengths
        self._starts[first : first + rows] = self._used + np.cumsum(lengths) - lengths
        self._pool[self._used : self._used + new] = self._new_columns
        self._used += new
        self._new_columns, self._new_lengths = [], []

    def _word_columns(self, word: str) -> list[int]:
        """Columns of the char_wb n-grams of one word (with repeats), as scikit-learn emits them."""
        vocab = self.vocabulary
        w = " " + word + " "
        w_len = len(w)
        found: list[int] = []
        min_n, max_n = self.ngram_range
        for n in range(min_n, max_n + 1):
            offset = 0
            col = vocab.get(w[offset : offset + n])
            if col is not None:
                found.append(col)
            while offset + n < w_len:
                offset += 1
                col = vocab.get(w[offset : offset + n])
                if col is not None:
                    found.append(col)
            if offset == 0:  # a short word (w_len < n) is counted only once
                break
        return found

    def _char_wb_counts(self, words: list[str]) -> np.ndarray:
        """Dense n-gram counts (float64) of a text given as its whitespace-split words."""
        if len(self._ids) >= _CACHE_LIMIT:
            self._reset_pool()
        distinct = Counter(words)
        rows = np.fromiter(map(self._ids.__getitem__, distinct), dtype=np.int64, count=len(distinct))
        if self._new_lengths:
            self._flush()
        lengths = self._lengths[rows]
        ends = np.cumsum(lengths)
        if not len(ends) or not ends[-1]:
            return np.zeros(len(self.terms), dtype=np.float64)
        # position k of word r's run in the gathered array reads pool[start_r + k]
        gather = np.arange(ends[-1]) + np.repeat(self._starts[rows] - (ends - lengths), lengths)
        counts = np.fromiter(distinct.values(), dtype=np.float64, count=len(distinct))
        # bincount adds whole numbers, which float64 sums exactly in any order
        return np.bincount(self._pool[gather], weights=np.repeat(counts, lengths), minlength=len(self.terms))

    # -- word -------------------------------------------------------------------------------

    def _word_ngram_counts(self, words: list[str]) -> np.ndarray:
        """Dense n-gram counts (float64) of a text given as its whitespace-split words.

        ``token_pattern`` matches runs of word characters, which never contain whitespace, so
        the text's tokens are those of its whitespace-split words in order (cached per word).
        """
        if len(self._tokens) >= _CACHE_LIMIT:
            self._tokens.clear()
        tokens = list(chain.from_iterable(map(self._tokens.__getitem__, words)))
        min_n, max_n = self.ngram_range
        outside = len(self.terms)  # the column counted for n-grams not in the vocabulary, then dropped
        found: list[int] = []
        if min_n == 1:
            found.extend(map(self.vocabulary.get, tokens, repeat(outside)))
        grams = self._grams
        for n in range(max(min_n, 2), min(max_n + 1, len(tokens) + 1)):
            found.extend(map(grams.get, zip(*(tokens[i:] for i in range(n)), strict=False), repeat(outside)))
        counts = np.bincount(np.array(found, dtype=np.int64), minlength=outside + 1)[:outside]
        return counts.astype(np.float64)

    # -- transform -------------------------------------------------------------------------

    def transform_words(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``transform_one`` of a text given as ``text.lower().split()``.

        ``split()`` breaks at runs of the characters ``\\s`` matches, so it gives the same words
        as scikit-learn's collapse of whitespace runs followed by ``split()``.
        """
        dense = self._char_wb_counts(words) if self.analyzer == "char_wb" else self._word_ngram_counts(words)
        indices = np.flatnonzero(dense)
        if not len(indices):
            return _EMPTY, np.zeros(0, dtype=np.float64)
        data = dense[indices]
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        data *= self.idf[indices]
        total = np.cumsum(data * data)[-1]
        if total != 0.0:
            data /= np.sqrt(total)
        return indices, data

    def transform_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted column indices and their L2-normalised TF-IDF values for one text."""
        return self.transform_words(text.lower().split())


def csr_rows(vectorisers: list[LeanTfidf], views: list[list[str]], extra: np.ndarray | None = None) -> Any:
    """The horizontally stacked feature matrix (one row per text) that the models multiply.

    ``views[k][i]`` is the text vectoriser ``k`` reads for row ``i``; ``extra`` is a dense block
    appended on the right (its zeros dropped, as ``scipy.sparse.csr_matrix`` does). Column
    order within a row is the same as ``sparse.hstack([...]).tocsr()`` of scikit-learn's blocks.
    """
    from scipy import sparse

    n_rows = len(views[0]) if views else (0 if extra is None else extra.shape[0])
    width = sum(len(v) for v in vectorisers) + (0 if extra is None else extra.shape[1])
    row_indices: list[np.ndarray] = []
    row_data: list[np.ndarray] = []
    indptr = [0]
    for i in range(n_rows):
        offset, count = 0, 0
        for vec, view in zip(vectorisers, views, strict=True):
            idx, data = vec.transform_one(view[i])
            row_indices.append(idx + offset)
            row_data.append(data)
            offset += len(vec)
            count += len(idx)
        if extra is not None:
            idx = np.flatnonzero(extra[i])
            row_indices.append(idx + offset)
            row_data.append(np.asarray(extra[i][idx], dtype=np.float64))
            count += len(idx)
        indptr.append(indptr[-1] + count)
    indices = np.concatenate(row_indices) if row_indices else _EMPTY
    data = np.concatenate(row_data) if row_data else np.zeros(0, dtype=np.float64)
    return sparse.csr_matrix((data, indices, np.asarray(indptr)), shape=(n_rows, width))
