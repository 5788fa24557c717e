"""Extract: field-level decisions (place, period, people, focus, relevance) read from an annotated Doc."""
