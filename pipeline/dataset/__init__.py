"""Dataset: the output schema (contract), validation and atomic writing of the tables."""
