"""Official documents and laws as text: the parser (`parser.py`), numerals, and Chinese search."""
