# make report  - set up .venv if needed and run the main job on corpus/
# make test    - lint (ruff), check the import layers (lint-imports) and run the test suite (doctests included)
# make bench   - time counting (5 and 50 MB) against stock NLTK and CountVectorizer, the reports on a 5 MB news corpus (cold, warm) and corpus/ against papermill + nbconvert, and web pages (cold, warm) against trafilatura, with the gold set's F1
# make look    - render every report on six real corpora and screenshot them (look/shots), to be read by a person
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Real NLTK corpora for the tests that need them; those tests skip without it.
SHARED_NLTK := $(abspath ../shared/nltk_data)
TEST_NLTK_DATA := $(if $(wildcard $(SHARED_NLTK)),$(SHARED_NLTK),)

.PHONY: report test student bench look format lock clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,dask,bench,teach]'
	$(BIN)/python -m compileall -q toolkit  # as pip does for a regular install (even under PYTHONDONTWRITEBYTECODE)
	touch $@

report: $(STAMP)
	$(BIN)/python -m toolkit report all --jobs 2

# Teaching: the student version of notebooks/exercises/ in student/
student: $(STAMP)
	$(BIN)/python -m toolkit exercises build --out student

bench: $(STAMP)
	NLTK_DATA=$(TEST_NLTK_DATA) $(BIN)/python -m toolkit bench --sizes 5,50
	NLTK_DATA=$(TEST_NLTK_DATA) $(BIN)/python benchmarks/bench_reports.py
	NLTK_DATA=$(TEST_NLTK_DATA) $(BIN)/python benchmarks/bench_pages.py

look: $(STAMP)
	NLTK_DATA=$(TEST_NLTK_DATA) $(BIN)/python benchmarks/look_at_reports.py look

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	NLTK_DATA=$(TEST_NLTK_DATA) TOOLKIT_CACHE_DIR=$(CURDIR)/.pytest_cache/token_cache $(BIN)/python -m pytest

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every installed version after changing dependencies.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^corpus-notebook-toolkit' > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
