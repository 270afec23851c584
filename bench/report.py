"""Writes var/bench/report.json (for machines) and report.md (for people)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from bench.measure import Result


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,  # noqa: S607
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write(*, results: list[Result], dataset: dict[str, Any], directory: Path) -> dict[str, Any]:
    directory.mkdir(parents=True, exist_ok=True)
    report = {
        "benchmarks": [r.as_json() for r in results],
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "commit": _commit(),
        "dataset": dataset,
    }
    (directory / "report.json").write_text(json.dumps(report, indent=2))
    lines = [
        "# throughgate benchmarks",
        "",
        f"Commit {report['commit']} on {report['machine']}.",
        f"Dataset: {json.dumps(dataset)}.",
        "",
        "Ratios are to a baseline measured in the same run on the same machine.",
        "",
        "| benchmark | figure | baseline | ratio | target | pass | peak RSS MB | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        bound = "≥" if r.at_least else "≤"
        lines.append(
            f"| {r.name} | {r.figure} {r.unit} | {r.baseline} {r.unit} | {r.ratio} | {bound} {r.target} | "
            f"{'pass' if r.passed else 'FAIL'} | {r.peak_rss_mb} | {r.note} |"
        )
    (directory / "report.md").write_text("\n".join(lines) + "\n")
    return report
