"""`vigie run --demo`: sample feeds served on 127.0.0.1 that tell a story in a minute.

Two days of calm history about a fictional brand (Acme), then, a few seconds after start, a
negative surge on social feeds that news sites pick up. Four formats are served (RSS, Atom,
JSON Feed), in English and French, so the demo walks the real ingestion path, offline.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from monitor.timeutil import from_epoch, iso

HISTORY = 2 * 86400
SURGE_AFTER = 12.0  # seconds after start

CALM_EN = [
    "Picked up the new Acme granola at the market today, pretty good with yoghurt.",
    "Acme opens a new warehouse near Lyon, 200 jobs expected.",
    "Does anyone know if Acme ships to Belgium?",
    "The Acme cereal ad on TV last night was fun.",
    "Acme quarterly results in line with expectations.",
]
CALM_FR = [
    "J'ai testé les nouvelles céréales Acme, plutôt bonnes avec du lait.",
    "Acme ouvre un entrepôt près de Lyon, 200 emplois prévus.",
    "Quelqu'un sait si Acme livre en Belgique ?",
    "La pub Acme d'hier soir était sympa.",
]
SURGE_EN = [
    "My kid got sick after eating Acme cereal. Terrible. Is there a recall?",
    "Acme cereal contaminated?? Several parents report food poisoning. Disgusting.",
    "Boycott Acme until they explain this contamination scandal. Shameful.",
    "Acme still silent about the sick children. Unacceptable and dangerous.",
    "Threw away every Acme box at home. Never again, awful company.",
]
SURGE_FR = [
    "Intoxication après des céréales Acme, mon fils est malade. Scandale !",
    "Acme ne répond pas, c'est honteux. Rappel produit quand ?",
    "Boycott d'Acme tant qu'ils mentent sur la contamination.",
]
NEWS = [
    ("Acme faces questions after reports of sick children", "Parents report illness after eating Acme cereal; the company has not commented."),
    ("Acme : des parents signalent des intoxications", "Plusieurs familles disent que leurs enfants sont tombés malades après avoir mangé des céréales Acme."),
    ("Health agency opens inquiry into Acme cereal", "Regulators are investigating a possible contamination at an Acme plant."),
]


@dataclass(frozen=True)
class Entry:
    id: str
    published: float
    author: str
    title: str
    text: str


def _entries(feed: str, start: float, rng: random.Random) -> list[Entry]:
    out: list[Entry] = []
    calm = CALM_FR if feed == "forum" else CALM_EN
    t = start - HISTORY
    # Calm history: a handful of mentions an hour, spread over all feeds.
    while t < start:
        t += rng.expovariate(1 / 1500)
        n = len(out)
        out.append(Entry(f"{feed}-h{n}", t, f"user{rng.randint(1, 400)}", "", rng.choice(calm)))
    if feed == "social":
        t = start + SURGE_AFTER
        for n in range(900):  # accelerating: from one every 2 s to several a second
            t += max(0.08, 2.0 / (1 + n / 15))
            text = rng.choice(SURGE_EN if n % 4 else SURGE_FR)
            out.append(Entry(f"social-s{n}", t, f"parent{rng.randint(1, 5000)}", "", f"{text} #{n}"))
    elif feed == "news":
        for n, (title, text) in enumerate(NEWS * 6):
            out.append(Entry(f"news-s{n}", start + SURGE_AFTER + 15 + n * 4, "Newsroom", title, text))
    elif feed == "forum":
        for n in range(60):
            out.append(Entry(f"forum-s{n}", start + SURGE_AFTER + 8 + n * 1.5,
                             f"membre{rng.randint(1, 900)}", "", rng.choice(SURGE_FR)))
    return out


def _rss(entries: list[Entry], title: str, base: str) -> bytes:
    items = "".join(
        f"<item><guid isPermaLink='false'>{e.id}</guid><link>{base}/p/{e.id}</link>"
        f"<pubDate>{format_datetime(from_epoch(e.published))}</pubDate>"
        f"<author>{escape(e.author)}</author>"
        + (f"<title>{escape(e.title)}</title>" if e.title else "")
        + f"<description>{escape(e.text)}</description></item>"
        for e in entries
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}"
            f"</title><link>{base}</link>{items}</channel></rss>").encode()


def _atom(entries: list[Entry], title: str, base: str) -> bytes:
    items = "".join(
        f"<entry><id>{base}/a/{e.id}</id><title>{escape(e.title)}</title>"
        f"<link href='{base}/a/{e.id}'/><updated>{iso(e.published)}</updated>"
        f"<author><name>{escape(e.author)}</name></author><summary>{escape(e.text)}</summary></entry>"
        for e in entries
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{title}</title><id>{base}/news</id><updated>{iso(time.time())}</updated>"
            f"{items}</feed>").encode()


def _json(entries: list[Entry], title: str, base: str) -> bytes:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": base,
        "items": [{"id": e.id, "url": f"{base}/j/{e.id}", "content_text": e.text,
                   "date_published": iso(e.published), "authors": [{"name": e.author}]}
                  for e in entries],
    }).encode()


DEMO_RULES = """\
# Demo rules: no `for` delay, so the surge reaches the console within the minute.
rules:
  - name: demo_crisis
    when: kind == crisis
    route: {channel: "#crisis-room", playbook: product_recall}
    repeat_interval: 1h
    inhibits: [demo_buzz]
  - name: demo_buzz
    when: kind in [bad_buzz, volume_spike, positive_buzz]
    route: {channel: "#social-watch"}
    repeat_interval: 1h
  - name: demo_blind_spot
    when: kind == blind_spot
    route: {channel: "#vigie-ops"}
    repeat_interval: 1h
