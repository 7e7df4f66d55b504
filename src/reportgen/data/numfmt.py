"""Excel number formats → the text a cell shows, as Excel/WPS (zh-CN) show it.

Covers what office sheets use: ``General``, digit placeholders ``0 # ?``,
thousands separators and scaling commas, ``%``, ``E+00``, literal text
(``"万元"``, ``\\年``, ``_)``), up to four sections (positive; negative;
zero; text), colours and conditions (ignored), currency ``[$¥-804]``, and
date/time codes (``yyyy m d h mm ss``, ``AM/PM``, ``上午/下午``, ``aaaa``
weekdays, ``[DBNum1]`` Chinese numerals in dates).  Built-in format ids
follow a Chinese Excel (14 is ``yyyy/m/d``, 31 is ``yyyy"年"m"月"d"日"``).
Rounding is Excel's: half away from zero, after 15 significant digits.

>>> show(0.941, "0.0%"), show(1060, "#,##0"), show(-5, '#,##0;(#,##0)')
('94.1%', '1,060', '(5)')
>>> import datetime
>>> show(datetime.date(2026, 10, 9), 'yyyy"年"m"月"d"日"')
'2026年10月9日'
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Callable

BUILTIN = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"¥"#,##0;"¥"-#,##0', 6: '"¥"#,##0;[Red]"¥"-#,##0', 7: '"¥"#,##0.00;"¥"-#,##0.00',
    8: '"¥"#,##0.00;[Red]"¥"-#,##0.00', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm",
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
    50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
_CN = "〇一二三四五六七八九"
_WEEK = "一二三四五六日"
_EPOCH = dt.datetime(1899, 12, 30)
Token = tuple  # (kind, text)


def show(value: Any, fmt: str | None) -> str:
    """The text a cell holding ``value`` shows with number format ``fmt``."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str) or value is None:
        return value or ""
    return _formatter(fmt or "General")(value).strip()


def is_date_format(fmt: str | None) -> bool:
    return bool(fmt) and any(_is_date(s) for s in _sections(fmt)[:1])


def general(x: Any) -> str:
    """Excel's General: whole numbers as they are, others to 10 significant digits."""
    if isinstance(x, (dt.date, dt.time)):
        return str(x)
    if isinstance(x, int) or (x.is_integer() and abs(x) < 1e11):
        return str(int(x))
    text = f"{x:.10g}"
    return text.replace("e", "E") if "e" in text else text


@lru_cache(maxsize=512)
def _formatter(fmt: str) -> Callable[[Any], str]:
    sections = _sections(fmt)
    parsed = [_tokens(s) for s in sections]
    date_section = _is_date(sections[0])
    seen: dict = {}  # values repeat down a column (dates, small counts)

    def run(value: Any) -> str:
        text = seen.get(value)
        if text is None:
            text = _run(value)
            if len(seen) < 4096:
                seen[value] = text
        return text

    def _run(value: Any) -> str:
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return _date(parsed[0], value) if date_section else general(value)
        x = float(value)
        if date_section:
            return _date(parsed[0], _EPOCH + dt.timedelta(days=x)) if 0 <= x < 2958466 else general(value)
        if len(parsed) >= 3 and x == 0:
            return _number(parsed[2], 0.0)
        if len(parsed) >= 2 and x < 0:
            return _number(parsed[1], -x)
        text = _number(parsed[0], abs(x))
        return "-" + text if x < 0 and any(c.isdigit() and c != "0" for c in text) else text

    return run


