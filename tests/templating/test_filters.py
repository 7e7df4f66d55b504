"""Chinese-locale filters (their doctests run in tests/test_doctests.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from reportgen.templating.filters import cn_date, cn_number, cn_ordinal, fact, percent


@pytest.mark.parametrize("value, kwargs, expected", [
    ("2021-10-25", {}, "2021年10月25日"),
    (dt.date(2021, 1, 5), {}, "2021年1月5日"),
    (dt.datetime(2021, 10, 25, 9, 30), {}, "2021年10月25日"),
    ("2021-10-25T08:00:00", {}, "2021年10月25日"),
    ("2021/10/25", {"style": "upper"}, "二〇二一年十月二十五日"),
    ("2020-01-10", {"style": "upper"}, "二〇二〇年一月十日"),
    ("2021-10-25", {"fmt": "ym"}, "2021年10月"),
    ("2021-10", {"fmt": "ym"}, "2021年10月"),
    ("2021-10-25", {"fmt": "md"}, "10月25日"),
])
def test_cn_date(value, kwargs, expected):
    assert cn_date(value, **kwargs) == expected


@pytest.mark.parametrize("bad", ["昨天", "2021-13-01", "2021-02-30", "2021-10"])
def test_cn_date_rejects_non_dates(bad):
    with pytest.raises(ValueError):
        cn_date(bad)


def test_cn_ordinal_covers_1_to_99():
    assert [cn_ordinal(n) for n in (1, 9, 10, 11, 19, 20, 30, 45, 99)] == [
        "一", "九", "十", "十一", "十九", "二十", "三十", "四十五", "九十九"]
    assert len({cn_ordinal(n) for n in range(1, 100)}) == 99
    for bad in (0, 100, -1, "x"):
        with pytest.raises(ValueError):
            cn_ordinal(bad)


@pytest.mark.parametrize("value, kwargs, expected", [
    (1060, {"approx": True}, "1060余"),
    (1060, {}, "1060"),
    (9999, {}, "9999"),
    (10000, {}, "1万"),
    (11000, {}, "1.1万"),
    (12345, {}, "1.23万"),
    (200000, {"approx": True}, "20余万"),
    (11000, {"approx": True, "unit": "名"}, "1.1万余名"),
    (123456789, {}, "1.23亿"),
    (300000000, {"approx": True, "unit": "元"}, "3亿余元"),
    (99999999, {}, "1亿"),
    ("1,060", {"unit": "场"}, "1060场"),
    (-25000, {}, "-2.5万"),
    (0, {}, "0"),
    (3.5, {"unit": "倍"}, "3.5倍"),
])
def test_cn_number(value, kwargs, expected):
    assert cn_number(value, **kwargs) == expected


def test_cn_number_rejects_non_numbers():
    for bad in ("多", None, True):
        with pytest.raises(ValueError):
            cn_number(bad)


def test_percent_and_fact():
    assert percent(29.31) == "29.31%"
    assert percent(29.3149) == "29.31%"
    assert percent(0.2931, ratio=True) == "29.31%"
    assert percent(50, digits=0) == "50%"
    assert fact({"value": 1060, "unit": "场", "approx": True}) == "1060余场"
    assert fact({"value": 11000, "unit": "名"}) == "1.1万名"
    assert fact({"value": 29.31, "unit": "%"}) == "29.31%"
    with pytest.raises(ValueError):
        fact({"unit": "名"})


def test_rollup_adds_only_additive_figures_and_keeps_approximations():
    from reportgen.templating.rollup import rollup

    def rec(name, *facts):
        return {"district": {"name": name}, "sections": [{"topics": [{"facts": list(facts)}]}]}
    records = [
        rec("甲", {"what": "主流媒体报道", "value": 130, "unit": "篇"},
            {"what": "其中中央级媒体报道", "value": 88, "unit": "篇"},
            {"what": "宣讲", "value": 600, "unit": "次", "approx": True}, {"what": "展演", "value": 11, "unit": "次"}),
        rec("乙", {"what": "报道", "value": 20, "unit": "篇"}, {"what": "转载", "value": 5, "unit": "篇", "subset": True}),
        rec("丙"),
    ]
    r = rollup(records, ["篇", "次"], "次")
    assert [[str(t) for t in row["totals"]] for row in r["rows"]] == [["130", "约611"], ["20", "—"], ["—", "—"]]
    assert [str(t) for t in r["totals"]] == ["150", "约611"]  # 88 and 5 are inside 130 and 20
    assert [row["name"] for row in r["ranking"]] == ["甲"]  # only districts with the figure
