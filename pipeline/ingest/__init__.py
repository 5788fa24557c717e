"""Ingest: files, folders and JSON Lines → ``RawDocument``."""

from pipeline.ingest.document import RawDocument
from pipeline.ingest.readers import read_inputs

__all__ = ["RawDocument", "read_inputs"]
