"""Saving and loading the shipped models (``models/NAME/model.json`` + ``meta.json``).

Bytes are reproducible: keys sorted, floats rounded at fit time, no timestamps, so re-running
``train`` on the same data and library versions rewrites identical files.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.models.focus_model import FocusModel
from pipeline.models.linear import RelevanceModel

PACKAGE_DIR = ("pipeline.resources", "models/relevance")
MODEL_FILE = "model.json"
META_FILE = "meta.json"


def models_root() -> Path:
    """The folder inside the installed package holding one sub-folder per shipped model."""
    return Path(str(resources.files(PACKAGE_DIR[0]).joinpath("models")))


def default_model_dir(name: str = "relevance") -> Path:
    """The folder inside the installed package where the shipped model ``name`` lives."""
    return models_root() / name


def _dump(data: Any, path: Path, indent: int | None) -> None:
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, indent=indent, separators=None if indent else (",", ":")
    )
    path.write_text(text + "\n", encoding="utf-8")


def save_model(model: RelevanceModel | FocusModel, meta: dict[str, Any], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    _dump(model.to_dict(), out_dir / MODEL_FILE, indent=None)
    _dump(meta, out_dir / META_FILE, indent=2)


def read_meta(model_dir: Path | None = None) -> dict[str, Any]:
    """The meta.json of a model folder (default: the shipped relevance model)."""
    path = (model_dir or default_model_dir()) / META_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def load_model(model_dir: Path | None = None) -> RelevanceModel:
    path = (model_dir or default_model_dir()) / MODEL_FILE
    return RelevanceModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


@cache
def shipped_model() -> tuple[RelevanceModel, str] | None:
    """The packaged model and its combination rule, or None when no model has been trained yet."""
    directory = default_model_dir()
    if not (directory / MODEL_FILE).exists():
        return None
    return load_model(directory), read_meta(directory).get("decision", "model")


def load_focus_model(model_dir: Path | None = None) -> FocusModel:
    path = (model_dir or default_model_dir("focus")) / MODEL_FILE
    return FocusModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


@cache
def shipped_focus_model() -> tuple[FocusModel, str] | None:
    """The packaged focus model and the decision that won in cross-validation, or None."""
    directory = default_model_dir("focus")
    if not (directory / MODEL_FILE).exists():
        return None
    return load_focus_model(directory), read_meta(directory).get("decision", "rules")
