"""One seed, many streams: every process draws from its own `random.Random` derived by name.

String seeds are hashed with SHA-512 by `random.Random` (seed version 2), so a stream's numbers
do not depend on PYTHONHASHSEED or on the order in which streams are created.
"""

from __future__ import annotations

import random


class Streams:
    """Tilfældighedskilder - named, independent random streams from one seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._streams: dict[str, random.Random] = {}

    def get(self, name: str) -> random.Random:
        stream = self._streams.get(name)
        if stream is None:
            stream = random.Random(f"{self.seed}:{name}")
            self._streams[name] = stream
        return stream
