"""Data sources → records with source positions."""
from .load import Record, load_mapping, load_records, record_from_values  # noqa: F401
