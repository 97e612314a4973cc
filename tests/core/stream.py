"""A small seeded mention stream: two calm days, then a spreading negative surge."""

from __future__ import annotations

import random
from datetime import timedelta

from monitor.model import Mention
from tests.core.helpers import T0

CALM = ["Tried the new Acme granola, quite good", "Acme opens a shop in Lyon today",
        "Anyone knows if Acme delivers to Belgium?", "Les céréales Acme sont plutôt bonnes"]
ANGRY = ["Acme cereal made my kid sick, disgusting", "Boycott Acme, they lie about the recall",
         "Scandale Acme : intoxication, c'est honteux", "Acme contamination is a disgrace"]


def stream(seed: int = 3, days: float = 2.0, surge_minutes: int = 120) -> list[Mention]:
    rng = random.Random(seed)
    out: list[Mention] = []
    t = 0.0
    while t < days * 1440:
        t += rng.expovariate(1 / 12)
        out.append(Mention(id=f"c{len(out)}", published=T0 + timedelta(minutes=t), source="social",
                           source_type="social", author=f"u{rng.randint(1, 300)}",
                           url=f"https://s.example/{len(out)}", title="",
                           text=f"{rng.choice(CALM)} {rng.randint(0, 999)}"))
    start = days * 1440
    for k in range(surge_minutes * 4):
        minute = start + k / 4 + rng.random() / 4
        news = k % 7 == 0
        out.append(Mention(
            id=f"s{k}", published=T0 + timedelta(minutes=minute),
            source="paper" if news else "social", source_type="news" if news else "social",
            author="Newsroom" if news else f"p{rng.randint(1, 5000)}",
            url=f"https://x.example/{k}", title="", text=f"{rng.choice(ANGRY)} {k}"))
    out.sort(key=lambda m: m.published)
    return out