def _sections(fmt: str) -> list[str]:
    out, cur, i, quoted = [], [], 0, False
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\\!" and i + 1 < len(fmt):
            cur.append(fmt[i:i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _is_date(section: str) -> bool:
    return any(k in ("date", "ampm") for k, _ in _tokens(section))


@lru_cache(maxsize=512)
def _tokens(s: str) -> tuple[Token, ...]:
    out: list[Token] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        low = ch.lower()
        if ch == '"':
            j = s.find('"', i + 1)
            j = n if j < 0 else j
            out.append(("lit", s[i + 1:j]))
            i = j + 1
        elif ch in "\\!":
            out.append(("lit", s[i + 1:i + 2]))
            i += 2
        elif ch == "_":
            out.append(("lit", " "))
            i += 2
        elif ch == "*":
            i += 2
        elif ch == "[":
            j = s.find("]", i)
            j = n if j < 0 else j
            inner = s[i + 1:j]
            if inner.startswith("$"):
                out.append(("lit", inner[1:].split("-")[0]))
            elif inner.upper().startswith("DBNUM"):
                out.append(("dbnum", inner[5:]))
            elif inner and set(inner.lower()) <= set("hms"):
                out.append(("date", inner.lower()))  # elapsed time: shown as the plain part
            i = j + 1
        elif s[i:i + 5].upper() == "AM/PM":
            out.append(("ampm", "AM/PM"))
            i += 5
        elif s[i:i + 5] == "上午/下午":
            out.append(("ampm", "zh"))
            i += 5
        elif s[i:i + 3].upper() == "A/P":
            out.append(("ampm", "A/P"))
            i += 3
        elif s[i:i + 7].lower() == "general":
            out.append(("general", ""))
            i += 7
        elif ch in "Ee" and s[i + 1:i + 2] in ("+", "-"):
            out.append(("exp", s[i + 1]))
            i += 2
        elif low in "ymdhsae":
            j = i
            while j < n and s[j].lower() == low:
                j += 1
            out.append(("date", "y" * min(j - i, 4) if low == "e" else low * (j - i)))
            i = j
        elif ch in "0#?":
            out.append(("digit", ch))
            i += 1
        elif ch in ".,%@/":
            out.append({".": ("point", "."), ",": ("comma", ","), "%": ("percent", "%"), "@": ("text", ""),
                        "/": ("slash", "/")}[ch])
            i += 1
        else:
            out.append(("lit", ch))
            i += 1
    return tuple(out)


def _round(x: float, places: int) -> Decimal:
    d = Decimal(f"{x:.15g}")
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class _Plan:
    """What a number section needs, worked out once per format."""

    kind: str  # general, literal, fraction, exp, digits
    mult: float = 1.0  # percent (× 100) and scaling commas (÷ 1000)
    places: int = 0
    int_toks: tuple = ()
    digits_at: tuple = ()
    group: bool = False
    point: bool = False
    frac_digits: tuple = ()
    frac_toks: tuple = ()
    simple: bool = False  # no literal between the integer placeholders
    before: str = ""  # simple: text before / after the integer digits
    after: str = ""
    need: int = 0  # integer digits always shown (0 placeholders)


@lru_cache(maxsize=512)
def _plan(tokens: tuple[Token, ...]) -> _Plan:
    kinds = [k for k, _ in tokens]
    if "general" in kinds:
        return _Plan("general")
    if "digit" not in kinds:
        return _Plan("literal")
    if "slash" in kinds:
        return _Plan("fraction")
    mult = 100.0 ** kinds.count("percent")
    if "exp" in kinds:
        return _Plan("exp", mult)
    last = max(i for i, k in enumerate(kinds) if k == "digit")
    scale = 0
    while last + 1 + scale < len(kinds) and kinds[last + 1 + scale] == "comma":  # 0.0,, is in millions
        scale += 1
    point = kinds.index("point") if "point" in kinds else len(tokens)
    int_toks, frac_toks = tuple(tokens[:point]), tuple(tokens[point + 1:])
    digits_at = tuple(i for i, (k, _) in enumerate(int_toks) if k == "digit")
    group = bool(digits_at) and any(k == "comma" for k, _ in int_toks[digits_at[0]:digits_at[-1]])
    frac_digits = tuple(t for k, t in frac_toks if k == "digit")
    phs = [int_toks[i][1] for i in digits_at]
    need = len(phs) - phs.index("0") if "0" in phs else 0
    simple = not digits_at or not any(int_toks[i][0] == "lit" for i in range(digits_at[0], digits_at[-1]))
    cut = (digits_at[0], digits_at[-1] + 1) if digits_at else (len(int_toks), len(int_toks))
    text = lambda toks: "".join(t for k, t in toks if k in ("lit", "percent"))  # noqa: E731
    return _Plan("digits", mult / 1000 ** scale, len(frac_digits), int_toks, digits_at, group,
                 point < len(tokens), frac_digits, frac_toks, simple, text(int_toks[:cut[0]]),
                 text(int_toks[cut[1]:]), need)


def _number(tokens: tuple[Token, ...], x: float) -> str:
    plan = _plan(tokens)
    if plan.kind == "general":
        return "".join(general(x) if k == "general" else t for k, t in tokens if k in ("general", "lit"))
    if plan.kind == "literal":
        return "".join(t for k, t in tokens if k in ("lit", "percent", "point", "comma"))
    if plan.kind == "fraction":  # fractions: shown as General
        return general(x)
    if plan.kind == "exp":
        return _scientific(tokens, x * plan.mult)
    if plan.places == 0 and plan.mult == 1.0 and x.is_integer():
        whole, frac = str(int(x)), ""  # a count: no rounding to do
    else:
        whole, _, frac = f"{_round(x * plan.mult, plan.places):f}".partition(".")
    whole = whole.lstrip("0")
    if plan.simple:
        text = whole.rjust(plan.need, "0")
        if plan.group and text:
            text = f"{int(text):,}"
        if "?" in (plan.int_toks[i][1] for i in plan.digits_at):
            text = text.rjust(len(plan.digits_at), " ")
        out = plan.before + (text if plan.digits_at else "") + plan.after
    else:
        out = _place_int(list(plan.int_toks), list(plan.digits_at), whole, plan.group)
    if plan.point:
        frac_digits = plan.frac_digits
        shown = list(frac.ljust(len(frac_digits), "0"))
        for i in range(len(shown) - 1, -1, -1):  # trailing zeros under # and ? go
            if shown[i] != "0" or frac_digits[i] == "0":
                break
            shown[i] = "" if frac_digits[i] == "#" else " "
        it = iter(shown)
        out += "." + "".join(next(it) if k == "digit" else (t if k in ("lit", "percent") else "")
                             for k, t in plan.frac_toks)
    return out


def _place_int(toks: list[Token], digits_at: list[int], whole: str, group: bool) -> str:
    phs = [toks[i][1] for i in digits_at]
    need = len(phs) - phs.index("0") if "0" in phs else 0
    text = whole.rjust(need, "0")
    if "?" in phs:
        text = text.rjust(len(phs), " ")
    if group and text.strip():
        text = f"{int(text):,}" if text.strip().isdigit() else text
    literal_inside = digits_at and any(toks[i][0] == "lit" for i in range(digits_at[0], digits_at[-1]))
    if not literal_inside:
        first = digits_at[0] if digits_at else len(toks)
        return "".join(text if i == first else (t if k in ("lit", "percent") else "")
                       for i, (k, t) in enumerate(toks) if k != "digit" or i == first) if digits_at else \
            "".join(t for k, t in toks if k in ("lit", "percent"))
    # literals between placeholders (e.g. 0!.0000"万"): fill digits right to left
    chars = list(text)
    out: list[str] = []
    for i in range(len(toks) - 1, -1, -1):
        k, t = toks[i]
        if k == "digit":
            out.append("".join(chars) if i == digits_at[0] else (chars.pop() if chars else
                                                                 ("0" if t == "0" else "")))
            if i == digits_at[0]:
                chars = []
        elif k in ("lit", "percent"):
            out.append(t)
    return "".join(reversed(out))


def _scientific(tokens: tuple[Token, ...], x: float) -> str:
    kinds = [k for k, _ in tokens]
    e = kinds.index("exp")
    mant = [t for k, t in tokens[:e] if k == "digit"]
    point = kinds.index("point") if "point" in kinds[:e] else e
    places = sum(1 for k, _ in tokens[point:e] if k == "digit")
    exp_digits = sum(1 for k, _ in tokens[e:] if k == "digit")
    ints = max(1, len(mant) - places)
    if x == 0:
        exp = 0
    else:
        exp = Decimal(f"{x:.15g}").adjusted()
        exp -= exp % ints if ints > 1 else 0
    m = _round(x / 10 ** exp, places) if x else Decimal(0)
    sign = "-" if exp < 0 else ("+" if tokens[e][1] == "+" else "")
    return f"{m:f}" + "E" + sign + str(abs(exp)).rjust(exp_digits, "0")


def _date(tokens: tuple[Token, ...], value: Any) -> str:
    if isinstance(value, dt.time):
        value = dt.datetime.combine(_EPOCH.date(), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    cn = any(k == "dbnum" for k, _ in tokens)
    ampm = any(k == "ampm" for k, _ in tokens)
    dates = [i for i, (k, _) in enumerate(tokens) if k == "date"]
    out = []
    for i, (k, t) in enumerate(tokens):
        if k == "date":
            pos = dates.index(i)
            prev = tokens[dates[pos - 1]][1][0] if pos else ""
            nxt = tokens[dates[pos + 1]][1][0] if pos + 1 < len(dates) else ""
            out.append(_date_part(t, value, minutes=t[0] == "m" and (prev == "h" or nxt == "s"),
                                  twelve=ampm, cn=cn))
        elif k == "ampm":
            am = value.hour < 12
            out.append({"zh": "上午" if am else "下午", "A/P": "A" if am else "P"}.get(t, "AM" if am else "PM"))
        elif k in ("lit", "slash", "point", "comma", "percent"):
            out.append(t)
    return "".join(out)


def _date_part(t: str, v: dt.datetime, minutes: bool, twelve: bool, cn: bool) -> str:
    c, n = t[0], len(t)

    def num(x: int, width: int) -> str:
        return _cn_small(x) if cn else str(x).zfill(width)

    if c == "y":
        year = str(v.year) if n > 2 else f"{v.year % 100:02d}"
        return "".join(_CN[int(d)] for d in year) if cn else year
    if c == "m" and not minutes:
        if n >= 3:  # as a Chinese Excel names months
            return f"{v.month}月" if n == 3 else f"{_cn_small(v.month)}月"
        return num(v.month, n)
    if c == "m":
        return num(v.minute, min(n, 2))
    if c == "d":
        if n >= 3:
            return ("周" if n == 3 else "星期") + _WEEK[v.weekday()]
        return num(v.day, n)
    if c == "a":
        return ("" if n == 3 else "星期") + _WEEK[v.weekday()] if n >= 3 else t
    if c == "h":
        hour = v.hour % 12 or 12 if twelve else v.hour
        return num(hour, min(n, 2))
    if c == "s":
        return num(v.second, min(n, 2))
    return t


def _cn_small(n: int) -> str:
    """0..59 in Chinese numerals: 〇, 九, 十, 十一, 二十五."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN[ones]
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
