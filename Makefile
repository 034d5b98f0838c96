.PHONY: demo install test lint bench model
PY := .venv/bin/python

demo:            ## install, install the model, translate a sample to stdout
	bash tools/demo.sh

install:
	bash tools/install.sh

test: install    ## install what tests need and run them
	$(PY) -m ruff check cli tests bench tools
	$(PY) -m pytest -q

bench: install   ## benchmarks against Argos Translate and raw CTranslate2 (reads ../shared)
	$(PY) -m bench

model: install   ## rebuild the test package (tests/fixtures), ~30 min on 2 free cores
	$(PY) tools/testmodel/build.py --preset test --minutes 27 --out tests/fixtures/translate-de_en-defnews_test-1_0.argosmodel
