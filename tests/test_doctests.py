"""The examples in docstrings are part of the documentation: keep them true."""
import doctest
import importlib

import pytest

MODULES = [
    "reportgen.templating.filters", "reportgen.templating.escape", "reportgen.transforms.typography",
    "reportgen.model.dump", "reportgen.layout.wording", "reportgen.themes.units", "reportgen.text",
    "reportgen.model.meta", "reportgen.writers.docx.props", "reportgen.templating.rollup",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
