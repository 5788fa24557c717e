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
analysers can start from the same words) and caching per word what depends only on the word, as
packed C ints: its char_wb columns, or its tokens' ids. A text's values are then one
``bytes.join`` plus a handful of whole-array NumPy calls (one ``bincount``), whatever its length:
NumPy's per-call overhead, not arithmetic, is what costs on arrays this small. The caches only
store pure functions of the word, so results never depend on what was scored before.
``tests/test_fast_tfidf.py`` compares the output with scikit-learn's bit for bit.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from itertools import chain, repeat
from typing import Any

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_CACHE_LIMIT = 200_000  # distinct words remembered per vectoriser (a few tens of MB at most)
_EMPTY = np.zeros(0, dtype=np.int64)
_INT = "i"  # array typecode of a C int, which NumPy reads back as ``np.intc``


class _PerWord(dict[str, Any]):
    """word → ``compute(word)``, computed on first lookup (a pure function of the word)."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> Any:
        value = self[word] = self._compute(word)
        return value


def _joined_ints(cache: _PerWord, words: list[str]) -> np.ndarray:
    """The per-word int arrays (stored as bytes) of ``words`` one after another, in one array:
    one ``bytes.join`` instead of one NumPy call per word (NumPy's per-call overhead dominates on
    arrays this small). A word that occurs k times contributes its values k times."""
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    return np.frombuffer(b"".join(map(cache.__getitem__, words)), dtype=np.intc)


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
        self.idf = np.asarray(block["idf"], dtype=np.float64)
        if self.analyzer == "char_wb":
            self._columns = _PerWord(lambda word: array(_INT, self._word_columns(word)).tobytes())
        else:
            self._init_word_grams()

    def __len__(self) -> int:
        return len(self.terms)

    # -- char_wb ----------------------------------------------------------------------------

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

    # -- word -------------------------------------------------------------------------------

    def _init_word_grams(self) -> None:
        """Lookup tables over token ids: every token of a vocabulary term gets an id from 1 on;
        all other tokens share id 0, which no term contains (so no n-gram with it is counted).

        Unigrams and bigrams are then counted with a few whole-array NumPy operations: a unigram's
        column is ``_unigram[id]``, a bigram's ``_bigram[_first[a] + _second[b]]`` (a dense table
        over the tokens that begin, and those that end, some vocabulary bigram). Every lookup
        outside the vocabulary gives ``len(self)``, a slot counted and then dropped. Longer
        n-grams (no shipped model has them) are looked up as token tuples.
        """
        outside = len(self.terms)
        grams = [tuple(t.split(" ")) for t in self.terms]
        ids = {tok: i for i, tok in enumerate(dict.fromkeys(tok for gram in grams for tok in gram), start=1)}
        self._token_ids = _PerWord(lambda word: array(_INT, [ids.get(t, 0) for t in _TOKEN.findall(word)]).tobytes())
        self._unigram = np.full(len(ids) + 1, outside, dtype=np.intp)
        pairs = [(gram, col) for col, gram in enumerate(grams) if len(gram) == 2]
        firsts = {ids[a]: i for i, a in enumerate(dict.fromkeys(a for (a, _), _ in pairs), start=1)}
        seconds = {ids[b]: i for i, b in enumerate(dict.fromkeys(b for (_, b), _ in pairs), start=1)}
        width = len(seconds) + 1
        self._first = np.zeros(len(ids) + 1, dtype=np.intp)
        self._first[list(firsts)] = np.array(list(firsts.values()), dtype=np.intp) * width
        self._second = np.zeros(len(ids) + 1, dtype=np.intp)
        self._second[list(seconds)] = list(seconds.values())
        # The smallest integer type that holds every column: the table has millions of slots read
        # at random, and at a quarter of the size more of it stays cached between documents.
        self._bigram = np.full((len(firsts) + 1) * width, outside, dtype=np.min_scalar_type(outside))
        for (a, b), col in pairs:
            self._bigram[firsts[ids[a]] * width + seconds[ids[b]]] = col
        for col, gram in enumerate(grams):
            if len(gram) == 1:
                self._unigram[ids[gram[0]]] = col
        self._long_grams = {gram: col for col, gram in enumerate(grams) if len(gram) > 2}
        self._tokens = _PerWord(lambda word: tuple(_TOKEN.findall(word)))

    def _word_ngram_columns(self, words: list[str]) -> list[np.ndarray]:
        """Columns of the word n-grams of a text given as its whitespace-split words, with
        ``len(self)`` for those outside the vocabulary.

        ``token_pattern`` matches runs of word characters, which never contain whitespace, so
        the text's tokens are those of its whitespace-split words in order (cached per word).
        """
        min_n, max_n = self.ngram_range
        ids = _joined_ints(self._token_ids, words)
        found: list[np.ndarray] = []
        if min_n == 1:
            found.append(self._unigram[ids])
        if min_n <= 2 <= max_n and len(ids) > 1:
            found.append(self._bigram[self._first[ids[:-1]] + self._second[ids[1:]]])
        if max_n > 2:
            found.append(np.array(self._long_gram_columns(words), dtype=np.intp))
        return found

    def _long_gram_columns(self, words: list[str]) -> list[int]:
        """Columns of the n-grams with n ≥ 3, looked up as token tuples."""
        if len(self._tokens) >= _CACHE_LIMIT:
            self._tokens.clear()
        tokens = list(chain.from_iterable(map(self._tokens.__getitem__, words)))
        outside = len(self.terms)
        found: list[int] = []
        for n in range(max(self.ngram_range[0], 3), min(self.ngram_range[1] + 1, len(tokens) + 1)):
            found.extend(map(self._long_grams.get, zip(*(tokens[i:] for i in range(n)), strict=False), repeat(outside)))
        return found

    # -- transform -------------------------------------------------------------------------

    def _counts(self, words: list[str]) -> np.ndarray:
        """Dense n-gram counts (int64, one extra slot for n-grams outside the vocabulary)."""
        if self.analyzer == "char_wb":
            columns = _joined_ints(self._columns, words)
        else:
            found = self._word_ngram_columns(words)
            columns = np.concatenate(found) if found else _EMPTY
        return np.bincount(columns, minlength=len(self.terms) + 1)

    def transform_words(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``transform_one`` of a text given as ``text.lower().split()``.

        ``split()`` breaks at runs of the characters ``\\s`` matches, so it gives the same words
        as scikit-learn's collapse of whitespace runs followed by ``split()``. Counts are whole
        numbers, so integer counting then conversion gives the float64 counts scikit-learn has.
        """
        dense = self._counts(words)
        indices = (dense[: len(self.terms)] != 0).nonzero()[0]  # as flatnonzero, but faster on int64
        if not len(indices):
            return _EMPTY, np.zeros(0, dtype=np.float64)
        data = dense[indices].astype(np.float64)
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
