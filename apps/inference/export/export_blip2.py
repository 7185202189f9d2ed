#!/usr/bin/env python3
"""Export an OPT-based BLIP-2 checkpoint into Captionary's model folder contract.

    vision_encoder.onnx        pixel_values f32 [B,3,H,W] -> image_features f32 [B,Q,D]
    embed_tokens.onnx          input_ids i64 [B,S] -> inputs_embeds f32 [B,S,D]
    decoder_model_merged.onnx  inputs_embeds, attention_mask i64 [B,P+S],
                               past_key_values.{i}.key/.value [B,h,P,d]
                               -> logits [B,S,V], present.{i}.key/.value
    config.json, generation_config.json, preprocessor_config.json, tokenizer.json, manifest.json

Graph inputs and outputs are always float32 (fp16 tensors are fragile from Node). With --dtype fp16
the graphs are traced in fp32 and then converted by onnxruntime's float16 converter, which casts at
the graph edges and keeps the Q-Former in fp32 as transformers does: tracing fp16 weights on a CPU
records fp32 upcasts inside every Linear and gives graphs onnxruntime refuses to load. Files over
2 GB keep their weights in an external-data file next to them (listed in manifest.json like every
other file).

--tiny builds a random tiny Blip2Config instead of downloading anything, exports it, and writes
parity fixtures for apps/inference/test/parity.test.ts: generated images (at 224x224 and at other
sizes), the image processor's resized pixels, and golden token ids from Hugging Face `generate`
(greedy and 3 beams, with and without a prompt). --parity writes the same fixtures for a real
checkpoint into <out>/parity/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import onnx
import torch
from PIL import Image
from torch import nn

REPO_ROOT = Path(__file__).resolve().parents[3]
TWO_GB = 2 * 1024**3
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


# --------------------------------------------------------------------------------------------
# Graph wrappers: each exposes exactly the contract's inputs and outputs.
# --------------------------------------------------------------------------------------------


class VisionEncoder(nn.Module):
    """ViT + Q-Former + language projection: the projected query tokens BLIP-2 feeds to OPT."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        image_embeds = self.model.vision_model(pixel_values=pixel_values, return_dict=True).last_hidden_state
        image_mask = torch.ones(image_embeds.shape[:-1], dtype=torch.long, device=image_embeds.device)
        queries = self.model.query_tokens.expand(image_embeds.shape[0], -1, -1)
        query_output = self.model.qformer(
            query_embeds=queries,
            encoder_hidden_states=image_embeds,
            encoder_attention_mask=image_mask,
            return_dict=True,
        ).last_hidden_state
        return self.model.language_projection(query_output)


