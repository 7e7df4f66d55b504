from reportgen.templating.sourcemap import template_line

SOURCE = """# {{ title }}

:::{masthead}
:issuer: {{ office }}
:::

{% for s in sections %}
:::{unknown-thing}
{{ s }}
:::
{% endfor %}
"""


def test_directive_line_found():
    assert template_line(SOURCE, ":::{unknown-thing}") == 8
    assert template_line(SOURCE, ":issuer: 东西湖区办公室") == 4


def test_unmatched_line():
    assert template_line(SOURCE, "纯数据行") is None
    assert template_line(SOURCE, "") is None
