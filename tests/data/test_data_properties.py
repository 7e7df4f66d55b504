"""Property tests: whatever bytes or text a data file holds, the loaders
return records or raise DataError, never another exception."""
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.data import load_records
from reportgen.data.load import Record
from reportgen.errors import DataError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
YAML_ALPHABET = st.sampled_from(list("ab:-[]{},&*!?|>'\"#%@` \n\t0123456789.~<=\\\x00\x01\x85\u2028\ufeff东西") +
                                ["!!python/object", "!!binary", "<<", "2021-13-45", "&a", "*a", "---", "0x1F"])
yaml_like = st.lists(YAML_ALPHABET, max_size=60).map("".join)


def load_or_error(tmp_path: Path, suffix: str, data: bytes):
    p = tmp_path / f"{uuid.uuid4().hex}{suffix}"
    p.write_bytes(data)
    try:
        records = load_records(p)
    except DataError as exc:
        assert exc.diagnostic.file == str(p)
        return None
    assert records and all(isinstance(r, Record) and isinstance(r.values, dict) for r in records)
    return records


@SETTINGS
@given(text=yaml_like)
def test_yaml_text(tmp_path, text):
    load_or_error(tmp_path, ".yaml", text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(data=st.binary(max_size=200))
def test_yaml_bytes(tmp_path, data):
    load_or_error(tmp_path, ".yaml", data)


@SETTINGS
@given(text=st.text(max_size=100))
def test_json_text(tmp_path, text):
    load_or_error(tmp_path, ".json", text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list('ab.,"\n\r\t 0123456789东\x00\x07')), max_size=80))
def test_csv_text(tmp_path, text):
    load_or_error(tmp_path, ".csv", text.encode("utf-8"))


@SETTINGS
@given(data=st.binary(max_size=200))
def test_csv_bytes(tmp_path, data):
    load_or_error(tmp_path, ".csv", data)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_xlsx_bytes(tmp_path, data):
    load_or_error(tmp_path, ".xlsx", b"PK\x03\x04" + data)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_xls_bytes(tmp_path, data):
    load_or_error(tmp_path, ".xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data)


@SETTINGS
@given(st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=20), st.integers(), st.floats(
    allow_nan=False, allow_infinity=False), st.booleans(), st.none()), min_size=1, max_size=6))
def test_values_survive_a_json_round_trip(tmp_path, values):
    import json

    records = load_or_error(tmp_path, ".json", json.dumps(values, ensure_ascii=False).encode("utf-8"))
    assert records is not None
    from reportgen.data.sanitize import clean_text

    expected = {clean_text(k)[0]: clean_text(v)[0] if isinstance(v, str) else v for k, v in values.items()}
    if len(expected) == len(values):
        assert records[0].values == expected
