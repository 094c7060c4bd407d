"""The general chrome layer: the context kind's decisions, and what it must never remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clean import Cleaner

from .test_properties import documents as generated_documents

ROOT = Path(__file__).resolve().parent.parent
GENERAL = ["CTX", "NAV", "ENG", "CAP", "LNK", "FUR", "LFT"]


@pytest.fixture(scope="module")
def general() -> Cleaner:
    # the general layer alone, with the canonical-form stages it needs
    return Cleaner(select=GENERAL + ["DEC", "ENC", "WS", "LAY"], policy={"guard_action": "allow"})


@pytest.fixture(scope="module")
def full() -> Cleaner:
    return Cleaner(policy={"guard_action": "allow"})


def _removed(cleaner: Cleaner, text: str) -> list[tuple[str, str]]:
    res = cleaner.explain(text)
    return [(c.rule, c.before) for c in res.changes if c.rule[:3] in {g[:3] for g in GENERAL} and c.after == ""]


# Articles written for these tests (modelled on scraped pages; no third-party text).
ARTICLES = {
    "press-release-numbered": (
        "Ministry announces support for small farms\n\nMarch 3, 2022\n\n"
        "The Ministry of Agriculture today announced three measures to support small farms.\n\n"
        "1. Grants for new equipment\n\n2. A training fund for young farmers\n\n3. Lower permit fees\n\n"
        "The measures take effect on 1 April.\n\nJane Doe\n\nPress Officer\n\n###\n"
    ),
    "transcript": (
        "Press conference by the Foreign Minister\n\n"
        "Minister: Good afternoon. I will start with two announcements.\n\n"
        "Reporter: Will you travel to Seoul next week?\n\nMinister: Yes.\n\nReporter: Alone?\n\n"
        "Minister: With the trade minister, as we said on Monday.\n"
    ),
    "one-line": "Tokyo stocks closed higher on Friday.\n",
    "says-quotes": (
        "What the mayors want\n\nThree mayors told us what they expect from the new budget, which parliament debates next week.\n\n"
        "The mayor of the port town says:\n\n\u201cMore money for the 2 ferries and for the harbour walls, which are in a poor state.\u201d\n\n"
        "The mayor of the hill village says:\n\n\u201cA bus every hour, not 3 a day, so that older people can reach the doctor.\u201d\n\n"
        "The mayor of the county town says:\n\n\u201cWe need 40 new teachers before the school year starts in September.\u201d\n\n"
        "All three will meet the finance minister on Friday.\n"
    ),
    "list-inside": (
        "Five towns to visit this summer\n\nBy Ana Ruiz\n\n"
        "Summer is the best time to see the coast, and these towns are easy to reach by train.\n\n"
        "Porto\n\nCadiz\n\nNazare\n\nTavira\n\nSintra\n\n"
        "Each of them has at least one beach within walking distance of the station.\n"
    ),
    "short-quotes": (
        "\"We won.\"\n\nThat was all the coach said after the final whistle on Sunday night.\n\n"
        "\"Next year.\"\n\nThe fans sang until midnight.\n"
    ),
    "es-signature": (
        "El Gobierno aprueba el plan de vivienda\n\nMadrid, 9 oct (EFE).- El Consejo de Ministros aprobó hoy el plan de vivienda para los próximos cuatro años.\n\n"
        "El plan incluye ayudas para el alquiler de los jóvenes.\n\nMaría López\n\nPortavoz\n"
    ),
    "fr-transcript": (
        "Q - Monsieur le Ministre, allez-vous signer l'accord ?\n\nR - Oui.\n\nQ - Quand ?\n\n"
        "R - La semaine prochaine, à Bruxelles, avec nos partenaires européens.\n"
    ),
    "de-list": (
        "Was sich im Januar ändert\n\nVon Jana Berg\n\nZum Jahreswechsel treten mehrere neue Regeln in Kraft, die viele Haushalte betreffen.\n\n"
        "- Höherer Mindestlohn\n\n- Neue Regeln für Heizungen\n\n- Mehr Kindergeld\n\nDie Bundesregierung hat die Änderungen im Herbst beschlossen.\n"
    ),
    "ja-transcript": (
        "外務大臣会見記録\n\n【大臣】本日は二点申し上げます。\n\n【記者】来週の訪問について伺います。\n\n【大臣】はい。\n\n【記者】日程は。\n\n【大臣】調整中です。\n"
    ),
    "ko-article": (
        "정부, 내년 예산안 발표\n\n2023.08.29\n\n정부는 29일 국무회의에서 내년 예산안을 의결했다.\n\n예산안은 다음 달 국회에 제출된다.\n\n홍길동 기자\n"
    ),
    "zh-article": "国务院召开常务会议\n\n2023年8月29日\n\n国务院总理主持召开国务院常务会议,研究部署有关工作。\n\n会议指出,要进一步扩大内需。\n",
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_article_fixtures_lose_nothing(general: Cleaner, full: Cleaner, name: str) -> None:
    text = ARTICLES[name]
    assert _removed(general, text) == []
    assert _removed(full, text) == []


def test_golden_outputs_lose_nothing(general: Cleaner) -> None:
    goldens = sorted((ROOT / "tests" / "golden").rglob("*.txt"))
    assert goldens
    for path in goldens:
        assert _removed(general, path.read_text("utf-8")) == [], path.name


PAGE = (
    "Skip to Article\n\nHome\n\nNews\n\nSport\n\nWeather\n\nCulture\n\nOpinion\n\n"
    "City council approves new tram line\n\nBy Tom Field\n\nUpdated March 3, 2021, 6:55 AM\n\n"
    "Share\n\nTweet\n\nEmail\n\n"
    "The city council voted on Tuesday to approve the new tram line, which will run from the station to the harbour by 2025.\n\n"
    "Construction is expected to start next spring, the mayor told reporters after the vote.\n\n"
    "Advertisement\n\n"
    "The line will have twelve stops and trams every six minutes at peak times, the council said.\n\n"
    "Most read\n\nFire at the old mill\n\nSchool holidays moved\n\nNew park opens in the north\n\n"
    "12 comments\n\nOur team\n\nArchive\n\nLetters\n\nPuzzles\n\nObituaries\n\n© 2021 Example News. All rights reserved.\n"
)


def test_page_chrome_removed_article_kept(full: Cleaner) -> None:
    out = full.clean(PAGE)
    assert out == (
        "City council approves new tram line\n\nBy Tom Field\n\nUpdated March 3, 2021, 6:55 AM\n\n"
        "The city council voted on Tuesday to approve the new tram line, which will run from the station to the harbour by 2025.\n\n"
        "Construction is expected to start next spring, the mayor told reporters after the vote.\n\n"
        "The line will have twelve stops and trams every six minutes at peak times, the council said.\n"
    )
    assert full.clean(out) == out


def test_explain_gives_the_deciding_features(full: Cleaner) -> None:
    res = full.explain(PAGE)
    ctx = [c for c in res.changes if c.rule == "CTX001"]
    assert ctx
    whys = {c.detail["why"] for c in ctx}
    assert "head run above the article" in whys and "list header" in whys
    head = next(c for c in ctx if c.detail["why"] == "head run above the article")
    assert {"words", "stop_share", "sentence", "run", "language"} <= set(head.detail)
    assert head.detail["language"] == "en"


def test_short_runs_stay(full: Cleaner) -> None:
    # two labels above the article are below min_head_run: a kicker and a section label stay
    text = "Politics\n\nAnalysis\n\nThe vote was closer than expected, and both parties claimed victory on the night.\n"
    assert full.clean(text) == text


def test_list_header_needs_exact_line(full: Cleaner) -> None:
    text = "Most read books of the year were all novels, the survey found.\n\nFire at the old mill\n\nSchool holidays moved\n"
    assert full.clean(text) == text


def test_counter_next_to_label_removed_alone_kept(full: Cleaner) -> None:
    kept = "The final score was\n\n3\n\nand the crowd went home happy, the club said on Sunday evening.\n"
    assert full.clean(kept) == kept


ARTICLE_LEAD = (
    "The regional council voted on Tuesday to fund a new ferry line across the bay, after two years of "
    "studies and a public consultation that drew more than four thousand replies from residents.\n\n"
    "The first boats are expected to sail in the spring of 2024, the council's transport chair said, "
    "and tickets will cost the same as a bus fare.\n\n"
)
TEASERS = (
    "More from Example Daily\n\nHarbour museum reopens after a long repair\n\n"
    "The museum closed three years ago when a storm damaged its roof.\n\n2 hours ago\n\n"
    "Local bakery wins a national prize\n\nThe judges praised its rye bread and its long opening hours.\n\n5 hours ago\n\n"
    "Road works on the coast road end early\n\nDrivers can use both lanes again from Monday morning.\n\n1 day ago\n\n"
    "Schools plan a four-day week trial\n\nParents will be asked for their views at meetings next month.\n\n2 days ago\n"
)


def test_teaser_zone_below_article_removed(full: Cleaner) -> None:
    res = full.explain(ARTICLE_LEAD + TEASERS)
    assert res.text == ARTICLE_LEAD.rstrip("\n") + "\n"
    zone = [c for c in res.changes if c.rule == "CTX001" and isinstance(c.detail, dict) and c.detail.get("why") == "teaser zone below the article"]
    assert zone and all(c.detail["teasers"] >= 3 and "words" in c.detail for c in zone)


def test_text_after_a_header_that_goes_on_stays(full: Cleaner) -> None:
    # after a related-articles box, the article goes on in runs of paragraphs: not a teaser zone
    text = (
        ARTICLE_LEAD + "Related articles\n\nFerry fares under review\n\n"
        "Critics say the money would be better spent on the rail link, which has waited for funding for a decade.\n\n"
        "The council rejected that view by a large majority and said both projects can go ahead.\n\n"
        "What comes next\n\n"
        "A tender for the boats opens in June and will run for three months, the council said.\n\n"
        "Local firms will be invited to bid for the maintenance contract at the same time.\n"
    )
    out = full.run(text).text
    for para in ("Critics say", "The council rejected", "What comes next", "A tender for", "Local firms"):
        assert para in out


def test_few_teasers_stay(full: Cleaner) -> None:
    # two headline-and-summary pairs after a header are fewer than teaser_min_units: only the list goes
    text = ARTICLE_LEAD + "Comments\n\nAnna\n\nThe ferry is a good idea and long overdue for the bay.\n\nBen\n\nI would rather see a bridge built across the bay.\n"
    out = full.run(text).text
    assert "The ferry is a good idea" in out and "I would rather see a bridge" in out


def test_sectioned_article_stays(full: Cleaner) -> None:
    # subheads each over one paragraph look like teasers, but a teaser zone with no header needs a
    # headline and a meta line over each summary: an article's sections stay
    lead = (
        "The regional council voted on Tuesday to fund a new ferry line across the bay, after two years of studies "
        "and a public consultation that drew more than four thousand replies from residents.\n\n"
        "The line will link the two halves of the city, which are now an hour apart by road at rush hour, and the "
        "council expects about three thousand passengers a day in its first year.\n\n"
    )
    secs = "".join(f"{h}\n\n{p}\n\n" for h, p in [
        ("The cost", "The project will cost 40 million euros, most of it from the regional budget."),
        ("The route", "Boats will run from the old harbour to the new business district."),
        ("The boats", "Two electric boats will be ordered from a yard on the coast."),
        ("The critics", "Opposition members said the money should go to the rail link instead."),
    ])
    out = full.run(lead + secs).text
    for para in ("The cost", "40 million", "The route", "old harbour", "The critics", "rail link"):
        assert para in out


def test_key_value_table_stays(full: Cleaner) -> None:
    # a schedule below the article ("date – place", "key: value" lines in a row) is a table, not a tail run
    text = (
        "The band announced a summer tour on Monday, its first in six years, with dates across the country "
        "and a final show in the capital in the autumn.\n\nTour dates\n\n"
        "June 9 – Porto @ City Arena\n\nJune 12 – Lisbon @ Harbour Hall\n\nJune 15 – Braga @ Old Theatre\n\n"
        "June 18 – Faro @ Beach Stage\n\nJune 21 – Evora @ Castle Yard\n\nJune 24 – Coimbra @ University Hall\n"
    )
    out = full.run(text).text
    assert "June 9 – Porto" in out and "June 24 – Coimbra" in out


def test_unmarked_teaser_zone_removed(full: Cleaner) -> None:
    # headline, source line and summary repeated below the article with no header: the zone goes
    teasers = "".join(
        f"{h}\n\n{src}\n\n{p}\n\n" for h, src, p in [
            ("Harbour museum reopens after long repairs", "example.org Culture", "The museum closed three years ago when a storm damaged its roof and its archive."),
            ("Local bakery wins a national prize for bread", "example.net Food", "The judges praised its rye bread, its prices and its long opening hours."),
            ("Coast road works end earlier than planned", "example.com Traffic", "Drivers can use both lanes again from Monday morning, the region said."),
            ("New bike lanes open along the river", "example.org City", "The lanes link the station with the university campus in ten minutes."),
        ]
    )
    res = full.explain(ARTICLE_LEAD + teasers)
    assert res.text == ARTICLE_LEAD.rstrip("\n") + "\n"
    assert any(isinstance(c.detail, dict) and c.detail.get("marked") is False for c in res.changes if c.rule == "CTX001")


def test_comment_thread_removed(full: Cleaner) -> None:
    # reader comments below the article, each under "name says:" and a date line: the thread goes
    comments = "".join(
        f"{who} says:\n\nMay {d}, 2021 at 9:{d}0 am\n\n{text}\n\n" for who, d, text in [
            ("harbourfan", 3, "This is the best news for the town in years, and I hope the boats are electric."),
            ("j.smith", 4, "Who pays for the new pier, though? Nobody in the council has answered that yet."),
            ("old sailor", 5, "The old ferry ran for forty years without a single accident worth the name."),
        ]
    )
    res = full.explain(ARTICLE_LEAD + "Leave a Reply\n\n" + comments)
    assert res.text == ARTICLE_LEAD.rstrip("\n") + "\n"
    why = {c.detail.get("why") for c in res.changes if c.rule == "CTX001" and isinstance(c.detail, dict)}
    assert "comment thread" in why


def test_says_without_dates_stays(full: Cleaner) -> None:
    # quotes introduced by "X says:" in an article have no date line under the head: nothing goes
    assert _removed(full, ARTICLES["says-quotes"]) == []


def test_sidebar_headline_run_above_article_removed(full: Cleaner) -> None:
    # a teaser paragraph, a menu, then a list of headlines with no sentence ending, then the article
    page = (
        "Weather warnings were issued for the whole coast on Sunday, and the ferries will stay in port until the wind drops.\n\n"
        + "".join(f"{w}\n\n" for w in ["News", "Sport", "Business", "Culture", "Travel", "Opinion", "Video", "Podcasts", "Weather", "Games", "Shop"])
        + "Bridge repairs to start after the summer holidays\n\nCouncil votes to keep the old library open\n\n"
        "Fishing fleet returns with a record catch of cod\n\nSchool meals get more local vegetables next year\n\n"
        + "".join(f"{w}\n\n" for w in ["Home", "Local", "Region", "Politics", "Courts", "Schools", "Health", "Environment", "Transport", "Letters", "Archive", "Contact"])
        + "Council funds a ferry line across the bay\n\nMay 4, 2021\n\n"
        + ARTICLE_LEAD
    )
    out = full.clean(page)
    assert "Council funds a ferry line across the bay" in out
    assert "Council votes to keep the old library open" not in out
    assert ARTICLE_LEAD.strip().split("\n")[0] in out


def test_list_after_a_body_line_stays(full: Cleaner) -> None:
    # headline-like lines right under a paragraph are the text's own list, wherever the article is
    text = (
        "Weather warnings were issued for the whole coast on Sunday, and the ferries will stay in port until the wind drops.\n\n"
        "Ferries cancelled on the north route until further notice\n\nBuses replace the morning boats to the two islands\n\nHarbour car parks closed to all traffic until Tuesday\n\n"
        + "".join(f"{w}\n\n" for w in ["News", "Sport", "Business", "Culture", "Travel", "Opinion", "Video", "Podcasts", "Weather", "Games", "Shop"])
        + ARTICLE_LEAD
    )
    out = full.clean(text)
    assert "Buses replace the morning boats to the two islands" in out


TEASERS_BELOW = (
    "Village hall roof repaired before winter\n\nVolunteers raised the money in six months with cake sales, a fun run and a raffle at the summer fair.\n\n3 hours ago\n\n"
    "Bus timetable changes from next Monday\n\nThe early service to the station will leave ten minutes sooner to meet the first train to the city.\n\n5 hours ago\n\n"
    "Coastal path reopens after a landslip\n\nWalkers can use the whole route again, but the council asks them to keep away from the cliff edge.\n\n1 day ago\n\n"
    "School choir to sing at the cathedral\n\nForty pupils will perform carols at the service on the last Sunday before the Christmas holidays.\n\n2 days ago\n"
)
SHORT_LEAD = (
    "The town's new lifeboat was named on Saturday in front of a large crowd at the harbour.\n\n"
    "It replaces a boat that served the crew for thirty years, the station manager said.\n\n"
)


def test_teasers_below_rights_line_go_even_when_longer_than_the_article(full: Cleaner) -> None:
    out = full.clean(SHORT_LEAD + "© 2021 Harbour Times. All rights reserved.\n\n" + TEASERS_BELOW)
    assert out == SHORT_LEAD.rstrip("\n") + "\n"


def test_sections_below_a_label_outweighing_the_article_stay(full: Cleaner) -> None:
    # no rights line or list header: the one-paragraph sections may be the article's own
    text = SHORT_LEAD + "Around the coast\n\n" + TEASERS_BELOW
    assert [r for r in _removed(full, text) if r[0] == "CTX001"] == []
    assert "Volunteers raised the money" in full.clean(text)


# chrome6: a label run closing the article, a menu of list items, a playlist above the article
LONG_LEAD = (
    "The regional council voted on Tuesday to fund a new ferry line across the bay, after two years of studies and a public consultation.\n\n"
    "The first boats are expected to sail in the spring of 2024, the transport chair said after the vote in the council chamber.\n\n"
)
FULL_TEASERS = "".join(
    f"{head}\n\n{author}\n\nTuesday November 19, 2019\n\n{para}\n\n"
    for head, author, para in [
        ("Why the old pier must go", "Ann Marsh", "The old pier has stood for a century, but the engineers who looked at it last winter found that its piles are rotten through and that a new one would cost less than the repairs the council keeps paying for, year after year, without an end in sight."),
        ("A lighthouse keeper looks back", "Tom Reed", "For thirty years he climbed the same stairs twice a day, and he says he never tired of the view from the top of the tower."),
        ("Fishing quotas are set to fall again", "Lia Gomez", "The fleet will land less cod next year under the new quotas, and the skippers say that some of the smaller boats will not survive another cut of that size."),
        ("The town that learned to love the rain", "Sam Hale", "When the floods came for the third time in a decade, the town stopped fighting the water and started building for it, with parks that fill and drain like sponges."),
    ]
)
TAGS = "Opinion\n\nHarbour\n\nFerries\n\nTransport\n\nCouncil\n\nMore from Harbour Times\n\n"


def test_teasers_below_a_label_run_go(full: Cleaner) -> None:
    text = LONG_LEAD + "Source: council minutes\n\n" + TAGS + FULL_TEASERS
    out = full.clean(text)
    assert out == LONG_LEAD + "Source: council minutes\n"
    assert any(r[0] == "CTX001" and r[1] == "Why the old pier must go" for r in _removed(full, text))


def test_live_blog_entries_without_a_label_run_stay(full: Cleaner) -> None:
    # the same shape with no run of labels between the lead and the entries: a live blog, kept
    text = LONG_LEAD + "Live updates\n\n" + FULL_TEASERS
    out = full.clean(text)
    assert "For thirty years he climbed the same stairs" in out
    assert "The fleet will land less cod next year" in out


def test_sections_below_a_label_run_stay(full: Cleaner) -> None:
    # a subhead above each paragraph (one line, not a headline and a meta line) is the article's section
    sections = "".join(f"{h}\n\n{p}\n\n" for h, p in [
        ("The route", "Boats will leave the north quay every half hour and cross the bay in about twenty minutes."),
        ("The cost", "The council will pay for the boats and the state will pay for the two new piers."),
        ("The timetable", "The first boats sail in spring, and a night service follows a year later."),
        ("The critics", "Some residents say the money would be better spent on the bus network."),
    ])
    text = LONG_LEAD + "North quay\n\nSouth quay\n\nOld harbour\n\nIsland pier\n\nTown beach\n\n" + sections
    assert [r for r in _removed(full, text) if r[0] == "CTX001"] == []


def test_menu_of_list_items_above_the_article_goes(full: Cleaner) -> None:
    menu = "Home\n\nSports\n\n- Baseball\n\n- Girls Soccer\n\n- Track and Field\n\n- Wrestling\n\nScores\n\nRankings\n\n"
    text = menu + "Harbour ferry approved\n\nMarch 3, 2021\n\n" + LONG_LEAD
    out = full.clean(text)
    assert out == "Harbour ferry approved\n\nMarch 3, 2021\n\n" + LONG_LEAD.rstrip("\n") + "\n"


def test_list_items_with_digits_or_long_above_the_article_stay(full: Cleaner) -> None:
    items = "- 2 new ferries\n\n- Fares frozen until 2025\n\n- A night service on the north route from next spring\n\n"
    text = "Home\n\nNews\n\nSport\n\nHarbour ferry approved\n\n" + items + LONG_LEAD
    out = full.clean(text)
    for item in items.split("\n\n"):
        assert item.strip() in out


def test_playlist_above_the_article_goes_headline_block_with_date_stays(full: Cleaner) -> None:
    playlist = "".join(f"{h}\n\n" for h in [
        "Ferry crews train for winter storms", "Inside the new harbour control room", "How the bay tides are measured",
        "A day on the north quay with the pilots", "Divers inspect the old pier piles", "The last steam ferry goes to a museum",
        "Why gulls follow the morning boats", "Island children take the boat to school",
    ])
    text = "Harbour ferry approved\n\nBy Ann Marsh\n\nMust watch\n\n(8 videos)\n\n" + playlist + LONG_LEAD
    out = full.clean(text)
    assert "Inside the new harbour control room" not in out and "Island children take the boat to school" not in out
    assert out.startswith("Harbour ferry approved\n\nBy Ann Marsh\n")
    # a long headline block (headline, standfirst, captions, a date line) is not a playlist
    block = ("Harbour ferry approved\n\nCouncil backs the bay crossing\n\nThe north quay at dawn\n\nThe old pier from the water\n\n"
             "Pilots on the morning boat\n\nBy Ann Marsh, Harbour desk\n\nPosted: Tue 6:45 PM, Mar 2, 2021\n\n")
    text = "Home\n\nNews\n\nSport\n\nWeather\n\n" + block + LONG_LEAD
    assert full.clean(text) == block + LONG_LEAD.rstrip("\n") + "\n"


# -- the early exit (clean/kinds/chrome_lines.py) -----------------------------------------------

def _make_corpus(profile: str, n: int) -> list[str]:
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    rng = random.Random(20261121)
    paras = mod.seed_paragraphs()
    return [mod.document(i, paras, rng, profile)["text"] for i in range(n)]


def _fixture_texts() -> list[str]:
    from clean.ruleset import default_rules_dir, load_ruleset

    texts = list(ARTICLES.values()) + [PAGE, ARTICLE_LEAD + TEASERS, LONG_LEAD + TAGS + FULL_TEASERS]
    texts += [ex.input for r in load_ruleset([default_rules_dir()]).rules for ex in r.examples]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "golden").rglob("*.txt"))]
    return texts


@pytest.fixture(scope="module")
def chrome_inputs() -> list[list[str]]:
    """What the chrome-block step is given in the pipeline (pass 1, its own rounds, the pass-2
    certificate and further passes) on benchmark-corpus documents and the fixture texts, and
    those texts split into lines as they are."""
    cleaner = Cleaner(policy={"guard_action": "allow"})
    step = next(s for _, s in cleaner.pipeline.steps if s.KIND == "chrome-block")
    seen: list[list[str]] = []
    apply = step.apply

    def spy(doc):  # type: ignore[no-untyped-def]
        seen.append(list(doc.lines))
        apply(doc)

    step.apply = spy  # type: ignore[method-assign]
    texts = _fixture_texts() + [t for p in ("seed", "news", "dirty") for t in _make_corpus(p, 150)]
    for t in texts:
        cleaner.run(t)
    return seen + [t.split("\n") for t in texts]


def _chrome(early_exit: bool = True):  # type: ignore[no-untyped-def]
    step = next(s for _, s in Cleaner().pipeline.steps if s.KIND == "chrome-block")
    kind = type(step)(step.rules, step.env)
    kind.early_exit = early_exit
    return kind


def _apply(kind, lines: list[str]) -> tuple[list[str], list[tuple]]:  # type: ignore[no-untyped-def]
    from clean.kinds.base import Doc

    log: list = []
    doc = Doc(list(lines), policy={}, counts={}, log=log)
    doc.stage = "boilerplate"
    kind.apply(doc)
    return doc.lines, [(c.rule, c.line, c.before, c.after, c.detail, c.op) for c in log]


def test_early_exit_is_exact(chrome_inputs: list[list[str]]) -> None:
    """The early exit (``_nothing_to_remove``) never skips a removal: with and without it, the
    same lines go with the same records, on every input; and it does skip most documents."""
    fast, slow = _chrome(), _chrome(early_exit=False)
    c = fast._compiled[0]
    quiet = removed = 0
    for lines in chrome_inputs:
        got = _apply(fast, lines)
        assert got == _apply(slow, lines), lines[:3]
        removed += bool(got[1])
        if fast._nothing_to_remove(lines, c)[0]:
            quiet += 1
            assert not got[1], lines[:3]
        # the language found from the lines' summaries is the one found from their facts
        assert fast._nothing_to_remove(lines, c)[1:] == slow._language(lines, c)
    assert quiet > len(chrome_inputs) // 2 and removed > 50, (quiet, removed, len(chrome_inputs))


_PIECES = sorted({l for t in [PAGE, ARTICLE_LEAD + TEASERS, LONG_LEAD + TAGS + FULL_TEASERS] for l in t.split("\n")}) + [
    "", "Related articles", "12 comments", "© 2021 Example News. All rights reserved.", "Rating: 12 votes", "Hana Ito says:",
    "More from Tokyo desk", "3 hours ago", "Leave a comment"]
_KINDS = (_chrome(), _chrome(early_exit=False))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(generated_documents(), st.lists(st.sampled_from(_PIECES), max_size=30))
def test_early_exit_exact_on_generated_documents(text: str, pieces: list[str]) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n") + pieces
    fast, slow = _KINDS
    out, records = _apply(fast, lines)
    assert (out, records) == _apply(slow, lines)



def test_fast_words_are_the_regex_words(chrome_inputs: list[list[str]]) -> None:
    """The standard-library word and digit patterns give what the regex ones give, on the text
    they are used on (_fast_ok checked each character of their ranges once, at import)."""
    import unicodedata

    from clean.kinds import chrome_lines as cb

    assert cb._FAST and cb._NO_CJK
    checked = 0
    for lines in chrome_inputs[::5]:
        for line in lines:
            low = unicodedata.normalize("NFKC", line).casefold()
            if not cb._OTHER.search(low):
                checked += 1
                assert cb._FAST_WORD.findall(low) == cb._WORD.findall(low), line
                assert bool(cb._FAST_DIGIT.search(line)) == bool(cb._DIGIT.search(line)), line
            if not cb._MAY_BE_CJK.search(line):
                assert not cb._CJK.search(line), line
    assert checked > 1000


def _old_facts(line: str, c: dict, timeout: float) -> tuple | None:  # type: ignore[type-arg]
    """A line's facts as the kind made them before they were split (the direct way: NFKC of every
    line, the regex-module patterns, key-value and digit with the rest): the reference."""
    import unicodedata

    from clean.kinds import chrome_lines as cb

    s = line.strip()
    if not s:
        return None
    o = c["rule"].options
    low = unicodedata.normalize("NFKC", line).casefold()
    ws = cb._WORD.findall(low)
    cjk = len(cb._CJK.findall(s))
    tail = s.rstrip(o["closing"] + " ")
    sentence = bool(tail) and tail[-1] in o["sentence_end"] and not tail.endswith("...") and not tail.endswith("…")
    is_cjk = cjk * 2 >= len(s)
    hits = tuple(sum(w in c["stop"][lang] for w in ws) for lang in c["stop"])
    return (ws, cjk, is_cjk, len([w for w in ws if not cb._CJK.search(w)]) if is_cjk else 0,
            is_cjk and cjk >= o["body_min_cjk_chars"] and any(ch in s for ch in o["sentence_end"]),
            sentence, bool(c["marker_re"].search(s)), hits, s, " ".join(line.split()),
            line.rstrip(o["closing"] + " ")[-1:],
            bool(c["kv_re"] is not None and c["kv_re"].search(s)), bool(cb._DIGIT.search(s)),
            bool(c["header_re"] is not None and c["header_re"].fullmatch(" ".join(line.split()))),
            bool(c["counter_re"] is not None and c["counter_re"].fullmatch(s)))


def _check_facts(kind, lines: list[str]) -> int:  # type: ignore[no-untyped-def]
    """The facts, extra facts, summary flags and body/label reading of each line are the
    reference's; returns how many non-blank lines were checked."""
    from clean.kinds.chrome_lines import _BIG, COUNTER, HEAD, HEADER, MARK, _fields

    c = kind._compiled[0]
    o = c["rule"].options
    checked = 0
    for line in lines:
        want = _old_facts(line, c, kind.env.regex_timeout)
        for k in ("memo", "quick", "flags", "extra"):
            c[k].pop(line, None)
        for code in c["codes"]:
            code.pop(line, None)
        f = kind._line(line, c)
        if want is None:
            assert f is None
            continue
        checked += 1
        hits = tuple(_fields(f.packed, len(c["stop"])))
        assert (f.n_words, f.cjk, f.is_cjk, f.latin_words, f.cjk_body, f.sentence, f.marker, hits,
                f.stripped, f.one, f.last) == (len(want[0]), *want[1:11]), line
        assert bool(f.packed & c["big"]) == (max(hits) >= _BIG), line
        assert kind._extra(line, f, c) == want[11:13], line
        kind._summary(line, c)
        flags = c["flags"][line]
        assert (bool(flags & HEADER) or " ".join(line.split()).casefold() in c["headers"]) == (want[13] or " ".join(line.split()).casefold() in c["headers"]), line
        assert bool(flags & COUNTER) == want[14], line
        # the patterns' gates (clean.prefilter.LineGate) only ever spare a regex that would fail
        one = " ".join(line.split())
        for key, flag, text in (("comment_mark", MARK, one), ("comment_head", HEAD, one), ("end", 0, one), ("date", 0, f.stripped)):
            direct = bool(c[key + "_re"] is not None and c[key + "_re"].fullmatch(text))
            assert kind._whole(c, key, text) == direct, (key, line)
            if flag and c["comments_on"]:
                assert bool(flags & flag) == direct, (key, line)
        for li in range(len(c["stop"])):
            d = kind._line_features(f, li, o, *want[11:13])
            assert kind._body_label(f, li, o) == (d["body"], d["label"], d["words"]), line
    return checked


