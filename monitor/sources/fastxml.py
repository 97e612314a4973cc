"""A fast reader for clean RSS 2.0 and Atom 1.0 documents that gives what feedparser gives.

`parse_fast(body, content_type)` parses with ElementTree (C expat) and replays, for a
whitelist of elements, the state machine of feedparser's strict parser (with
sanitize_html=False, resolve_relative_uris=False): the same entry and feed keys, the same
text processing (strip, mojibake repair, cp1252 mapping, `&amp;` fix in links), the same
precedence rules (title depth, guid-as-link, second summary as content, author sync).
Dates go through feedparser's own `_parse_date`. It returns None - the caller then uses
feedparser - for anything it does not replay exactly: a DOCTYPE or entity declaration,
an encoding other than UTF-8/ASCII, a document expat rejects, another format or version,
an element with a feedparser handler outside the whitelist, markup inside a text element,
xhtml or base64 content, xml:base, ambiguous namespace prefixes.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
from typing import Any

from feedparser.datetimes import _parse_date
from feedparser.encodings import RE_XML_PI_ENCODING, parse_content_type
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri

ATOM = "http://www.w3.org/2005/Atom"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_LANG = f"{{{_XML_NS}}}lang"
_XML_BASE = f"{{{_XML_NS}}}base"
_XML_ATTRS = frozenset({"xml:lang", "lang", "xml:base", "base"})  # as feedparser names them
_UTF8 = ("utf-8", "utf8")
_ASCII = ("us-ascii", "ascii")
_KNOWN = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_HANDLERS = frozenset(n for n in dir(_FeedParserMixin) if n.startswith(("_start_", "_end_")))
# Entry/feed keys feed.py reads: a generic element landing on one must be replayed.
_READ = frozenset({
    "id", "guidislink", "link", "links", "feedburner_origlink", "title", "title_detail",
    "summary", "summary_detail", "content", "published_parsed", "updated_parsed",
    "created_parsed", "author", "source", "media_statistics", "slash_comments", "thr_total",
    "language", "authors", "author_detail",
})
_CANONICAL = frozenset(v for v in _KNOWN.values() if v)
_COUNTERS = frozenset({"feedburner_origlink", "slash_comments", "thr_total",
                       "media_statistics"})
# Elements with feedparser handlers whose effects never reach the keys above (and whose
# text-only replay is a no-op here).
_INERT = frozenset({
    "category", "keywords", "generator", "cloud", "rights", "copyright", "subtitle",
    "tagline", "webmaster", "expirationdate", "itunes_explicit",
    "itunes_block", "itunes_image", "itunes_category", "itunes_keywords", "itunes_subtitle",
    "media_content", "media_thumbnail", "media_keywords", "media_rating", "media_credit",
    "media_restriction", "media_license", "media_category", "dc_subject", "dc_rights",
    "dc_publisher", "enclosure", "info", "feedburner_browserfriendly", "newlocation", "width",
    "height", "icon", "logo",
})
_DATES = {"pubdate": "published", "published": "published", "issued": "published",
          "dcterms_issued": "published", "updated": "updated", "modified": "updated",
          "dc_date": "updated", "dcterms_modified": "updated", "created": "created",
          "dcterms_created": "created", "lastbuilddate": "updated"}
# Inert elements read as content (push_content): markup inside changes feedparser's state.
_INERT_TEXT = frozenset({"rights", "copyright", "subtitle", "tagline", "itunes_subtitle",
                         "info", "feedburner_browserfriendly", "dc_rights"})
_AMP_REF = re.compile("&([A-Za-z0-9_]+);")
# feedparser's e-mail pattern in _sync_author_detail, verbatim.
_EMAIL = re.compile(r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?""")
_looks_like_html = _FeedParserMixin.looks_like_html
_map_type = _FeedParserMixin.map_content_type


class Refused(Exception):
    """The document uses something this reader does not replay exactly."""


