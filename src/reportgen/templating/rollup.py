"""Totals across records that add only what may be added (the ``rollup``
filter of the built-in ``district-overview``).

A fact ``{what, value, unit, approx, subset}`` counts toward its unit's
total unless it is a part of another fact: ``subset: true``, or its ``what``
starts with 其中 (其中中央级媒体报道 is already inside 主流媒体刊发相关报道).
A total that includes an approximate figure (600余) is itself approximate
and printed 约N; a record with no figure in a unit shows —, not 0, and is
not ranked by it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .filters import cn_number

MISSING = "—"


@dataclass(frozen=True)
class Total:
    value: float | None  # None: no figure at all
    approx: bool = False  # some figure in it was approximate (余/约/多)
    count: int = 0  # how many figures were added

    def __str__(self) -> str:
        if self.value is None:
            return MISSING
        if self.approx and self.count > 1:
            return "约" + cn_number(self.value)
        return cn_number(self.value, approx=self.approx)

    def __add__(self, other: "Total") -> "Total":
        if other.value is None:
            return self
        if self.value is None:
            return other
        return Total(self.value + other.value, self.approx or other.approx, self.count + other.count)


def additive(fact: Mapping[str, Any]) -> bool:
    what = str(fact.get("what", "")).lstrip()
    number = isinstance(fact.get("value"), (int, float)) and not isinstance(fact.get("value"), bool)
    return number and not fact.get("subset") and not what.startswith("其中")


def facts_of(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every fact of a record of the sample shape (sections → topics → facts)."""
    out = []
    for section in record.get("sections", None) or ():
        for topic in (section or {}).get("topics", None) or ():
            out.extend(f for f in (topic or {}).get("facts", None) or () if isinstance(f, Mapping))
    return out


def total(facts: Iterable[Mapping[str, Any]], unit: str) -> Total:
    acc = Total(None)
    for f in facts:
        if f.get("unit") == unit and additive(f):
            acc = acc + Total(float(f["value"]), bool(f.get("approx")), 1)
    return acc


def rollup(records: Iterable[Mapping[str, Any]], units: list[str], rank_by: str | None = None) -> dict:
    """Rows (name, figures, a Total per unit), the totals per unit, and the
    ranking by ``rank_by`` (records without that figure are left out of it).

    >>> r = rollup([{"district": {"name": "甲"}, "sections": [{"topics": [{"facts": [
    ...     {"what": "报道", "value": 130, "unit": "篇"}, {"what": "其中央级", "value": 88, "unit": "篇"},
    ...     {"what": "宣讲", "value": 600, "unit": "场", "approx": True}]}]}]},
    ...     {"district": {"name": "乙"}}], ["篇", "场"])
    >>> [(row["name"], [str(t) for t in row["totals"]]) for row in r["rows"]]
    [('甲', ['130', '600余']), ('乙', ['—', '—'])]
    >>> [str(t) for t in r["totals"]], [row["name"] for row in r["ranking"]]
    (['130', '600余'], ['甲'])
    """
    rank_by = rank_by or (units[0] if units else None)
    rows = []
    for i, rec in enumerate(records):
        district = rec.get("district") if isinstance(rec.get("district"), Mapping) else {}
        facts = facts_of(rec)
        rows.append({"name": district.get("name") or f"第{i + 1}条", "facts": len(facts),
                     "totals": [total(facts, u) for u in units]})
    totals = [sum((row["totals"][k] for row in rows), Total(None)) for k in range(len(units))]
    ranked = []
    if rank_by in units:
        k = units.index(rank_by)
        ranked = sorted((row for row in rows if row["totals"][k].value is not None),
                        key=lambda row: -row["totals"][k].value)
        ranked = [dict(row, key=row["totals"][k]) for row in ranked]
    return {"rows": rows, "totals": totals, "ranking": ranked, "rank_by": rank_by,
            "facts": sum(row["facts"] for row in rows),
            "approx": any(t.approx for t in totals)}