"""

FEEDS = {  # path: (feed, renderer, content type, source type)
    "/social.rss": ("social", _rss, "application/rss+xml", "social"),
    "/news.atom": ("news", _atom, "application/atom+xml", "news"),
    "/forum.rss": ("forum", _rss, "application/rss+xml", "forum"),
    "/blog.json": ("blog", _json, "application/feed+json", "blog"),
}


class DemoFeeds:
    def __init__(self, seed: int = 7) -> None:
        self.start_time = time.time()
        rng = random.Random(seed)
        self.entries = {feed: _entries(feed, self.start_time, rng) for feed, *_ in FEEDS.values()}
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def body(self, path: str, now: float) -> tuple[bytes, str] | None:
        spec = FEEDS.get(path)
        if spec is None:
            return None
        feed, render, ctype, _ = spec
        visible = [e for e in self.entries[feed] if e.published <= now][-400:]
        visible.reverse()  # newest first, as feeds serve them
        return render(visible, f"Demo {feed}", self.base_url), ctype

    def start(self) -> None:
        demo = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                found = demo.body(self.path.split("?")[0], time.time())
                if found is None:
                    self.send_error(404)
                    return
                body, ctype = found
                etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def write_config(self, folder: Path) -> Path:
        """A vigie.yaml watching the demo feeds, with the shipped playbooks and demo rules
        that fire at once (the shipped rules wait 10-15 minutes before paging anyone)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "rules").mkdir(exist_ok=True)
        (folder / "rules" / "demo.yaml").write_text(DEMO_RULES, encoding="utf-8")
        root = Path(__file__).resolve().parent.parent
        sources = "".join(
            f"  - name: demo-{feed}\n    url: {self.base_url}{path}\n    interval: 10s\n"
            f"    source_type: {stype}\n"
            for path, (feed, _r, _c, stype) in FEEDS.items()
        )
        text = (
            "# Written by `vigie run --demo`: four sample feeds on 127.0.0.1.\n"
            "topics:\n"
            "  - name: acme\n"
            "    query: 'acme'\n"
            "    labels: {team: consumer}\n"
            f"sources:\n{sources}"
            "detection:\n"
            "  bucket: 20s\n"
            "rules_dir: rules\n"
            f"playbooks_dir: {root / 'playbooks'}\n"
        )
        path = folder / "vigie.yaml"
        path.write_text(text, encoding="utf-8")
        return path
