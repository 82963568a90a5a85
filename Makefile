# The verbs a person types. `make report` and `make test` set up .venv first if it is absent.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?=
AS_OF  ?=
UNITS  ?=
JOBS   ?=
PACK_LANG ?=
FORCE  ?=

.PHONY: help setup lab report test test-fast validate benchmark clean lock

help:            ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml requirements-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements-lock.txt -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)  ## create .venv from pyproject.toml and requirements-lock.txt

lab: $(STAMP)    ## open JupyterLab on notebooks/ with the project's kernel (PORT=8888 to choose the port)
	$(BIN)/python -m jupyter lab --notebook-dir=notebooks $(if $(PORT),--port=$(PORT)) $(if $(filter 0,$(shell id -u)),--allow-root)

report: $(STAMP) ## build the briefing pack into figures/ (figures-en/ in English; OUT=dir AS_OF=YYYY-MM-DD UNITS=a,b JOBS=n PACK_LANG=vi|en FORCE=1 to change)
	$(BIN)/python -m dtlib report $(if $(OUT),--out $(OUT)) $(if $(PACK_LANG),--lang $(PACK_LANG)) $(if $(AS_OF),--as-of $(AS_OF)) $(if $(UNITS),--units $(UNITS)) $(if $(JOBS),--jobs $(JOBS)) $(if $(FORCE),--force)

test: $(STAMP)   ## run every test: the library (pytest) and the notebooks (nbval)
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval-lax -p no:cacheprovider notebooks

test-fast: $(STAMP) ## the library tests that start no kernel and build no pack (under 2 minutes; make test runs all)
	$(BIN)/python -m pytest -q -m "not slow and not heavy" tests

validate: $(STAMP) ## load and validate data/
	$(BIN)/python -m dtlib validate

benchmark: $(STAMP) ## time loading, the attainment table and a pack build
	$(BIN)/python benchmarks/bench.py

lock: $(STAMP)   ## refresh requirements-lock.txt from the installed environment
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^dtlib' > requirements-lock.txt

clean:           ## remove the environment and generated output
	rm -rf $(VENV) $(or $(OUT),figures figures-en) .pytest_cache
