"""Evaluate: score output tables against gold annotations."""
