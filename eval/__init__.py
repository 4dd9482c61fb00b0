"""Question sets, metrics and the evaluation runner (uses only the public `assistant` API).

    from eval import run_eval
    summary = run_eval("eval/sets/demo.jsonl", index_dir="var/eval-index/demo", out_dir="var/eval/demo",
                       configs=["hybrid", "bm25", "dense"])

`eval.metrics` and `eval.sets` load without any model; `run_eval` / `main` open the Assistant.
"""
from __future__ import annotations

__all__ = ["run_eval", "main", "CONFIGS"]


def __getattr__(name: str):
    if name in __all__:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'eval' has no attribute {name!r}")
