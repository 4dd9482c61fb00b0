"""`civic` is one CLI above the packages: `eval` adds `civic eval` through the entry-point group
``civic.commands``; `assistant` never imports `eval` (data and dependencies flow one way)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from assistant.cli import PLUGIN_GROUP, build_parser

ROOT = Path(__file__).resolve().parents[1]


def test_eval_registers_its_command_through_the_entry_point_group():
    from importlib.metadata import entry_points

    names = {e.name: e.value for e in entry_points(group=PLUGIN_GROUP)}
    assert names.get("eval") == "eval.cli:register", "reinstall the package: pip install -e ."
    args = build_parser().parse_args(["eval", "eval/sets/demo.jsonl", "--split", "dev", "--limit", "3"])
    assert args.set == "eval/sets/demo.jsonl" and args.split == ["dev"] and args.limit == 3
    assert callable(args.handler)


def test_civic_eval_help_shows_the_runner_options_once():
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "eval", "--help"], capture_output=True,
                         text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    for option in ("--split", "--config", "--limit", "--no-progress"):
        assert out.stdout.count(option) >= 1
    direct = subprocess.run([sys.executable, "-m", "eval", "--help"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert direct.returncode == 0
    options = lambda text: sorted(w for w in text.split() if w.startswith("--"))  # noqa: E731
    assert options(out.stdout) == options(direct.stdout)  # declared once, the same both ways


def test_a_bad_set_is_a_clear_error_with_exit_2(tmp_path):
    from assistant.cli import main

    missing = tmp_path / "nope.jsonl"
    assert main(["eval", str(missing), "--index", str(tmp_path / "idx"), "--no-progress"]) == 2


def test_the_assistant_package_never_imports_eval():
    offenders = []
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n == "eval" or n.startswith("eval.")]
    assert offenders == []
