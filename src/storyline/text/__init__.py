"""One toolkit for text, shared by every layer: lexicon entries, paragraphs, words and stems,
TF-IDF vectors. Pure functions; it imports nothing of storyline but records and errors."""