def test_line_facts_are_the_reference(chrome_inputs: list[list[str]]) -> None:
    """The facts the kind makes of a line (ASCII shortcut, fast patterns, packed hits, key-value
    and digit made apart) are the ones the direct way makes, on every line of the inputs."""
    kind = _chrome()
    lines = list(dict.fromkeys(line for ls in chrome_inputs for line in ls))
    assert _check_facts(kind, lines) > 1000


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("aZé_-'’ .:!?…»)\u00a0\u2009\u2028ßİ5٣ｱ中ﬁ\t"), max_size=40)
       | st.text(max_size=40) | st.sampled_from(_PIECES))
def test_line_facts_are_the_reference_on_generated_lines(line: str) -> None:
    _check_facts(_KINDS[0], [line])


def test_white_space_but_the_space_is_not_printable() -> None:
    """A line's text with its white space runs as one space is the trimmed line itself when it
    has no two spaces and is printable: every other white space character is not printable."""
    spaces = [c for c in map(chr, range(0x110000)) if c.isspace()]
    assert len(spaces) > 20 and [c for c in spaces if c.isprintable()] == [" "]


def test_a_line_with_too_many_stop_words_to_pack_is_flagged() -> None:
    """A line with _BIG stop words or more in a language is the summary's last field alone."""
    from clean.kinds.chrome_lines import _BIG, _fields

    kind = _chrome()
    c = kind._compiled[0]
    n = len(c["stop"])
    for count, big in ((_BIG - 1, False), (_BIG, True)):
        line = "the " * count + "end."
        f = kind._line(line, c)
        assert (max(_fields(f.packed, n)) >= _BIG) == big
        assert _fields(kind._summary(line, c), n + 4)[n + 3] == big


def test_ascii_shortcut() -> None:
    """NFKC leaves every ASCII character as it is, and of ASCII, _OTHER finds only "_"."""
    import unicodedata

    from clean.kinds import chrome_lines as cb

    for ch in map(chr, range(128)):
        assert unicodedata.normalize("NFKC", ch) == ch
        assert bool(cb._OTHER.search(ch)) == (ch == "_")