class EmbedTokens(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.embed = model.language_model.get_input_embeddings()

    def forward(self, input_ids):
        return self.embed(input_ids)


def make_cache(past_flat, layers):
    """A transformers Cache holding the given per-layer key/value tensors (works across versions)."""
    from transformers import DynamicCache

    cache = DynamicCache()
    for layer in range(layers):
        cache.update(past_flat[2 * layer], past_flat[2 * layer + 1], layer)
    return cache


def cache_tensors(cache, layers):
    """Per-layer (key, value) of a Cache or a legacy tuple, whichever this transformers returns."""
    if isinstance(cache, (tuple, list)):
        return [(cache[i][0], cache[i][1]) for i in range(layers)]
    if hasattr(cache, "layers"):
        return [(cache.layers[i].keys, cache.layers[i].values) for i in range(layers)]
    return [(cache.key_cache[i], cache.value_cache[i]) for i in range(layers)]


class Decoder(nn.Module):
    """OPT decoder with KV cache. Positions come from attention_mask inside OPT (cumsum), as the
    contract requires; the caller passes zero-length past tensors on the first step."""

    def __init__(self, model, layers):
        super().__init__()
        self.lm = model.language_model
        self.layers = layers

    def forward(self, inputs_embeds, attention_mask, *past_flat):
        past = make_cache(list(past_flat), self.layers)
        out = self.lm(
            inputs_embeds=inputs_embeds,
            attention_mask=attention_mask,
            past_key_values=past,
            use_cache=True,
            return_dict=True,
        )
        present = cache_tensors(out.past_key_values, self.layers)
        return (out.logits, *[t for kv in present for t in kv])


# --------------------------------------------------------------------------------------------
# Export helpers
# --------------------------------------------------------------------------------------------


def to_fp16(model):
    """fp16 weights and arithmetic with float32 inputs and outputs. The Q-Former's nodes stay fp32,
    as transformers keeps that module in fp32 under fp16 weights."""
    from onnxruntime.transformers.float16 import convert_float_to_float16

    qformer = [node.name for node in model.graph.node if "/qformer/" in node.name]
    # Shape inference serializes the model, which protobuf caps at 2 GB; the exporter's own
    # value_info then has to do.
    large = sum(t.ByteSize() for t in model.graph.initializer) > TWO_GB - 64 * 1024**2
    model = convert_float_to_float16(model, keep_io_types=True, node_block_list=qformer, disable_shape_infer=large)
    # The converter adds one Cast per (blocked consumer, input), so an input shared by two blocked
    # nodes gets two identical Casts with the same name and output, which onnxruntime refuses.
    seen, unique = set(), []
    for node in model.graph.node:
        key = (node.op_type, tuple(node.input), tuple(node.output))
        if key not in seen:
            seen.add(key)
            unique.append(node)
    del model.graph.node[:]
    model.graph.node.extend(unique)
    return model


def export_graph(module, args, path: Path, input_names, output_names, dynamic_axes, opset: int, fp16: bool):
    """Exports with the TorchScript exporter (stable dynamic axes), converts to fp16 when asked,
    then moves weights to an external-data file when the protobuf would exceed 2 GB."""
    module.eval()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp) / path.name
        with torch.no_grad():
            torch.onnx.export(
                module,
                args,
                str(tmp_path),
                input_names=input_names,
                output_names=output_names,
                dynamic_axes=dynamic_axes,
                opset_version=opset,
                do_constant_folding=True,
                dynamo=False,
            )
        model = onnx.load(str(tmp_path), load_external_data=True)
        if fp16:
            model = to_fp16(model)
        size = sum(t.ByteSize() for t in model.graph.initializer)
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        if size > TWO_GB - 64 * 1024**2:
            onnx.save_model(
                model,
                str(path),
                save_as_external_data=True,
                all_tensors_to_one_file=True,
                location=path.name + "_data",
                size_threshold=1024,
            )
        else:
            onnx.save_model(model, str(path))


def export_model_folder(model, tokenizer_json: Path, out: Path, fp16: bool, opset: int, name: str, source: str, tiny: bool):
    config = model.config
    text = config.text_config
    layers = text.num_hidden_layers
    heads = text.num_attention_heads
    head_dim = text.hidden_size // heads
    image_size = config.vision_config.image_size
    out.mkdir(parents=True, exist_ok=True)

    pixel_values = torch.randn(2, 3, image_size, image_size)
    export_graph(
        VisionEncoder(model),
        (pixel_values,),
        out / "vision_encoder.onnx",
        ["pixel_values"],
        ["image_features"],
        {"pixel_values": {0: "batch"}, "image_features": {0: "batch"}},
        opset,
        fp16,
    )
    export_graph(
        EmbedTokens(model),
        (torch.tensor([[2, 100, 200]], dtype=torch.long).repeat(2, 1),),
        out / "embed_tokens.onnx",
        ["input_ids"],
        ["inputs_embeds"],
        {"input_ids": {0: "batch", 1: "sequence"}, "inputs_embeds": {0: "batch", 1: "sequence"}},
        opset,
        fp16,
    )
    # Trace with a non-empty past so the cache path is in the graph; P=0 works at run time.
    batch, past_len, new_len = 2, 3, 2
    past = []
    past_names, present_names, axes = [], [], {}
    for layer in range(layers):
        for kind in ("key", "value"):
            past.append(torch.randn(batch, heads, past_len, head_dim))
            past_names.append(f"past_key_values.{layer}.{kind}")
            present_names.append(f"present.{layer}.{kind}")
            axes[past_names[-1]] = {0: "batch", 2: "past_sequence_length"}
            axes[present_names[-1]] = {0: "batch", 2: "total_sequence_length"}
    axes.update(
        {
            "inputs_embeds": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "total_sequence_length"},
            "logits": {0: "batch", 1: "sequence"},
        }
    )
    export_graph(
        Decoder(model, layers),
        (torch.randn(batch, new_len, text.hidden_size), torch.ones(batch, past_len + new_len, dtype=torch.long), *past),
        out / "decoder_model_merged.onnx",
        ["inputs_embeds", "attention_mask", *past_names],
        ["logits", *present_names],
        axes,
        opset,
        fp16,
    )

    write_json(out / "config.json", config.to_dict())
    eos = [text.eos_token_id]
    newline = 50118 if text.vocab_size > 50118 else None
    if newline is not None:
        eos.append(newline)  # OPT's "\n", which BLIP-2 captions also stop on
    write_json(
        out / "generation_config.json",
        {"bos_token_id": text.bos_token_id, "eos_token_id": eos, "pad_token_id": text.pad_token_id, "max_new_tokens": 30},
    )
    write_json(out / "preprocessor_config.json", preprocessor_config(image_size))
    shutil.copyfile(tokenizer_json, out / "tokenizer.json")
    files = {p.name: sha256(p) for p in sorted(out.iterdir()) if p.is_file() and p.name != "manifest.json"}
    write_json(out / "manifest.json", {"name": name, "tiny": tiny, "source": source, "files": files})


