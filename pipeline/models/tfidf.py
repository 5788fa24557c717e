"""TF-IDF vectorisers stored as plain JSON blocks (settings, vocabulary in column order, IDF).

Shared by every linear model here so that each file format stores and rebuilds its features the
same way: loading executes no code and does not depend on the scikit-learn version that trained it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # scikit-learn is imported only to train or rebuild (over a second per process)
    from sklearn.feature_extraction.text import TfidfVectorizer

#: Stored numbers are rounded so that files are small and identical across BLAS builds.
DIGITS = 6
_STORED_PARAMS = ("analyzer", "ngram_range", "lowercase", "sublinear_tf")


def make_vectoriser(analyzer: str, ngrams: tuple[int, int], max_features: int, min_df: int) -> TfidfVectorizer:
    """The one TF-IDF configuration the models use (sublinear tf, lowercase, float64)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer=analyzer,
        ngram_range=ngrams,
        max_features=max_features,
        lowercase=True,
        sublinear_tf=True,
        min_df=min_df,
        dtype=np.float64,
    )


def round_idf(vec: TfidfVectorizer) -> None:
    """Round a fitted vectoriser's IDF in place, so that training and loading score identically."""
    vec.idf_ = np.round(vec.idf_, DIGITS)


def vectoriser_block(name: str, vec: TfidfVectorizer) -> dict[str, Any]:
    """A fitted vectoriser as a JSON-ready dict; terms are a list in column order."""
    terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    return {
        "name": name,
        "params": {k: vec.get_params()[k] for k in _STORED_PARAMS},
        "terms": terms,
        "idf": [float(v) for v in vec.idf_],
    }


def vectoriser_from_block(block: dict[str, Any]) -> TfidfVectorizer:
    """Rebuild a ready-to-transform vectoriser from ``vectoriser_block`` output."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = dict(block["params"], ngram_range=tuple(block["params"]["ngram_range"]))
    vec = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(block["terms"])}, dtype=np.float64, **params)
    vec.idf_ = np.asarray(block["idf"], dtype=np.float64)
    return vec
