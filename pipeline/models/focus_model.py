"""The focus-area model: which taxonomy labels a focus statement speaks of (multi-label).

TF-IDF over character n-grams of the text (catches new compounds such as "mopedbuskörning")
and word n-grams of the lemmas plus a token for why the sentence was chosen ("lead", "item",
...), then one logistic regression per label (one-vs-rest). Stored as plain JSON like the
relevance model (``pipeline.models.tfidf``): no pickle, no scikit-learn needed to score (a loaded
model uses ``pipeline.models.fast_tfidf``, bit-identical to scikit-learn's transform).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from pipeline.models.fast_tfidf import LeanTfidf, csr_rows
from pipeline.models.focus_data import SentenceInput
from pipeline.models.tfidf import DIGITS, make_vectoriser, round_idf, vectoriser_block, vectoriser_from_block

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

FORMAT = "mbl-multilabel-sentence-classifier/1"


@dataclass(frozen=True)
class FocusConfig:
    """Hyper-parameters; fixed up front (not searched on the corpus) and recorded in meta.json."""

    char_ngrams: tuple[int, int] = (3, 5)
    char_max_features: int = 6000
    word_ngrams: tuple[int, int] = (1, 2)
    word_max_features: int = 3000
    min_df: int = 2
    C: float = 4.0
    balanced: bool = True
    lexicon_scale: float = 1.0
    seed: int = 0


def _word_view(inp: SentenceInput) -> str:
    return f"{inp.lemmas} __{inp.reason}"


def _lexicon_block(inputs: Sequence[SentenceInput], labels: list[str], scale: float) -> sparse.csr_matrix:
    """One 0/1 column per taxonomy label: does the rule lexicon find it in the sentence? Kept out of
    TF-IDF so that a long sentence does not dilute it; the model then learns when to trust the
    lexicon and what it misses, instead of relearning it from n-grams."""
    from pipeline.extract.focus import label_sentence

    rows = [label_sentence(inp.text) for inp in inputs]
    matrix = np.array([[float(label in row) for label in labels] for row in rows]) * scale
    return sparse.csr_matrix(matrix.reshape(len(rows), len(labels)))


def lexicon_labels() -> list[str]:
    """Every label of the rule lexicon, sorted: the columns of the lexicon block."""
    from pipeline.resources import read_tsv

    return sorted({row[0] for row in read_tsv("focus_lexicon.tsv")})


class FocusModel:
    """P(label | statement) for each label seen in training; ``fit``, ``predict_proba``, JSON round trip."""

    def __init__(self, config: FocusConfig | None = None) -> None:
        self.config = config or FocusConfig()
        self._vectorisers: dict[str, TfidfVectorizer] = {}
        self._blocks: list[dict[str, Any]] = []  # stored TF-IDF blocks of a loaded model
        self._lean: list[LeanTfidf] | None = None  # their fast transform (loaded models only)
        self.labels: list[str] = []
        self.lexicon: list[str] = lexicon_labels()
        self.coef: np.ndarray | None = None  # labels × features
        self.intercept: np.ndarray | None = None

    @property
    def vectorisers(self) -> dict[str, TfidfVectorizer]:
        """scikit-learn vectorisers (fitted, or rebuilt on first use from a loaded model's blocks)."""
        if not self._vectorisers and self._blocks:
            self._vectorisers = {b["name"]: vectoriser_from_block(b) for b in self._blocks}
        return self._vectorisers

    def _features(self, inputs: Sequence[SentenceInput], fit: bool) -> sparse.csr_matrix:
        views = {"char": [i.text for i in inputs], "word": [_word_view(i) for i in inputs]}
        if not fit and self._lean is not None:
            extra = None
            if self.config.lexicon_scale:
                extra = _lexicon_block(inputs, self.lexicon, self.config.lexicon_scale).toarray()
            return csr_rows(self._lean, [views[b["name"]] for b in self._blocks], extra)
        blocks = []
        for name, vec in self.vectorisers.items():
            blocks.append(vec.fit_transform(views[name]) if fit else vec.transform(views[name]))
        if self.config.lexicon_scale:
            blocks.append(_lexicon_block(inputs, self.lexicon, self.config.lexicon_scale))
        return sparse.hstack(blocks).tocsr()

    def fit(self, inputs: Sequence[SentenceInput], labels: Sequence[frozenset[str]]) -> FocusModel:
        from sklearn.linear_model import LogisticRegression

        c = self.config
        self.lexicon = lexicon_labels()
        self._blocks, self._lean = [], None
        self._vectorisers = {
            "char": make_vectoriser("char_wb", c.char_ngrams, c.char_max_features, c.min_df),
            "word": make_vectoriser("word", c.word_ngrams, c.word_max_features, c.min_df),
        }
        X = self._features(inputs, fit=True)
        self.labels = sorted({label for row in labels for label in row})
        coef, intercept = [], []
        for label in self.labels:
            y = np.array([label in row for row in labels], dtype=int)
            if y.all():  # a label on every sentence: nothing to learn, say yes
                coef.append(np.zeros(X.shape[1]))
                intercept.append(10.0)
                continue
            clf = LogisticRegression(
                C=c.C,
                class_weight="balanced" if c.balanced else None,
                max_iter=5000,
                solver="lbfgs",
                random_state=c.seed,
            )
            clf.fit(X, y)
            coef.append(clf.coef_[0])
            intercept.append(float(clf.intercept_[0]))
        self.coef = np.round(np.vstack(coef), DIGITS) if coef else np.zeros((0, X.shape[1]))
        self.intercept = np.round(np.array(intercept), DIGITS)
        for vec in self.vectorisers.values():
            round_idf(vec)
        return self

    def predict_proba(self, inputs: Sequence[SentenceInput]) -> np.ndarray:
        """Sentences × labels (in ``self.labels`` order)."""
        if self.coef is None or self.intercept is None:
            raise RuntimeError("model is not fitted")
        if not inputs:
            return np.zeros((0, len(self.labels)))
        z = self._features(inputs, fit=False) @ self.coef.T + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(z)))

    def to_dict(self) -> dict[str, Any]:
        if self.coef is None or self.intercept is None:
            raise RuntimeError("model is not fitted")
        blocks = [vectoriser_block(name, vec) for name, vec in self.vectorisers.items()]
        return {
            "format": FORMAT,
            "config": asdict(self.config),
            "vectorisers": blocks,
            "labels": list(self.labels),
            "lexicon_labels": list(self.lexicon),
            "coef": [[float(v) for v in row] for row in self.coef],
            "intercept": [float(v) for v in self.intercept],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FocusModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        config = {k: tuple(v) if isinstance(v, list) else v for k, v in data["config"].items()}
        model = cls(FocusConfig(**config))
        model._blocks = list(data["vectorisers"])
        model._lean = [LeanTfidf(block) for block in model._blocks]
        model.labels = list(data["labels"])
        if data["lexicon_labels"] != lexicon_labels():
            raise ValueError("the model's lexicon features differ from focus_lexicon.tsv; retrain the focus model")
        model.lexicon = list(data["lexicon_labels"])
        model.coef = np.asarray(data["coef"], dtype=np.float64).reshape(len(model.labels), -1)
        model.intercept = np.asarray(data["intercept"], dtype=np.float64)
        return model
