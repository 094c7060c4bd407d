"""The html kind: an HTML page becomes its article's text (trafilatura, the bs4 extractor as fallback)."""

from __future__ import annotations

from .base import Doc, Kind, Opt, Rule


class Html(Kind):
    KIND = "html"
    STAGE = "html"
    DOC = (
        "Keeps the main text of an HTML page, one paragraph per block element: trafilatura (precision "
        "mode, no reader comments) as the engine, the project's bs4 extractor where trafilatura finds "
        "nothing or much less. The headline comes first or not at all (policy `headline`). The change "
        "log says which extractor was used and why."
    )
    POLICY = {
        "headline": Opt(str, "an HTML page's headline: 'keep' puts it first, 'drop' leaves it out (for text compared with article bodies that have none)", choices=("keep", "drop")),
    }
    OPTIONS = {
        "extractor": Opt(str, "'auto' (trafilatura, else the bs4 extractor), 'trafilatura' or 'bs4' alone", default="auto", choices=("auto", "trafilatura", "bs4")),
        "favor_precision": Opt(bool, "trafilatura's favor_precision: leave out doubtful blocks", default=True),
        "include_comments": Opt(bool, "keep reader comments (trafilatura)", default=False),
        "include_tables": Opt(bool, "keep tables (trafilatura), a row per line, cells joined with ' | '", default=True),
        "fallback_share": Opt(float, "auto: use the bs4 extractor when trafilatura keeps fewer than this share of its tokens", default=0.5),
        "class_words": Opt(dict, "class/id words that mark a block as chrome, as data: reason -> words ('word' a whole class/id token, 'word*' its start, '*word*' anywhere); reasons: cookie-banner hidden skip-link share most-read related newsletter comments ad breadcrumb figcaption popup, and positive/negative (weigh a block when the container is chosen by density). Empty: structure alone", default={}),
        "keep_title_if_no_h1": Opt(bool, "use the page <title> as headline when the page has no <h1>", default=True),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        share = rule.options["fallback_share"]
        if not 0.0 <= share <= 1.0:
            raise rule.error("must be between 0 and 1", key="fallback_share")
        from ..html.base import WORD_REASONS

        words = rule.options["class_words"]
        for k, v in words.items():
            if k not in WORD_REASONS:
                raise rule.error(f"unknown reason {k!r}; known: {', '.join(sorted(WORD_REASONS))}", key="class_words")
            if not isinstance(v, list) or not all(isinstance(w, str) and w.strip("*") for w in v):
                raise rule.error(f"{k}: must be a list of non-empty words", key="class_words")

    def apply(self, doc: Doc) -> None:
        from ..html import extract

        r: Rule = self.rules[0]
        o = r.options
        html = "\n".join(doc.lines)
        got = extract(
            html,
            extractor=o["extractor"],
            headline=doc.policy.get("headline", "keep"),
            title_as_headline=o["keep_title_if_no_h1"],
            favor_precision=o["favor_precision"],
            include_comments=o["include_comments"],
            include_tables=o["include_tables"],
            fallback_share=float(o["fallback_share"]),
            class_words=o["class_words"] or None,
        )
        doc.lines = got.text.split("\n") if got.text else []
        doc.meta["title"] = got.title
        doc.meta["container"] = got.container
        doc.record(
            r,
            1,
            f"<html page, {len(html)} characters>",
            got.text,
            {
                "extractor": got.extractor,
                "reason": got.reason,
                "container": got.container,
                "headline": got.headline,
                "paragraphs": len(doc.lines),
                "dropped": [list(d) for d in got.dropped],
            },
            op="replace-all",
        )
