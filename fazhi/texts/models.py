"""The app's models: the search passages (in `search.models`, beside the code that uses them)."""

from fazhi.texts.search.models import SearchDocument, Visibility

__all__ = ["SearchDocument", "Visibility"]
