# Two commands on a fresh machine (only python3 and make needed):
#   make demo   set up .venv, install reportgen, build the sample project into output/
#   make test   set up .venv, install reportgen with test extras, run the test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
RUN    := $(VENV)/.installed-run

.PHONY: demo test bench clean

# the demo needs reportgen alone; the tests also the optional parts they test (serve, dask, sql)
$(RUN): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(RUN)

$(STAMP): $(RUN)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(RUN)
	$(VENV)/bin/reportgen build --format all

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf output .pytest_cache
