"""Data sources → records with source positions."""
from .load import Record, load_mapping, load_records  # noqa: F401
