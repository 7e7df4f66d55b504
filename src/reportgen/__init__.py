"""reportgen: formatted reports (DOCX and PDF) from structured data."""
__version__ = "0.1.0"
