"""Themes: page, grid, styles per role, numbering, page numbers (YAML)."""
from .theme import Grid, Page, PageNumber, Style, Theme, builtin_themes, load_theme  # noqa: F401
from .units import HAO_SIZES, to_pt  # noqa: F401
