"""The html kind: an HTML page becomes its article's headline and paragraphs (beautifulsoup4)."""

from __future__ import annotations

from .base import Doc, Kind, Opt, Rule


class Html(Kind):
    KIND = "html"
    STAGE = "html"
    DOC = (
        "Keeps the main text of an HTML page (article/main, else the densest block), one paragraph per "
        "block element, headline first; drops scripts, styles, comments, navigation, headers, footers, "
        "asides, forms, cookie banners, share and 'most read' widgets and figure captions."
    )
    OPTIONS = {
        "keep_title_if_no_h1": Opt(bool, "use the page <title> as headline when the page has no <h1>", default=True),
    }

    def apply(self, doc: Doc) -> None:
        from ..html import extract

        r: Rule = self.rules[0]
        html = "\n".join(doc.lines)
        got = extract(html, title_as_headline=r.options["keep_title_if_no_h1"])
        doc.lines = got.text.split("\n") if got.text else []
        doc.meta["title"] = got.title
        doc.meta["container"] = got.container
        doc.record(
            r,
            1,
            f"<html page, {len(html)} characters>",
            got.text,
            {"container": got.container, "paragraphs": len(doc.lines), "dropped": [list(d) for d in got.dropped]},
            op="replace-all",
        )
