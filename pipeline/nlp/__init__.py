"""NLP: the spaCy pipeline and the components that annotate structure."""
