"""Chinese-locale Jinja2 filters: dates, ordinals, counts, percentages.

Counts follow GB/T 15835 the way official documents write them: Arabic
numerals, no digit grouping below 一万, 万/亿 units above, ``余`` for an
approximate figure.

>>> cn_date("2021-10-25")
'2021年10月25日'
>>> cn_number(1060, approx=True, unit="场")
'1060余场'
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Mapping

_DIGITS = "〇一二三四五六七八九"
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?\s*(?:[T ].*)?$")


def _to_date(value: Any) -> tuple[int, int, int | None]:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year, value.month, value.day
    m = _DATE.match(str(value))
    if not m:
        raise ValueError(f"cn_date: {value!r} is not a date (write e.g. 2021-10-25)")
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    try:
        _dt.date(year, month, day or 1)
    except ValueError as exc:
        raise ValueError(f"cn_date: {value!r} is not a valid date ({exc})") from None
    return year, month, day


def _upper_small(n: int) -> str:
    """1..31 in Chinese numerals (十, 十一, 二十五)."""
    return cn_ordinal(n)


def cn_date(value: Any, style: str = "arabic", fmt: str = "ymd") -> str:
    """A date as Chinese official documents write it.

    ``style``: ``arabic`` (成文日期, GB/T 9704-2012) or ``upper`` (汉字, e.g.
    in 版记 of older styles); ``fmt``: ``ymd``, ``ym`` or ``md``.

    >>> import datetime
    >>> cn_date(datetime.date(2021, 10, 5))
    '2021年10月5日'
    >>> cn_date("2021-10-25", style="upper")
    '二〇二一年十月二十五日'
    >>> cn_date("2021-10-25", fmt="ym")
    '2021年10月'
    >>> cn_date("2021/1/9", fmt="md")
    '1月9日'
    """
    year, month, day = _to_date(value)
    if fmt not in ("ymd", "ym", "md"):
        raise ValueError(f"cn_date: fmt must be ymd, ym or md, not {fmt!r}")
    if style == "upper":
        y, m, d = "".join(_DIGITS[int(c)] for c in str(year)), _upper_small(month), day and _upper_small(day)
    elif style == "arabic":
        y, m, d = str(year), str(month), day and str(day)
    else:
        raise ValueError(f"cn_date: style must be arabic or upper, not {style!r}")
    if fmt != "ym" and d is None:
        raise ValueError(f"cn_date: {value!r} has no day")
    parts = {"ymd": f"{y}年{m}月{d}日", "ym": f"{y}年{m}月", "md": f"{m}月{d}日"}
    return parts[fmt]


def cn_ordinal(n: Any) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九 (1..99).

    >>> [cn_ordinal(i) for i in (1, 2, 10, 11, 21, 99)]
    ['一', '二', '十', '十一', '二十一', '九十九']
    """
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise ValueError(f"cn_ordinal: {n!r} is not a whole number") from None
    if not 1 <= n <= 99:
        raise ValueError(f"cn_ordinal: {n} is outside 1..99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def _decimal(value: Any, name: str) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{name}: {value!r} is not a number")
    if isinstance(value, (int, float)):  # by value: a sheet's number prints as shown (94.1%), see data/values.py
        return Decimal(int(value)) if isinstance(value, int) else Decimal(repr(float(value)))
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{name}: {value!r} is not a number") from None


def _plain(d: Decimal, places: int = 2) -> str:
    """Up to ``places`` decimals, trailing zeros stripped, no grouping."""
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def cn_number(value: Any, approx: bool = False, unit: str = "") -> str:
    """A count as official documents write it (GB/T 15835).

    Below 10000: the plain number; from 10000: 万 with up to two decimals;
    from 10^8: 亿.  ``approx`` adds 余 (after the number for whole 万/亿,
    e.g. 20余万; after the unit word otherwise, e.g. 1.1万余).

    >>> cn_number(1060, approx=True)
    '1060余'
    >>> cn_number(11000)
    '1.1万'
    >>> cn_number(200000, approx=True, unit="人")
    '20余万人'
    >>> cn_number(10000, approx=True, unit="人")
    '1万余人'
    >>> cn_number(123456789)
    '1.23亿'
    >>> cn_number(9999.5), cn_number(9999.995)
    ('9999.5', '1万')
    """
    d = _decimal(value, "cn_number")
    sign, d = ("-", -d) if d < 0 else ("", d)
    more = "余" if approx else ""
    if Decimal(_plain(d)) < 10000:  # 9999.995 rounds to 10000: that is 1万
        return f"{sign}{_plain(d)}{more}{unit}"
    scale, word = (Decimal(10) ** 8, "亿") if d >= Decimal(10) ** 8 else (Decimal(10000), "万")
    text = _plain(d / scale)
    if word == "万" and text == "10000":  # 99999999 rounds up to 1亿
        text, word = "1", "亿"
    if approx and "." not in text and len(text) > 1:  # 20余万; but 1万余, not 1余万
        return f"{sign}{text}余{word}{unit}"
    return f"{sign}{text}{word}{more}{unit}"


def percent(value: Any, digits: int | None = None, ratio: bool = False) -> str:
    """A percentage.  ``value`` is the percentage itself (29.31 → 29.31%)
    unless ``ratio`` (0.2931 → 29.31%).  With ``digits`` exactly that many
    decimals; without, the value as written (96.8 → 96.8%, at most 2 decimals).

    >>> percent(96.8)
    '96.8%'

    >>> percent(29.31)
    '29.31%'
    >>> percent(0.5, digits=1, ratio=True)
    '50.0%'
    """
    d = _decimal(value, "percent") * (100 if ratio else 1)
    if digits is None:
        return f"{_plain(d)}%"
    q = d.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)
    return f"{q:f}%"


def fact(f: Mapping[str, Any]) -> str:
    """A figure from the data, ``{value, unit, approx}`` → text.

    >>> fact({"value": 1060, "unit": "场", "approx": True})
    '1060余场'
    >>> fact({"value": 11000, "unit": "名"})
    '1.1万名'
    >>> fact({"value": 29.31, "unit": "%"})
    '29.31%'
    """
    if not isinstance(f, Mapping) or "value" not in f:
        raise ValueError(f"fact: expected a mapping with value, unit and approx, got {f!r}")
    unit = str(f.get("unit") or "")
    if unit in ("%", "％"):
        return percent(f["value"])
    return cn_number(f["value"], approx=bool(f.get("approx", False)), unit=unit)


def _rollup(*args, **kw):
    from .rollup import rollup

    return rollup(*args, **kw)


FILTERS = {
    "rollup": _rollup,
    "cn_date": cn_date,
    "cn_ordinal": cn_ordinal,
    "cn_number": cn_number,
    "percent": percent,
    "fact": fact,
}
