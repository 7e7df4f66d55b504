"""reportgen: formatted reports (DOCX and PDF) from structured data."""
from .version import __version__  # noqa: F401