def preprocessor_config(image_size: int) -> dict:
    """BLIP-2's image processor settings: bicubic to a square, rescale, CLIP mean and std."""
    return {
        "image_processor_type": "BlipImageProcessor",
        "do_convert_rgb": True,
        "do_resize": True,
        "size": {"height": image_size, "width": image_size},
        "resample": 3,
        "do_rescale": True,
        "rescale_factor": 1 / 255,
        "do_normalize": True,
        "image_mean": CLIP_MEAN,
        "image_std": CLIP_STD,
    }


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json(path: Path, value):
    path.write_text(json.dumps(value, indent=2, default=str) + "\n")


# --------------------------------------------------------------------------------------------
# Tiny mode: random Blip2Config + golden outputs
# --------------------------------------------------------------------------------------------


def tiny_model(vocab_size: int):
    from transformers import Blip2Config, Blip2ForConditionalGeneration, OPTConfig

    torch.manual_seed(0)
    config = Blip2Config(
        vision_config={
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 2,
            "num_attention_heads": 2,
            "image_size": 224,
            "patch_size": 16,
        },
        qformer_config={
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 2,
            "num_attention_heads": 2,
            "encoder_hidden_size": 32,
            "vocab_size": 128,
        },
        text_config=OPTConfig(
            hidden_size=64,
            ffn_dim=128,
            num_hidden_layers=2,
            num_attention_heads=4,
            vocab_size=vocab_size + 1,
            max_position_embeddings=512,
            word_embed_proj_dim=64,
            bos_token_id=2,
            eos_token_id=2,
            pad_token_id=1,
            tie_word_embeddings=False,
        ).to_dict(),
        num_query_tokens=8,
        # Like the released checkpoints: one "<image>" id past the tokenizer's vocabulary, whose
        # embeddings transformers replaces with the query tokens (the graphs concatenate instead).
        image_token_index=vocab_size,
        # A head tied to the input embeddings mostly predicts the token it was just given (the
        # residual stream still holds it), which makes every caption a repeat of its last token.
        tie_word_embeddings=False,
    )
    model = Blip2ForConditionalGeneration(config).eval()
    eos = config.text_config.eos_token_id
    with torch.no_grad():
        head = model.language_model.get_output_embeddings().weight
        # Random init leaves logits nearly flat; sharpen the head so greedy and beams have clear,
        # image-dependent choices (near-ties would make token-for-token parity meaningless), and
        # strengthen the stop token so some cases end early and others run to max_new_tokens.
        head.mul_(8.0)
        head[eos].mul_(2.0)
    return model


