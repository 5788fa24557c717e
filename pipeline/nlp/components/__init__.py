"""spaCy components that annotate structure: lines, gazetteer hits, roles, names, years, cues.

Each module registers one factory. Field-level decisions that read these annotations live in
``pipeline.extract``.
"""
