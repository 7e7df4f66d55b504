"""SQL databases → records: one per result row (optional extra ``sql``).

A ``data:`` entry with ``url:`` and ``sql:`` (a query file) or ``query:``
(inline).  The URL is SQLAlchemy's (``sqlite:///data/stats.db``, relative to
the project root; ``postgresql://user@host/db``, through psycopg); ``${NAME}``
is replaced from the environment, so credentials stay out of reportgen.yaml.
The query runs in a read-only transaction that is rolled back, with a
timeout (``timeout:`` seconds, default 30).  Column names with dots nest as
sheet headers do; the result is read as a one-row-header table (sheets.py):
named by its name column, 合计 rows are totals.

Messages never show the URL's password, and records name the query file (or
reportgen.yaml) as their source, never the URL.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from ..errors import ConfigError, DataError, ReportgenError
from .sheets import Options, read_table
from .workbook import Sheet

DEFAULT_TIMEOUT = 30.0
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SQLITE_NEAR = re.compile(r'near "([^"]+)"|no such (?:table|column): ([\w.]+)')


@dataclass(frozen=True)
class SqlSource:
    url: str  # as written: may hold ${NAME}
    query: str
    source: str  # the query file, or reportgen.yaml for an inline query
    query_line: int  # the line of the query's first character in ``source``
    options: Options = Options()
    whole: bool = False
    timeout: float = DEFAULT_TIMEOUT
    cfg: str = ""
    line: int | None = None  # of the entry in reportgen.yaml

    @classmethod
    def from_entry(cls, entry: dict, options: Options, whole: bool, root: Path, cfg_path: Path,
                   line: int | None, bad: Callable[..., ConfigError]) -> "SqlSource":
        url = entry.get("url")
        if not isinstance(url, str) or not url.strip():
            raise bad("give the database as url: (e.g. sqlite:///data/stats.db or ${STATS_DB_URL})", "url")
        if ("sql" in entry) == ("query" in entry):
            raise bad("give either sql: (a query file) or query: (the query itself)")
        if "sql" in entry:
            file = root / str(entry["sql"])
            try:
                text = file.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise bad(f"cannot read the query file {entry['sql']}: {exc}", "sql",
                          hint="give a UTF-8 .sql file relative to the project root") from None
            source, first = str(file), 1
        else:
            text, source = str(entry["query"]), str(cfg_path)
            from .sources import _line

            first = (_line(cfg_path, _key_of(entry, cfg_path, "query")) or 1) + (1 if "\n" in text.strip() else 0)
        if not text.strip():
            raise bad("the query is empty", "sql" if "sql" in entry else "query")
        timeout = float(entry.get("timeout") or DEFAULT_TIMEOUT)
        return cls(url.strip(), text, source, first, options, whole, timeout, str(cfg_path), line)

    def files(self, root: Path) -> list[Path]:
        return []

    def matches(self, path: Path, root: Path) -> bool:
        return Path(self.source).resolve() == path.resolve()

    def records(self, root: Path, skip: set[Path]) -> tuple[list, list[ReportgenError]]:
        try:
            return self.read(root), []
        except ReportgenError as exc:
            return [], [exc]

    def read(self, root: Path) -> list:
        from .sources import table_record, table_records

        columns, rows = run_query(self, root)
        sheet = Sheet(None, [list(columns)] + [[_cell(v) for v in row] for row in rows], query=True)
        if not rows:
            raise DataError("the query returned no rows", file=self.source, line=self.query_line,
                            hint="check the query's conditions")
        try:
            table = read_table(sheet, self.source, replace(self.options, header_rows=1, skip_rows=0))
        except DataError as exc:
            raise DataError([replace(d, line=self.query_line, col=None) for d in exc.diagnostics]) from None
        stem = Path(self.source).stem
        if self.whole:
            recs = [table_record(table, stem)]
        else:
            recs = table_records(table, stem)
        return [replace(r, line=self.query_line, positions={}) for r in recs]


def _key_of(entry: dict, cfg_path: Path, key: str) -> str:
    """The dotted key of ``entry[key]`` in reportgen.yaml (``data[2].query``)."""
    from .yamlsrc import read_mapping

    try:
        data = read_mapping(cfg_path, "reportgen.yaml").get("data")
    except ReportgenError:
        return key
    if isinstance(data, list):
        for i, e in enumerate(data):
            if e == entry:
                return f"data[{i}].{key}"
    return f"data.{key}"


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None
    if isinstance(value, (str, int, float, bool, dt.date, dt.time)) or value is None:
        return value
    return str(value)


def expand(url: str, src: SqlSource) -> str:
    """``${NAME}`` replaced from the environment."""
    def sub(m: re.Match) -> str:
        value = os.environ.get(m.group(1))
        if value is None:
            raise ConfigError(f"the database URL needs the environment variable {m.group(1)}, which is not set",
                              file=src.cfg or src.source, line=src.line,
                              hint=f"export {m.group(1)}=… (e.g. sqlite:///data/stats.db) before running reportgen")
        return value

    return _ENV.sub(sub, url)


def _engine_url(src: SqlSource, root: Path):
    try:
        from sqlalchemy.engine import make_url
    except ImportError:
        raise ConfigError("reading SQL databases needs SQLAlchemy", file=src.cfg or src.source, line=src.line,
                          hint="pip install 'reportgen[sql]'") from None
    text = expand(src.url, src)
    try:
        url = make_url(text)
    except Exception:  # noqa: BLE001 - ArgumentError, ValueError: the text is not a URL
        raise ConfigError(f"not a database URL: {_masked_text(text, src.url)}", file=src.cfg or src.source,
                          line=src.line, hint="e.g. sqlite:///data/stats.db or postgresql://user@host/db") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        db = url.database or ""
        if not db or db == ":memory:":
            raise ConfigError("a SQLite URL needs a database file: sqlite:///data/stats.db",
                              file=src.cfg or src.source, line=src.line)
        path = Path(db) if Path(db).is_absolute() else root / db
        if not path.is_file():
            raise DataError(f"no database file {db}", file=src.cfg or src.source, line=src.line,
                            hint="sqlite:///PATH is relative to the project root; sqlite:////abs/path is absolute")
        url = url.set(database=str(path))
    return url


def _masked(url) -> str:
    return url.render_as_string(hide_password=True)


def _masked_text(text: str, written: str) -> str:
    return written if text != written else re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", text)


def _scrub(message: str, url) -> str:
    password = getattr(url, "password", None)
    message = message.replace(str(url.render_as_string(hide_password=False)), _masked(url)) if password else message
    return message.replace(str(password), "***") if password else message


def run_query(src: SqlSource, root: Path) -> tuple[list[str], list[tuple]]:
    """The query's column names and rows, read-only, within the timeout."""
    url = _engine_url(src, root)
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError
    from sqlalchemy.pool import NullPool

    backend = url.get_backend_name()
    ms = int(src.timeout * 1000)
    args: dict = {}
    if backend == "postgresql":
        args = {"connect_timeout": max(1, int(src.timeout)),
                "options": f"-c statement_timeout={ms} -c default_transaction_read_only=on"}
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args=args)
    except Exception as exc:  # noqa: BLE001 - a missing driver, an unknown dialect
        raise ConfigError(f"cannot use the database {_masked(url)}: {_scrub(str(exc), url)}",
                          file=src.cfg or src.source, line=src.line,
                          hint="install the database's driver; PostgreSQL needs pip install 'reportgen[sql]'") from None
    if backend == "sqlite":
        @event.listens_for(engine, "connect")
        def _readonly(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.execute("PRAGMA query_only = ON")
            import time

            deadline = time.monotonic() + src.timeout
            dbapi_conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:
        raise DataError(f"cannot connect to the database {_masked(url)}: {_first_line(exc, url)}",
                        file=src.cfg or src.source, line=src.line,
                        hint="check the URL, that the server runs, and the user's rights") from None
    try:
        with conn:
            if backend not in ("sqlite", "postgresql"):
                try:
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                except SQLAlchemyError:
                    conn.rollback()
            result = conn.exec_driver_sql(src.query)
            if not result.returns_rows:
                raise DataError("the query returns no result (is it a SELECT?)", file=src.source,
                                line=src.query_line, hint="reportgen only reads: write a SELECT query")
            columns = [str(c) for c in result.keys()]
            rows = [tuple(r) for r in result.fetchall()]
            conn.rollback()
            return columns, rows
    except DBAPIError as exc:
        raise _query_error(exc, src, url) from None
    except SQLAlchemyError as exc:
        raise DataError(f"the query failed: {_first_line(exc, url)}", file=src.source, line=src.query_line) from None
    finally:
        engine.dispose()


def _first_line(exc: Exception, url) -> str:
    orig = getattr(exc, "orig", None) or exc
    return _scrub(str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__, url)


def _query_error(exc: Exception, src: SqlSource, url) -> DataError:
    orig = getattr(exc, "orig", None)
    message = _first_line(exc, url)
    offset = None
    pos = getattr(getattr(orig, "diag", None), "statement_position", None)
    if pos:
        offset = int(pos) - 1
    else:
        m = _SQLITE_NEAR.search(message)
        token = m and (m.group(1) or m.group(2))
        if token:
            found = src.query.lower().find(token.lower().split(".")[-1])
            offset = found if found >= 0 else None
    line, col = src.query_line, None
    if offset is None:  # no position: the statement's first line
        m = re.match(r"(\s|--[^\n]*\n?|/\*.*?\*/)*", src.query, re.S)
        offset = m.end() if m and m.end() < len(src.query) else None
        col_known = False
    else:
        col_known = True
    if offset is not None:
        before = src.query[:offset]
        line += before.count("\n")
        col = offset - (before.rfind("\n") + 1) + 1 if col_known else None
    if "statement timeout" in message or message == "interrupted":
        message = f"the query took longer than {src.timeout:g} s and was stopped"
        hint = "make the query faster, or raise timeout: in its data entry"
    elif "read-only" in message or "readonly" in message:
        hint = "reportgen only reads: the query may not change the database"
    else:
        hint = "fix the query; run it in the database's own client to try it"
    return DataError(f"the query failed: {message}", file=src.source, line=line, col=col, hint=hint)
