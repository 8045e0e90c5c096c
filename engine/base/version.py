"""The release, kept in one place below every other module (pyproject.toml states it too)."""
__version__ = "0.1.0"
