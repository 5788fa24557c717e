"""The relevance model: TF-IDF over character and word n-grams plus cue features, logistic regression.

Stored as plain JSON (vectoriser settings, vocabulary with IDF weights, coefficients) rather
than a pickle: loading executes no code, does not depend on the scikit-learn version that
trained it, and the file diffs readably. A loaded model scores with ``LeanTfidf``
(``pipeline.models.fast_tfidf``), an exact re-implementation of the TF-IDF transform from the
stored vocabulary, and applies the linear model with NumPy, multiplying the sparse row with the
coefficients directly in SciPy's order (see ``_linear_score``) instead of building a matrix;
scikit-learn is imported only to train (or to hand out ``vectorisers``), which keeps it out of
every extraction process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from pipeline.models.cues import cue_matrix, cue_names, cue_vector
from pipeline.models.fast_tfidf import LeanTfidf, csr_rows
from pipeline.models.tfidf import DIGITS, make_vectoriser, round_idf, vectoriser_block, vectoriser_from_block

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

FORMAT = "mbl-linear-text-classifier/1"
_ZERO = np.zeros(1, dtype=np.float64)  # the 0.0 a sparse row's dot product starts from


@dataclass(frozen=True)
class ModelConfig:
    """Hyper-parameters; fixed up front (not searched on the corpus) and recorded in meta.json."""

    char_ngrams: tuple[int, int] = (3, 5)
    char_max_features: int = 8000
    word_ngrams: tuple[int, int] = (1, 2)
    word_max_features: int = 4000
    min_df: int = 2
    cue_scale: float = 0.5
    C: float = 10.0
    seed: int = 0


def _vectorisers(config: ModelConfig) -> dict[str, TfidfVectorizer]:
    return {
        "char": make_vectoriser("char_wb", config.char_ngrams, config.char_max_features, config.min_df),
        "word": make_vectoriser("word", config.word_ngrams, config.word_max_features, config.min_df),
    }


class RelevanceModel:
    """P(text is about a medborgarlöfte); ``fit`` on labelled texts, ``to_dict``/``from_dict`` to persist."""

    def __init__(self, config: ModelConfig | None = None) -> None:
        self.config = config or ModelConfig()
        self._vectorisers: dict[str, TfidfVectorizer] = {}
        self._blocks: list[dict[str, Any]] = []  # stored TF-IDF blocks of a loaded model
        self._lean: list[LeanTfidf] | None = None  # their fast transform (loaded models only)
        self.cues: list[str] = cue_names()
        self.coef: np.ndarray | None = None
        self.intercept: float = 0.0
        self._block_coef: list[np.ndarray] | None = None  # coef split by block (loaded models only)
        self._cue_coef: list[float] = []  # the cue block of ``_block_coef`` as Python floats

    @property
    def vectorisers(self) -> dict[str, TfidfVectorizer]:
        """scikit-learn vectorisers (fitted, or rebuilt on first use from a loaded model's blocks)."""
        if not self._vectorisers and self._blocks:
            self._vectorisers = {b["name"]: vectoriser_from_block(b) for b in self._blocks}
        return self._vectorisers

    def _features(self, texts: list[str], fit: bool, labels: np.ndarray | None = None) -> sparse.csr_matrix:
        if not fit and self._lean is not None:
            return csr_rows(self._lean, [texts] * len(self._lean), cue_matrix(texts) * self.config.cue_scale)
        blocks = []
        for vec in self.vectorisers.values():
            blocks.append(vec.fit_transform(texts) if fit else vec.transform(texts))
        blocks.append(sparse.csr_matrix(cue_matrix(texts) * self.config.cue_scale))
        return sparse.hstack(blocks).tocsr()

    def fit(self, texts: list[str], labels: list[bool]) -> RelevanceModel:
        from sklearn.linear_model import LogisticRegression

        self._vectorisers = _vectorisers(self.config)
        self._blocks, self._lean, self._block_coef = [], None, None
        self.cues = cue_names()
        y = np.asarray(labels, dtype=int)
        X = self._features(texts, fit=True)
        clf = LogisticRegression(
            C=self.config.C, class_weight="balanced", max_iter=5000, solver="lbfgs", random_state=self.config.seed
        )
        clf.fit(X, y)
        self.coef = np.round(clf.coef_[0], DIGITS)
        self.intercept = round(float(clf.intercept_[0]), DIGITS)
        for vec in self.vectorisers.values():
            round_idf(vec)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if self.coef is None:
            raise RuntimeError("model is not fitted")
        if self._lean is not None:
            scores = [self._linear_score(t.lower().split(), cue_vector(t)) for t in texts]
            return self._probability(np.array(scores, dtype=np.float64))
        return self._probability(self._features(texts, fit=False) @ self.coef)

    def probability_of(self, words: list[str], cues: Sequence[float]) -> float:
        """``predict_proba([text])[0]`` of a loaded model, from ``text.lower().split()`` and
        ``cue_vector(text)``, which the relevance component computes once for several uses."""
        if self._lean is None or self.coef is None:
            raise RuntimeError("probability_of needs a loaded model")
        return float(self._probability(np.array([self._linear_score(words, cues)], dtype=np.float64))[0])

    def _probability(self, scores: np.ndarray) -> np.ndarray:
        """The logistic of ``scores + intercept``, as whole-array NumPy operations like before."""
        z = scores + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def _linear_score(self, words: list[str], cues: Sequence[float]) -> float:
        """Row · coef for one text without building a sparse matrix, bit-identical to SciPy's.

        SciPy's ``csr_matvec`` starts a row's sum at 0.0 and adds value × coefficient for its
        stored entries in column order: TF-IDF blocks in order, columns ascending within each,
        then the nonzero cues. Floating-point addition is not associative, so this keeps exactly
        that order: the products are computed elementwise and ``np.cumsum`` adds them one after
        another (unlike ``np.sum``, which adds pairwise). ``tests/test_fast_tfidf.py`` compares
        the result with scikit-learn + SciPy bit for bit.
        """
        assert self._lean is not None and self._block_coef is not None
        products = [_ZERO]
        for lean, coef in zip(self._lean, self._block_coef[:-1], strict=True):
            indices, data = lean.transform_words(words)
            products.append(data * coef[indices])
        # The few cue products in plain Python: a float multiplication is the same IEEE operation
        # there as in NumPy, and csr_matrix stores no zeros, so zero cue values are skipped.
        scale = self.config.cue_scale
        scaled = (value * scale for value in cues)
        cue_products = [value * coef for value, coef in zip(scaled, self._cue_coef, strict=True) if value != 0.0]
        return float(np.cumsum(np.concatenate([*products, cue_products]))[-1])

    def to_dict(self) -> dict[str, Any]:
        if self.coef is None:
            raise RuntimeError("model is not fitted")
        blocks: list[dict[str, Any]] = []  # lists, not dicts: order survives sorted JSON keys
        offset = 0
        for name, vec in self.vectorisers.items():
            block = vectoriser_block(name, vec)
            n = len(block["terms"])
            blocks.append({**block, "coef": [float(v) for v in self.coef[offset : offset + n]]})
            offset += n
        return {
            "format": FORMAT,
            "config": asdict(self.config),
            "vectorisers": blocks,
            "cues": {"names": list(self.cues), "coef": [float(v) for v in self.coef[offset:]]},
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelevanceModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        config = data["config"]
        model = cls(ModelConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in config.items()}))
        coef = []
        for block in data["vectorisers"]:
            model._blocks.append({k: v for k, v in block.items() if k != "coef"})
            coef.extend(block["coef"])
        model._lean = [LeanTfidf(block) for block in model._blocks]
        if data["cues"]["names"] != cue_names():
            raise ValueError("the model's cue features differ from cues.tsv; retrain with `medborgarlofte train`")
        model.cues = list(data["cues"]["names"])
        coef.extend(data["cues"]["coef"])
        model.coef = np.asarray(coef, dtype=np.float64)
        model.intercept = float(data["intercept"])
        bounds = np.cumsum([0] + [len(lean) for lean in model._lean] + [len(model.cues)])
        model._block_coef = [model.coef[a:b] for a, b in pairwise(bounds)]
        model._cue_coef = model._block_coef[-1].tolist()
        return model
