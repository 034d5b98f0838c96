.PHONY: demo install test test-fast lint bench model
PY := .venv/bin/python

demo:            ## install, install the model, translate a sample to stdout
	bash tools/demo.sh

install:
	bash tools/install.sh

test: install    ## install what tests need and run them (lint, types, every test)
	$(PY) -m ruff check cli tests bench tools
	$(PY) -m mypy
	$(PY) -m pytest -q

test-fast:       ## the fast tier for development (under a minute; CI runs everything)
	$(PY) -m pytest -q -m "not slow"

bench: install   ## benchmarks against Argos Translate and raw CTranslate2 (reads ../shared)
	$(PY) -m bench

model: install   ## rebuild the test package (tests/fixtures), ~30 min on 2 free cores
	$(PY) tools/testmodel/build.py --preset test --minutes 27 --out tests/fixtures/translate-de_en-defnews_test-1_0.argosmodel