def fixture_images(folder: Path):
    """Deterministic 224x224 RGB images: already at the model size, so any resampler leaves them
    as they are and these cases test the model and generation alone."""
    folder.mkdir(parents=True, exist_ok=True)
    ys, xs = np.mgrid[0:224, 0:224]
    patterns = [
        np.stack([xs, ys, 255 - xs], -1),
        np.stack([(xs // 28 + ys // 28) % 2 * 255, ys, np.full_like(xs, 128)], -1),
        np.stack([np.hypot(xs - 112, ys - 112) * 2 % 256, 255 - ys, xs * ys % 256], -1),
    ]
    paths = []
    for index, pattern in enumerate(patterns):
        path = folder / f"image-{index}.png"
        Image.fromarray(pattern.astype(np.uint8), "RGB").save(path)
        paths.append(path)
    return paths


def resize_source_images(folder: Path):
    """Deterministic images of other sizes (shrunk on one or both axes, enlarged on one), with
    smooth areas and hard edges (and noise on two), for the resize comparison: a JPEG (so decoding
    is compared too) and two PNGs."""
    rng = np.random.default_rng(0)

    def picture(width, height, texture):
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
        u, v = xs / width, ys / height
        red = 255 * u
        green = 128 + 100 * np.sin(6 * np.pi * u) * np.cos(4 * np.pi * v)
        blue = np.where((xs // 24 + ys // 24) % 2 == 0, 40, 220) * v + 255 * (1 - v) * (np.hypot(u - 0.5, v - 0.5) < 0.3)
        image = np.stack([red, green, blue], -1) + rng.normal(0, 6 if texture else 0, (height, width, 3))
        return Image.fromarray(np.clip(image, 0, 255).astype(np.uint8), "RGB")

    sources = [("photo-320x240.jpg", 320, 240, True), ("poster-500x375.png", 500, 375, False), ("tall-150x300.png", 150, 300, True)]
    paths = []
    for name, width, height, texture in sources:
        path = folder / name
        picture(width, height, texture).save(path, **({"quality": 90} if name.endswith(".jpg") else {}))
        paths.append(path)
    return paths


def image_processor(image_size: int):
    """Hugging Face's PIL-based BLIP image processor (the one BLIP-2 was trained with), with the
    settings written to preprocessor_config.json. Newer transformers default to a torchvision
    backend whose bicubic differs from Pillow's."""
    try:
        from transformers import BlipImageProcessorPil as Processor
    except ImportError:
        from transformers import BlipImageProcessor as Processor
    settings = preprocessor_config(image_size)
    del settings["image_processor_type"]
    return Processor(**settings)


def processed_as_uint8(pixel_values):
    """The processor's 8-bit resized image, recovered from its normalized output [3,H,W]."""
    mean = np.array(CLIP_MEAN)[:, None, None]
    std = np.array(CLIP_STD)[:, None, None]
    levels = (pixel_values.numpy().astype(np.float64) * std + mean) * 255
    rounded = np.rint(levels)
    assert np.abs(levels - rounded).max() < 1e-3, "processor output is not an 8-bit image rescaled"
    return rounded.astype(np.uint8).transpose(1, 2, 0)


def golden_outputs(model, tokenizer, eos_ids, fixtures_root: Path, model_dir: Path):
    """Writes the parity fixtures into fixtures_root: test images, the processor's resized pixels
    and golden.json with Hugging Face `generate` token ids (the model runs where its weights are)."""
    images = fixtures_root / "images"
    image_paths, resize_paths = fixture_images(images), resize_source_images(images)
    image_size = model.config.vision_config.image_size
    processor = image_processor(image_size)
    text = model.config.text_config
    device = next(model.parameters()).device
    cases = []
    settings = [
        {"numBeams": 1, "maxNewTokens": 20},
        {"numBeams": 3, "maxNewTokens": 20},
        {"numBeams": 1, "maxNewTokens": 12, "prompt": "Question: what is shown? Answer:"},
        {"numBeams": 3, "maxNewTokens": 12, "minNewTokens": 5, "prompt": "a photo of"},
    ]
    resized = []
    for path in [*image_paths, *resize_paths]:
        pixel_values = processor(images=Image.open(path), return_tensors="pt").pixel_values
        if path in resize_paths:
            reference = path.with_name(f"{path.stem}.hf-{image_size}.png")
            Image.fromarray(processed_as_uint8(pixel_values[0]), "RGB").save(reference)
            resized.append({"image": str(path.relative_to(fixtures_root)), "processed": str(reference.relative_to(fixtures_root))})
        model_pixels = pixel_values.to(device, model.dtype)
        for params in settings if path in image_paths else settings[:2]:
            prompt_ids = tokenizer.encode(params["prompt"], add_special_tokens=False) if "prompt" in params else []
            input_ids = [text.bos_token_id, *prompt_ids]
            if getattr(model.config, "image_token_index", None) is not None:
                input_ids = [model.config.image_token_index] * model.config.num_query_tokens + input_ids
            input_ids = torch.tensor([input_ids], dtype=torch.long, device=device)
            # One image per generate call: Hugging Face's vectorised beam search keeps updating
            # finished rows while others run, so per-image calls are the batch-invariant reference.
            with torch.no_grad():
                output = model.generate(
                    pixel_values=model_pixels,
                    input_ids=input_ids,
                    attention_mask=torch.ones_like(input_ids),
                    do_sample=False,
                    num_beams=params["numBeams"],
                    max_new_tokens=params["maxNewTokens"],
                    min_new_tokens=params.get("minNewTokens", 0),
                    eos_token_id=eos_ids,
                    pad_token_id=text.pad_token_id,
                    length_penalty=1.0,
                    early_stopping=False,
                )
            ids = output[0].tolist()
            # Depending on the transformers version the prompt ids are echoed; keep only new tokens.
            if ids[: input_ids.shape[1]] == input_ids[0].tolist():
                ids = ids[input_ids.shape[1] :]
            cases.append(
                {
                    "image": str(path.relative_to(fixtures_root)),
                    "params": params,
                    "tokenIds": ids,
                    "pixelValuesHead": pixel_values[0, :, 0, :4].flatten().tolist(),
                }
            )
    golden = {
        "model": os.path.relpath(model_dir, fixtures_root),
        "eosIds": eos_ids,
        "padId": text.pad_token_id,
        "cases": cases,
        "resized": resized,
    }
    write_json(fixtures_root / "golden.json", golden)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="Salesforce/blip2-opt-2.7b", help="checkpoint id or local folder")
    parser.add_argument("--out", type=Path, help="output model folder (default models/<name>)")
    parser.add_argument("--dtype", choices=["fp32", "fp16"], default="fp32")
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--tiny", action="store_true", help="export a random tiny Blip2Config with golden outputs")
    parser.add_argument(
        "--parity",
        action="store_true",
        help="also write <out>/parity/: test images and Hugging Face generate ids at --dtype, for parity.test.ts",
    )
    parser.add_argument(
        "--tokenizer-dir",
        type=Path,
        default=REPO_ROOT / "models" / "tiny-blip2",
        help="--tiny: folder whose tokenizer.json the tiny model uses (default: npm run model:tiny output)",
    )
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=REPO_ROOT / "apps" / "inference" / "test" / "fixtures" / "hf-tiny",
        help="--tiny: where the model, images and golden.json go",
    )
    args = parser.parse_args()
    from transformers import PreTrainedTokenizerFast

    if args.tiny:
        tokenizer_json = args.tokenizer_dir / "tokenizer.json"
        tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(tokenizer_json))
        model = tiny_model(len(tokenizer.get_vocab()))
        root = args.fixtures
        if root.exists():
            shutil.rmtree(root)
        export_model_folder(
            model,
            tokenizer_json,
            root / "model",
            False,
            args.opset,
            name="hf-tiny-blip2",
            source="random tiny Blip2Config (export_blip2.py --tiny)",
            tiny=True,
        )
        golden_outputs(model, tokenizer, [model.config.text_config.eos_token_id], root, root / "model")
        print(f"tiny model and golden outputs written to {root}")
        return

    from transformers import AutoProcessor, Blip2ForConditionalGeneration

    # Traced in fp32 whatever --dtype says (see the module docstring).
    model = Blip2ForConditionalGeneration.from_pretrained(args.model, torch_dtype=torch.float32).eval()
    if model.config.text_config.model_type != "opt":
        raise SystemExit(f"{args.model}: only OPT-based BLIP-2 checkpoints fit this contract")
    processor = AutoProcessor.from_pretrained(args.model)
    name = args.model.rstrip("/").split("/")[-1]
    out = args.out or REPO_ROOT / "models" / name
    with tempfile.TemporaryDirectory() as tmp:
        processor.tokenizer.save_pretrained(tmp)
        export_model_folder(
            model, Path(tmp) / "tokenizer.json", out, args.dtype == "fp16", args.opset, name, args.model, tiny=False
        )
    print(f"{args.model} ({args.dtype}) written to {out}")
    if args.parity:
        del model
        # The reference runs at the exported precision (transformers keeps the Q-Former in fp32 on
        # its own), on the GPU when there is one.
        dtype = torch.float16 if args.dtype == "fp16" else torch.float32
        reference = Blip2ForConditionalGeneration.from_pretrained(args.model, torch_dtype=dtype).eval()
        if torch.cuda.is_available():
            reference = reference.to("cuda")
        eos = json.loads((out / "generation_config.json").read_text())["eos_token_id"]
        parity = out / "parity"
        if parity.exists():
            shutil.rmtree(parity)
        golden_outputs(reference, processor.tokenizer, eos, parity, out)
        print(f"parity fixtures written to {parity}; check them with PARITY_DIR={parity} npm run test:parity")


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
