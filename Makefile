# Two commands for a fresh machine: `make run` and `make test`. Both set everything up first and
# are quick the second time (the venv is rebuilt only when requirements.lock changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
PORT ?= 8501

.PHONY: run test test-fast setup lint format ingest export bench deck-images clean

run: setup
	$(BIN)/python -m dashboard ingest
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The unit tests alone (no app, command line, index, browser or image export): well under 30 s.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

setup: $(STAMP) $(CHROMIUM) $(CJK_FONT)

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Debian's Chromium drives the browser tests and kaleido's image export (never `playwright install`).
$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core fonts-wqy-zenhei

# Chinese and Japanese excerpts (Xinhua's, People's Daily's pages) drawn as characters, not empty boxes.
$(CJK_FONT):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-wqy-zenhei

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ingest: setup
	$(BIN)/python -m dashboard ingest

export: setup
	$(BIN)/python -m dashboard export --out briefing

# Benchmarks print figures and ratios; spaCy is only needed here (the `bench` extra).
bench: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check spacy==3.8.18
	$(BIN)/python benchmarks/linking.py
	$(BIN)/python benchmarks/index.py
	$(BIN)/python benchmarks/figures.py
	$(BIN)/python benchmarks/app.py
	$(BIN)/python benchmarks/export.py

# Renders the briefing deck to PNGs (LibreOffice + poppler) so a person can look at every slide.
deck-images: setup
	scripts/render_deck.sh briefing

clean:
	rm -rf $(VENV) data artifacts briefing .pytest_cache .ruff_cache