class FastParsed(dict[str, Any]):
    """feedparser's result shape: `.entries`, `get('feed')`, `get('version')`..."""

    @property
    def entries(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self["entries"]
        return entries


def _encoding_ok(body: bytes, content_type: str) -> bool:
    """True when feedparser would decode `body` as UTF-8/ASCII without complaint and
    expat reads it in the same encoding."""
    data = body[3:] if body[:3] == b"\xef\xbb\xbf" else body
    if data[:1] != b"<":
        return False
    match = RE_XML_PI_ENCODING.match(data)
    declared = match.group(1).decode("latin-1").lower() if match else ""
    if declared and declared not in _UTF8 + _ASCII:
        return False
    mime, http_charset = parse_content_type(content_type) if content_type else ("", "")
    if not content_type:
        chosen = declared or "utf-8"
    elif mime in ("application/xml", "application/xml-dtd",
                  "application/xml-external-parsed-entity") or (
            mime.startswith("application/") and mime.endswith("+xml")):
        chosen = http_charset or declared or "utf-8"
    elif mime.startswith("text/"):
        chosen = http_charset or "us-ascii"
    else:
        chosen = declared or "utf-8"
    chosen = chosen.lower()
    if chosen in _ASCII:
        return data.isascii()
    if chosen not in _UTF8:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _Builder(ET.TreeBuilder):
    """TreeBuilder recording namespace declarations (prefix, uri) in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.ns: list[tuple[str, str]] = []

    def start_ns(self, prefix: str, uri: str) -> None:
        self.ns.append((prefix, uri))


def _fix(text: str) -> str:
    """feedparser's last steps on a text value: mojibake repair, cp1252 mapping."""
    if not text.isascii():
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            text = text.encode("iso-8859-1").decode("utf-8")
        text = text.translate(_cp1252)
    return text


class _Replay:
    """feedparser's strict-parser state machine for the whitelisted elements."""

    def __init__(self, version: str, names: dict[str, str], nsmap: dict[str, str]) -> None:
        self.version = version
        self.names = names  # namespace uri -> feedparser's prefix ('' for RSS/Atom)
        self.nsmap = nsmap  # given prefix -> canonical prefix (feedparser's namespacemap)
        self.baseuri = ""
        self.basestack: list[str] = []
        self.feed: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        self.depths: dict[int, dict[str, int]] = {}
        self.title_depth = -1
        self.has_content = 0
        self.guidislink = False
        self.inentry = False
        self.inauthor = False

    # -- names and values ----------------------------------------------------------

    def name(self, el: ET.Element) -> str:
        """feedparser's element name: `prefix_local`, canonical prefix for known
        namespaces, the first declared prefix for others, all lower-cased."""
        tag = el.tag
        if not isinstance(tag, str):
            raise Refused("comment or processing instruction")
        if tag[0] == "{":
            uri, local = tag[1:].split("}", 1)
            prefix = self.names.get(uri)
            if prefix is None:
                raise Refused(f"namespace {uri}")
            prefix = prefix.lower()
            if self.nsmap.get(prefix, prefix) != prefix:
                raise Refused(f"prefix {prefix} remapped")
            local = local.lower()
            return f"{prefix}_{local}" if prefix else local
        return tag.lower()

    def attrs(self, el: ET.Element) -> dict[str, str]:
        """feedparser's attribute dict: known-namespace attributes as `prefix:local`, and
        every namespaced attribute also under its bare local name; rel/type lower-cased."""
        out: dict[str, str] = {}
        late: list[tuple[str, str]] = []
        for key, value in el.attrib.items():
            if key[0] == "{":
                uri, local = key[1:].split("}", 1)
                prefix = _KNOWN.get(uri.lower(), "")
                out[(f"{prefix}:{local}" if prefix else local).lower()] = value
                late.append((local.lower(), value))
            else:
                out[key.lower()] = value
        for key, value in late:
            out[key] = value
        for key in ("rel", "type"):
            if key in out:
                out[key] = out[key].lower()
        return out

    @staticmethod
    def raw(el: ET.Element) -> str:
        if len(el):
            raise Refused("markup inside a text element")
        return (el.text or "").strip()

    def value(self, el: ET.Element, element: str, *, uri: bool = False) -> str:
        out = self.raw(el)
        if uri and out:
            out = _urljoin(self.baseuri or "", out)
        return _fix(out)

    def context(self) -> dict[str, Any]:
        return self.entries[-1] if self.inentry else self.feed

    def store(self, key: str, value: Any, depth: int) -> None:
        """pop()'s generic store: a deeper duplicate does not replace a shallower one."""
        ctx = self.context()
        if self.inentry:
            seen = self.depths.setdefault(id(ctx), {})
            old = seen.get(key)
            if old is None or depth <= old:
                seen[key] = depth
                ctx[key] = value
        else:
            ctx[key] = value

    # -- content elements ------------------------------------------------------------

    def params(self, el: ET.Element, default: str, lang: str | None) -> dict[str, Any]:
        """push_content's contentparams; refuses what would be base64-decoded or read
        as inline markup."""
        attrs = self.attrs(el)
        ctype = _map_type(attrs.get("type", default))
        if attrs.get("mode") == "base64" or not (
                ctype.startswith("text/") or ctype.endswith("xml")):
            raise Refused("base64 content")
        if ctype == "application/xhtml+xml" or ctype.endswith("xml"):
            raise Refused("xhtml content")
        if "src" in attrs:
            raise Refused("content with src")
        return {"type": ctype, "language": lang.replace("_", "-") if lang else lang,
                "base": self.baseuri}

    def text_content(self, el: ET.Element, key: str, default: str, lang: str | None,
                     depth: int) -> str:
        """push_content/pop_content of a title/summary/description (stored under `key`)."""
        params = self.params(el, default, lang)
        out = self.value(el, key)
        if (not self.version.startswith("atom") and params["type"] == "text/plain"
                and _looks_like_html(out)):
            params["type"] = "text/html"
        if key == "title" and -1 < self.title_depth <= depth:
            return out
        self.store(key, out, depth)
        detail = dict(params)
        detail["value"] = out
        self.context()[key + "_detail"] = detail  # outside the depth rule, as in feedparser
        return out

    def content(self, el: ET.Element, default: str, lang: str | None) -> None:
        self.has_content = 1
        params = self.params(el, default, lang)
        out = self.value(el, "content")
        if (not self.version.startswith("atom") and params["type"] == "text/plain"
                and _looks_like_html(out)):
            params["type"] = "text/html"
        ctx = self.context()
        item = dict(params)
        item["value"] = out
        ctx.setdefault("content", []).append(item)
        ctx.setdefault("summary", out)

    # -- the walk ------------------------------------------------------------------------

    def walk(self, el: ET.Element, depth: int, lang: str | None) -> None:
        """Replay `el` (at feedparser depth `depth`) and its children."""
        attrib = el.attrib
        base = None
        if attrib:
            if any(k in ("base", "lang") or k.endswith(("}lang", "}base"))
                   and k not in (_XML_LANG, _XML_BASE) for k in attrib):
                # feedparser also reads these as xml:lang/xml:base (by local name)
                raise Refused("lang or base attribute outside the xml namespace")
            own = attrib.get(_XML_LANG)
            if own is not None:
                lang = own or None
            base = attrib.get(_XML_BASE)
        # unknown_starttag's xml:base tracking, quirks included (a base outlives its
        # element when the parent's is empty)
        if base:
            if self.baseuri:
                self.baseuri = make_safe_absolute_uri(self.baseuri, base) or self.baseuri
            else:
                self.baseuri = _urljoin(self.baseuri, base)
        self.basestack.append(self.baseuri)
        self._dispatch(el, depth, lang)
        self.basestack.pop()
        if self.basestack and self.basestack[-1]:
            self.baseuri = self.basestack[-1]

    def _dispatch(self, el: ET.Element, depth: int, lang: str | None) -> None:
        n = self.name(el)
        handler = getattr(self, "el_" + n, None)
        if handler is not None:
            handler(el, depth, lang)
        elif n in _INERT:
            if n in _INERT_TEXT:
                self.params(el, "text/plain", lang)
                self.raw(el)
            if n == "enclosure":
                attrs = self.attrs(el)
                href = attrs.get("url", attrs.get("uri", attrs.get("href")))
                if href:
                    attrs.pop("url", None)
                    attrs.pop("uri", None)
                    attrs["href"] = href
                attrs["rel"] = "enclosure"
                self.context().setdefault("links", []).append(dict(attrs))
            self.children(el, depth, lang)
        elif n in _DATES:
            key = _DATES[n]
            value = self.value(el, key)
            self.store(key, value, depth)
            self.context()[key + "_parsed"] = _parse_date(value)
        elif (f"_start_{n}" in _HANDLERS or f"_end_{n}" in _HANDLERS
              or n in _READ and n not in _COUNTERS):
            raise Refused(f"element {n}")
        else:
            self.generic(el, n, depth, lang)

    def harmless(self, el: ET.Element) -> bool:
        """True when `el` and everything in it are elements feedparser has no handler
        for and whose names Vigie does not read."""
        for node in el.iter():
            n = self.name(node)
            if (f"_start_{n}" in _HANDLERS or f"_end_{n}" in _HANDLERS or n in _READ
                    or n in _DATES or n in _INERT or hasattr(self, "el_" + n)):
                return False
        return True

    def children(self, el: ET.Element, depth: int, lang: str | None) -> None:
        for child in el:
            self.walk(child, depth + 1, lang)

    def generic(self, el: ET.Element, n: str, depth: int, lang: str | None) -> None:
        """An element without a feedparser handler: its attributes (if any) or its text
        land under its own name; its children are read as usual."""
        attrs = self.attrs(el)
        if attrs:
            self.context()[n] = attrs
        elif n in _COUNTERS:
            self.store(n, self.value(el, n), depth)
        self.children(el, depth, lang)

    # -- element handlers (feedparser's _start_/_end_ pairs) ---------------------------

    def el_channel(self, el: ET.Element, depth: int, lang: str | None) -> None:
        if depth != 2 or self.version != "rss20" or set(self.attrs(el)) - _XML_ATTRS:
            raise Refused("channel attributes")
        self.children(el, depth, lang)

    def el_item(self, el: ET.Element, depth: int, lang: str | None) -> None:
        if self.inentry:
            raise Refused("nested entry")
        if set(self.attrs(el)) - _XML_ATTRS:
            raise Refused("item attributes")
        self.entries.append({})
        self.inentry = True
        self.guidislink = False
        self.title_depth = -1
        self.children(el, depth, lang)
        self.inentry = False
        self.has_content = 0

    el_entry = el_item

    def el_title(self, el: ET.Element, depth: int, lang: str | None) -> None:
        out = self.text_content(el, "title", "text/plain", lang, depth)
        if out:
            self.title_depth = depth

    el_dc_title = el_title

    def el_media_title(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self.text_content(el, "title", "text/plain", lang, depth)

    def _description(self, el: ET.Element, depth: int, lang: str | None, default: str,
                     key: str) -> None:
        if "summary" in self.context() and not self.has_content:
            self.content(el, "text/plain", lang)
        else:
            # feedparser stores a feed-level <description> as the subtitle
            stored = "summary" if self.inentry or key == "summary" else "subtitle"
            self.text_content(el, stored, default, lang, depth)

    def el_description(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self._description(el, depth, lang, "text/html", "description")

    el_dc_description = el_description
    el_media_description = el_description

    def el_summary(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self._description(el, depth, lang, "text/plain", "summary")

    el_itunes_summary = el_summary

    def el_content(self, el: ET.Element, depth: int, lang: str | None) -> None:
        if self.version != "atom10":
            raise Refused("content element outside Atom")
        self.content(el, "text/plain", lang)

    def el_content_encoded(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self.content(el, "text/html", lang)

    def el_link(self, el: ET.Element, depth: int, lang: str | None) -> None:
        attrs = self.attrs(el)
        attrs.setdefault("rel", "alternate")
        attrs.setdefault("type", "application/atom+xml" if attrs["rel"] == "self" else "text/html")
        href = attrs.get("url", attrs.get("uri", attrs.get("href")))
        if href:
            attrs.pop("url", None)
            attrs.pop("uri", None)
            attrs["href"] = href
        if "href" in attrs:
            attrs["href"] = _urljoin(self.baseuri or "", attrs["href"])
        ctx = self.context()
        ctx.setdefault("links", []).append(dict(attrs))
        if "href" in attrs:
            if attrs["rel"] == "alternate" and _map_type(attrs["type"]) in (
                    "application/xhtml+xml", "text/html"):
                ctx["link"] = attrs["href"]
            self.children(el, depth, lang)
            return
        out = self.value(el, "link", uri=True)
        if self.inentry:
            out = _AMP_REF.sub(r"&\g<1>", out.replace("&amp;", "&"))
            ctx["link"] = out
            if out:
                ctx["links"][-1]["href"] = out
        else:
            out = _AMP_REF.sub(r"&\g<1>", out)
            ctx["link"] = out
            ctx["links"][-1]["href"] = out

    def el_guid(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self.guidislink = self.attrs(el).get("ispermalink", "true") == "true"
        value = self.value(el, "id", uri=self.guidislink)
        self.store("id", value, depth)
        ctx = self.context()
        ctx.setdefault("guidislink", self.guidislink and "link" not in ctx)
        if self.guidislink:
            ctx.setdefault("link", value)

    el_id = el_guid

    def _sync_author(self) -> None:
        """feedparser's _sync_author_detail('author'), in-place mutations included: with
        an empty last author, the `author` string is split into that dict's name/email,
        which later syncs then turn back into `author`."""
        ctx = self.context()
        detail = ctx.get("authors", [{}])[-1]
        if detail:
            name, email = detail.get("name"), detail.get("email")
            if name and email:
                ctx["author"] = f"{name} ({email})"
            elif name:
                ctx["author"] = name
            elif email:
                ctx["author"] = email
            return
        author, email = ctx.get("author"), None
        if not author:
            return
        match = _EMAIL.search(author)
        if match:
            email = match.group(0)
            author = author.replace(email, "").replace("()", "").replace("<>", "")
            author = author.replace("&lt;&gt;", "").strip()
            if author and author[0] == "(":
                author = author[1:]
            if author and author[-1] == ")":
                author = author[:-1]
            author = author.strip()
        if author or email:
            ctx.setdefault("author_detail", detail)
        if author:
            detail["name"] = author
        if email:
            detail["email"] = email

    def _save_author(self, key: str, value: str, prefix: str = "author") -> None:
        ctx = self.context()
        ctx.setdefault(prefix + "_detail", {})[key] = value
        self._sync_author()
        ctx.setdefault("authors", [{}])[-1][key] = value

    def el_author(self, el: ET.Element, depth: int, lang: str | None) -> None:
        ctx = self.context()
        ctx.setdefault("authors", []).append({})
        self.inauthor = True
        for child in el:
            cn = self.name(child)
            if child.attrib:
                raise Refused("attributes inside author")
            if cn in ("name", "email"):
                value = self.raw(child)  # pushed with expecting_text=0: no clean-up
            elif cn in ("uri", "url", "homepage"):
                value = self.value(child, "href", uri=True)
                cn = "href"
            else:
                raise Refused(f"element {cn} inside author")
            self._save_author(cn, value)
        self.inauthor = False
        self.store("author", _fix(_author_text(el)), depth)
        self._sync_author()

    el_dc_creator = el_author
    el_dc_author = el_author
    el_managingeditor = el_author
    el_itunes_author = el_author

    def el_source(self, el: ET.Element, depth: int, lang: str | None) -> None:
        if not self.inentry or len(el):
            raise Refused("source with markup or outside an entry")
        attrs = self.attrs(el)
        self.title_depth = -1
        data: dict[str, str] = {}
        if "url" in attrs:
            data["href"] = attrs["url"]
        value = self.value(el, "source")
        if value:
            data["title"] = value
        self.context()["source"] = data

    def el_language(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self.store("language", self.value(el, "language"), depth)

    el_dc_language = el_language

    def _opaque(self, el: ET.Element, depth: int, allowed: tuple[str, ...]) -> None:
        """<image>/<textinput>: children land in their own dict; only titles matter."""
        if self.inentry:
            if len(el) or el.tag != "image":
                raise Refused("image with markup or textinput inside an entry")
            self.title_depth = -1  # a text-only <image> in an item: only this effect
            return
        self.title_depth = -1
        for child in el:
            cn = self.name(child)
            if cn not in allowed or len(child):
                raise Refused(f"element {cn} inside image/textinput")
            if cn == "title":
                self.params(child, "text/plain", None)
                if self.raw(child):
                    self.title_depth = depth + 1

    def el_image(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self._opaque(el, depth, ("title", "link", "description", "url", "width", "height"))

    def el_textinput(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self._opaque(el, depth, ("title", "link", "description", "name"))

    def el_media_group(self, el: ET.Element, depth: int, lang: str | None) -> None:
        self.children(el, depth, lang)

    def el_itunes_owner(self, el: ET.Element, depth: int, lang: str | None) -> None:
        # feedparser saves the owner's name/email into the last *author* (then syncs)
        if self.inentry:
            raise Refused("itunes:owner inside an entry")
        for child in el:
            cn = self.name(child)
            if cn not in ("itunes_name", "itunes_email"):
                raise Refused("itunes:owner content")
            self._save_author(cn[7:], self.raw(child), "publisher")


def _author_text(el: ET.Element) -> str:
    """What feedparser's pop('author') joins: the author element's own text pieces."""
    pieces = [el.text or ""] + [c.tail or "" for c in el]
    return "".join(pieces).strip()


def _namespaces(
    declared: list[tuple[str, str]],
) -> tuple[dict[str, str] | None, dict[str, str]]:
    """(uri -> the prefix feedparser gives its elements, given prefix -> canonical prefix)
    as feedparser's startElementNS/track_namespace compute them; (None, {}) when a prefix is
    rebound or an unknown namespace is bound both as default and with a prefix."""
    names: dict[str, str] = {}
    nsmap: dict[str, str] = {}
    bound: dict[str, str] = {}
    unknown_default: set[str] = set()
    for prefix, uri in declared:
        if bound.setdefault(prefix, uri) != uri:
            return None, {}
        lower = uri.lower()
        canonical = "" if "backend.userland.com/rss" in lower else _KNOWN.get(lower)
        if canonical is not None:
            names[uri] = canonical
            if prefix:
                nsmap[prefix] = canonical
        elif not prefix:
            if uri in names and names[uri]:
                return None, {}
            unknown_default.add(uri)
            names.setdefault(uri, "")
        else:
            if uri in unknown_default:
                return None, {}
            names.setdefault(uri, prefix)
    return names, nsmap


def parse_fast(body: bytes, content_type: str = "") -> FastParsed | None:
    """feedparser's result for a clean RSS 2.0 or Atom 1.0 document, or None when the
    document is anything else (the caller then runs feedparser)."""
    try:
        return read(body, content_type)
    except Refused:
        return None


def read(body: bytes, content_type: str = "") -> FastParsed:
    """`parse_fast`, raising Refused (with the reason) instead of returning None."""
    head = body[:4096]
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body or b"<!doctype" in head:
        raise Refused("DOCTYPE or entity declaration")
    if not _encoding_ok(body, content_type):
        raise Refused("encoding other than UTF-8/ASCII (declared, served or detected)")
    builder = _Builder()
    parser = ET.XMLParser(target=builder)
    try:
        parser.feed(body)
        root = parser.close()
    except ET.ParseError as exc:
        raise Refused(f"not well-formed: {exc}") from None
    names, nsmap = _namespaces(builder.ns)
    if names is None:
        raise Refused("namespace prefix rebound")
    declared = {uri.lower() for _, uri in builder.ns}
    if declared & {"http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/rss/1.0/"}:
        raise Refused("RSS 0.90/1.0 namespace")
    allowed = {_XML_LANG, _XML_BASE}
    if root.tag == "rss":
        if not root.attrib.get("version", "").startswith("2."):
            raise Refused("RSS version other than 2.x")
        if any(uri.lower() == ATOM.lower() and not prefix for prefix, uri in builder.ns):
            raise Refused("Atom default namespace inside RSS")
        allowed.add("version")
        version = "rss20"
    elif root.tag == f"{{{ATOM}}}feed":
        version = "atom10"
    else:
        raise Refused(f"root element {root.tag}")
    if set(root.attrib) - allowed or (root.text and root.text.strip()):
        raise Refused("root attributes or text")
    replay = _Replay(version, names, nsmap)
    base = root.attrib.get(_XML_BASE)
    if base:
        replay.baseuri = _urljoin("", base)
    replay.basestack.append(replay.baseuri)
    lang = root.attrib.get(_XML_LANG) or None
    if lang:
        replay.feed["language"] = lang.replace("_", "-")
    if version == "rss20":
        channels = [c for c in root if c.tag == "channel"]
        if len(channels) != 1 or not all(c is channels[0] or replay.harmless(c)
                                         for c in root):
            raise Refused("not one <channel> (or other elements beside it)")
    for child in root:
        replay.walk(child, 2, lang)
    return FastParsed(bozo=False, entries=replay.entries, feed=replay.feed, headers={},
                      encoding="utf-8", version=version)
