"""Text: cleaning between ingest and NLP."""

from pipeline.text.clean import clean_text

__all__ = ["clean_text"]
