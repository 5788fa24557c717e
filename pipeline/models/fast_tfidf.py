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

Speed comes from counting each distinct word once per document and caching a word's feature
columns across documents (a press release repeats its words; so does a corpus). The cache only
stores pure functions of the word, so results never depend on what was scored before.
``tests/test_fast_tfidf.py`` compares the output with scikit-learn's bit for bit.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's whitespace normalisation for char n-grams
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_CACHE_LIMIT = 200_000  # distinct words remembered per vectoriser (a few tens of MB at most)
_EMPTY = np.zeros(0, dtype=np.int64)


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
        self._columns: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.terms)

    # -- analysers -------------------------------------------------------------------------

    def _word_columns(self, word: str) -> np.ndarray:
        """Columns of the char_wb n-grams of one word (with repeats), as scikit-learn emits them."""
        cached = self._columns.get(word)
        if cached is not None:
            return cached
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
        columns = np.asarray(found, dtype=np.int64) if found else _EMPTY
        if len(self._columns) >= _CACHE_LIMIT:
            self._columns.clear()
        self._columns[word] = columns
        return columns

    def _char_wb_counts(self, text: str) -> tuple[list[np.ndarray], list[int]]:
        words = Counter(_WHITE_SPACES.sub(" ", text).split())
        return [self._word_columns(w) for w in words], list(words.values())

    def _word_counts(self, text: str) -> tuple[list[np.ndarray], list[int]]:
        tokens = _TOKEN.findall(text)
        min_n, max_n = self.ngram_range
        grams: list[str] = tokens[:] if min_n == 1 else []
        for n in range(max(min_n, 2), min(max_n + 1, len(tokens) + 1)):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        vocab = self.vocabulary
        cols, counts = [], []
        for gram, count in Counter(grams).items():
            col = vocab.get(gram)
            if col is not None:
                cols.append(np.asarray([col], dtype=np.int64))
                counts.append(count)
        return cols, counts

    # -- transform -------------------------------------------------------------------------

    def transform_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted column indices and their L2-normalised TF-IDF values for one text."""
        text = text.lower()
        parts, weights = self._char_wb_counts(text) if self.analyzer == "char_wb" else self._word_counts(text)
        if not parts:
            return _EMPTY, np.zeros(0, dtype=np.float64)
        columns = np.concatenate(parts)
        if not len(columns):
            return _EMPTY, np.zeros(0, dtype=np.float64)
        repeats = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        dense = np.bincount(
            columns, weights=np.repeat(np.asarray(weights, dtype=np.float64), repeats), minlength=len(self.terms)
        )
        indices = np.flatnonzero(dense)
        data = dense[indices]
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        data *= self.idf[indices]
        total = np.cumsum(data * data)[-1]
        if total != 0.0:
            data /= np.sqrt(total)
        return indices, data


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
