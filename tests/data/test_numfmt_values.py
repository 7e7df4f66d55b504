"""Excel number formats, and values that print as shown but compare as numbers."""
import datetime as dt
import pickle

import pytest

from reportgen.data.numfmt import show
from reportgen.data.values import ShownDate, ShownFloat, shown
from reportgen.templating.environment import make_environment


@pytest.mark.parametrize("value, fmt, text", [
    (0.941, "0.0%", "94.1%"), (1.0, "0.0%", "100.0%"), (0.07, "0%", "7%"), (1060, "#,##0", "1,060"),
    (1234567.891, "#,##0.00", "1,234,567.89"), (2.675, "0.00", "2.68"), (3.1, "0.00", "3.10"),
    (-5, "#,##0;(#,##0)", "(5)"), (0, '#,##0;-#,##0;"-"', "-"), (-3.5, "0.0", "-3.5"),
    (12345678, '0!.0000"万"', "1234.5678万"), (12345678, '0.00,,"百万"', "12.35百万"),
    (1234.5, '"¥"#,##0.00', "¥1,234.50"), (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),
    (0.00012, "0.00E+00", "1.20E-04"), (42, '"共"0"个"', "共42个"), (5, "[Red]0", "5"), (29.31, "0.00_ ", "29.31"),
    (123, "000000", "000123"), (0.5, "#.##", ".5"), (0.30000000000000004, "General", "0.3"),
    (dt.date(2026, 10, 9), 'yyyy"年"m"月"d"日"', "2026年10月9日"),
    (dt.date(2026, 10, 9), "yyyy\\年m\\月d\\日", "2026年10月9日"),  # as LibreOffice writes it
    (dt.date(2026, 10, 9), "yyyy/m/d", "2026/10/9"), (46304, 'yyyy"年"m"月"d"日"', "2026年10月9日"),
    (dt.datetime(2026, 10, 9, 14, 5), "yyyy-mm-dd hh:mm", "2026-10-09 14:05"),
    (dt.datetime(2026, 10, 9, 14, 5), '上午/下午h"时"mm"分"', "下午2时05分"),
    (dt.date(2026, 10, 9), '[DBNum1][$-804]yyyy"年"m"月"d"日"', "二〇二六年十月九日"),
    (dt.date(2026, 10, 9), 'yyyy"年"m"月"d"日" aaaa', "2026年10月9日 星期五"),
])
def test_formats(value, fmt, text):
    assert show(value, fmt) == text


def test_shown_values_are_their_numbers():
    x = shown(0.941, "94.1%")
    assert isinstance(x, ShownFloat) and str(x) == "94.1%" and x == 0.941 and x.value == 0.941
    assert type(x + 0) is float and type(x.value) is float
    assert shown(1060, "1060") == 1060 and type(shown(1060, "1060")) is int  # nothing to show: stays plain
    d = shown(dt.date(2026, 10, 9), "2026年10月9日")
    assert isinstance(d, ShownDate) and d.value == dt.date(2026, 10, 9) and type(d.value) is dt.date
    for v in (x, d, shown(1060, "1,060")):
        back = pickle.loads(pickle.dumps(v))  # to worker processes
        assert back == v and str(back) == str(v)


def test_templates_print_as_shown_and_compute_with_values(tmp_path):
    env = make_environment([tmp_path])
    rate, people, day = shown(0.941, "94.1%"), shown(1060, "1,060"), shown(dt.date(2026, 10, 9), "2026年10月9日")
    src = ("{{ rate }}|{{ rate.value }}|{% if rate > 0.9 %}高{% endif %}|{{ rate|percent(ratio=True, digits=2) }}|"
           "{{ people }}|{{ [people, people]|sum }}|{{ people|cn_number(unit='人') }}|{{ day }}|{{ day|cn_date }}|"
           "{{ '%.1f'|format(rate * 100) }}|{{ rate.text }}")
    out = env.from_string(src).render(rate=rate, people=people, day=day)
    assert out.replace("\\", "") == "94.1%|0.941|高|94.10%|1,060|2120|1060人|2026年10月9日|2026年10月9日|94.1|94.1%"
