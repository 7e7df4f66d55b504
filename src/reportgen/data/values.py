"""Values as a spreadsheet shows them.

A number or date read from a sheet prints the way Excel or WPS displays it
(``94.1%`` for 0.941 formatted ``0.0%``, ``1,060`` for ``#,##0``,
``2026年10月9日`` for ``yyyy"年"m"月"d"日"``) and still *is* the number or
date: it is an ``int``, ``float``, ``date`` or ``datetime`` subclass, so
comparisons, sums, filters and schema checks see the value.  ``.value`` is
the plain value and ``.text`` the display text; arithmetic gives plain
numbers (``x * 100`` prints as Python prints it).

Values whose display is their plain text (a count formatted ``General``)
stay plain ``int``/``float``, so data from YAML, JSON and CSV is unchanged.

>>> x = shown(0.941, "94.1%")
>>> str(x), x > 0.9, x.value, x + 0
('94.1%', True, 0.941, 0.941)
>>> shown(1060, "1060") is 1060 or type(shown(1060, "1060")) is int
True
"""
from __future__ import annotations

import datetime as _dt
from typing import Any


class _Shown:
    """Mixin: ``str()`` is the text the sheet shows; ``.value`` the plain value."""

    text: str
    _plain: type

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return self.text if not spec else self._plain.__format__(self.value, spec)

    def __repr__(self) -> str:
        return repr(self.value)

    @property
    def value(self) -> Any:
        return self._plain(self)

    def __reduce__(self):
        return (shown, (self.value, self.text))


class ShownInt(_Shown, int):
    _plain = int

    def __new__(cls, value: int, text: str):
        self = int.__new__(cls, value)
        self.text = text
        return self


class ShownFloat(_Shown, float):
    _plain = float

    def __new__(cls, value: float, text: str):
        self = float.__new__(cls, value)
        self.text = text
        return self


class ShownDate(_Shown, _dt.date):
    _plain = _dt.date

    def __new__(cls, value: _dt.date, text: str):
        self = _dt.date.__new__(cls, value.year, value.month, value.day)
        self.text = text
        return self

    @property
    def value(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day)


class ShownDateTime(_Shown, _dt.datetime):
    _plain = _dt.datetime

    def __new__(cls, value: _dt.datetime, text: str):
        self = _dt.datetime.__new__(cls, value.year, value.month, value.day, value.hour, value.minute,
                                    value.second, value.microsecond, value.tzinfo)
        self.text = text
        return self

    @property
    def value(self) -> _dt.datetime:
        return _dt.datetime(self.year, self.month, self.day, self.hour, self.minute, self.second,
                            self.microsecond, self.tzinfo)


def shown(value: Any, text: str | None) -> Any:
    """``value`` that prints as ``text``; the plain value when ``text`` is
    what it prints as anyway (or None, or the value is not a number/date)."""
    if text is None or isinstance(value, (bool, str)) or text == str(value):
        return value
    if isinstance(value, int):
        return ShownInt(value, text)
    if isinstance(value, float):
        return ShownFloat(value, text)
    if isinstance(value, _dt.datetime):
        return ShownDateTime(value, text)
    if isinstance(value, _dt.date):
        return ShownDate(value, text)
    return value


def plain(value: Any) -> Any:
    """The plain value of a shown one (anything else unchanged)."""
    return value.value if isinstance(value, _Shown) else value


class Units(dict):
    """The unit and note rows above a table (``单位：万元``, ``填报单位：…``):
    label → text (``units.单位`` is ``万元``); printed, the rows as written."""

    def __str__(self) -> str:
        return "　".join(f"{k}：{v}" if k else str(v) for k, v in self.items())
