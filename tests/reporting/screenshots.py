"""Screenshots of report.html for a reviewer: ``python -m tests.reporting.screenshots``.

Runs the ``smoke`` and ``luna-outage`` scenarios into ``reports/screenshots/runs/`` and has
Debian's headless ``chromium`` photograph each report.html at 1400 px width, the whole page, as
``reports/screenshots/<scenario>.png`` (the empty bottom of the tall window trimmed off).
Needs /usr/bin/chromium (or ``CHROMIUM=path``); prints where the pictures are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "reports" / "screenshots"
SCENARIOS = ("smoke", "luna-outage")
WIDTH, TALL = 1400, 7000
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def simulate(name: str) -> Path:
    runs = OUT / "runs"
    command = [sys.executable, "-m", "sandbox", "simulate", name, "--quiet", "--reports", str(runs)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    (folder,) = sorted(runs.glob(f"{name}-*"))
    return folder / "report.html"


def photograph(page: Path, target: Path) -> Path:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    command = [
        chromium,
        *CHROMIUM_ARGS,
        f"--screenshot={target}",
        f"--window-size={WIDTH},{TALL}",
        page.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    trim(target)
    return target


def trim(picture: Path) -> None:
    """Cut the white space below the page's last line (keeping a small margin)."""
    image = Image.open(picture).convert("RGB")
    background = Image.new("RGB", image.size, (255, 255, 255))
    box = ImageChops.difference(image, background).getbbox()
    if box is not None:
        image.crop((0, 0, image.width, min(image.height, box[3] + 40))).save(picture)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCENARIOS:
        print(photograph(simulate(name), OUT / f"{name}.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
