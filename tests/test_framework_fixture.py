"""The NAP1325-IV framework fixture against the text of the real 2021 annex."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.models import ActionPlan, Indicator, StrategicGoal, Subgoal, Theme
from signatories.models import Signatory

ANNEX = (Path(__file__).parent / "data" / "bijlage1_2021.txt").read_text()


def despaced(text):
    """Text without whitespace or list bullets: line breaks and the PDF's columns vanish."""
    return re.sub(r"\s+", "", text.replace("\uf0b7", "").replace("•", ""))


ANNEX_DESPACED = despaced(ANNEX)


ANNEX_LINES = [line.replace("\uf0b7", " ").split() for line in ANNEX.splitlines()]
ANNEX_LINES = [words for words in ANNEX_LINES if words]


def stands_in_source(text, lines=ANNEX_LINES, max_skip=80):
    """Whether `text` (despaced) is made of the annex's lines, in order, word for word.

    The PDF extraction interleaves the table's columns line by line, so a text may skip
    over lines of another column. Its first piece may be the end of a line and its last
    piece the start of one (two columns on one line), cut between words. A changed,
    dropped or added letter matches no line and fails.
    """
    joined = ["".join(words) for words in lines]
    failed = set()

    def rest(i, k):
        if i == len(text):
            return True
        if (i, k) in failed:
            return False
        for m in range(k + 1, min(k + 1 + max_skip, len(lines))):
            if text.startswith(joined[m], i) and rest(i + len(joined[m]), m):
                return True
            heads = ("".join(lines[m][:w]) for w in range(1, len(lines[m])))
            if any(head == text[i:] for head in heads):
                return True
        failed.add((i, k))
        return False

    for k, words in enumerate(lines):
        for w in range(len(words)):
            tail = "".join(words[w:])
            if text.startswith(tail) and rest(len(tail), k):
                return True
    return False


@pytest.fixture
def plan(framework):
    return ActionPlan.objects.get(code="NAP1325-IV")


def test_it_has_the_plans_themes_goals_and_subgoals(plan):
    assert (plan.first_year, plan.last_year) == (2021, 2027)
    assert list(Theme.objects.filter(plan=plan).values_list("name", flat=True)) == [
        "PARTICIPATIE",
        "PREVENTIE",
        "BESCHERMING",
        "NOODHULP, WEDEROPBOUW EN HERSTEL",
        "MAINSTREAMING",
    ]
    assert StrategicGoal.objects.filter(plan=plan).count() == 5
    assert list(Subgoal.objects.filter(plan=plan).values_list("number", flat=True)) == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4",
    ]  # fmt: skip
    assert Indicator.objects.filter(plan=plan).count() == 34


@pytest.mark.parametrize("model", [StrategicGoal, Subgoal, Indicator])
def test_every_text_stands_in_the_annex_word_for_word(plan, model):
    wrong = [
        n.number for n in model.objects.filter(plan=plan) if not stands_in_source(despaced(n.text))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "typo",
    [
        "Aantal humanitaire programma’s die fysieke, geestelijke en psychosocale gezondheid",
        "Aantal humanitaire programma’s die fysieke, geestelijke en psychosociaale gezondheid",
        "Aantal humanitaire programma’s die fysieke geestelijke en psychosociale gezondheid",
        "Aantal humanitaire programma’s die fysieke, geestelijke en psychosociale gezondhei",
        "Verbeterde implementatie van artikel 7.5 van het Wapenhandelsverdrag",
    ],
)
def test_the_word_for_word_check_catches_a_typo(typo):
    assert stands_in_source(
        despaced(
            "Aantal humanitaire programma’s die fysieke, geestelijke en psychosociale gezondheid"
        )
    )
    assert not stands_in_source(despaced(typo))


def test_every_indicator_the_annex_opens_is_in_the_fixture(plan):
    opening = re.compile(
        r"^\s*(?:Subdoel \d\.\d:\s*|Indicator:\s*|Indicatoren en bestaande "
        r"rapportageverplichtingen:\s*)?(\(?(?:Aantal|Voorbeelden van|Totale uitgaven|"
        r"Best practices).*)$"
    )
    # Two lines of the narrative column that open like an indicator.
    narrative = ("Voorbeelden van programma’s die hieraan", "Voorbeelden van eerdergenoemde")
    starts = [despaced(i.text) for i in Indicator.objects.filter(plan=plan)]
    missing = []
    for line in ANNEX.splitlines():
        match = opening.match(line)
        if not match or match.group(1).startswith(narrative):
            continue
        first_words = despaced(match.group(1))
        if not any(start.startswith(first_words) for start in starts):
            missing.append(line.strip())
    assert missing == []


def test_it_repairs_line_break_hyphenation_and_keeps_real_hyphens(plan):
    goal = StrategicGoal.objects.get(plan=plan, number="1")
    assert "besluitvormingsprocessen ten behoeve" in goal.text
    assert "conflictpreventie en -beslechting, vredesopbouw" in goal.text
    subgoal = Subgoal.objects.get(plan=plan, number="1.2")
    assert "mensenrechtenverdedigers en vredesactivisten die zich inzetten" in subgoal.text
    indicator = Indicator.objects.get(plan=plan, number="1.b")
    assert "op lokaal of sub-nationaal niveau" in indicator.text
    assert "(bijvoorbeeld staakt-het-vuren," in indicator.text


def test_indicators_apply_to_the_ministries_that_used_them(plan):
    def codes(number):
        indicator = Indicator.objects.get(plan=plan, number=number)
        return sorted(indicator.signatories.values_list("code", flat=True))

    assert codes("1.b") == ["MinBZ", "MinOCW"]
    assert codes("3.4.a") == ["MinJenV"]
    assert codes("5.1.a") == ["MinBZ", "MinJenV"]
    assert codes("5.2.a") == ["MinBZ", "MinOCW"]
    minbz = Signatory.objects.get(code="MinBZ")
    assert Indicator.objects.applicable_to(minbz).count() == 32
    pax = Signatory.objects.get(code="PAX")
    assert Indicator.objects.applicable_to(pax).count() == 34


def test_indicators_have_the_kind_their_text_asks_for(plan):
    kinds = dict(Indicator.objects.filter(plan=plan).values_list("number", "kind"))
    assert kinds["1.a"] == Indicator.Kind.COUNT
    assert kinds["1.3.a"] == Indicator.Kind.COUNT_PERCENTAGE
    assert kinds["5.2.a"] == Indicator.Kind.AMOUNT
    assert kinds["1.2.b"] == Indicator.Kind.NARRATIVE


def test_indicators_come_in_plan_order(plan):
    numbers = list(
        Indicator.objects.filter(plan=plan).in_plan_order().values_list("number", flat=True)
    )
    assert numbers[:8] == ["1.a", "1.b", "1.1.a", "1.2.a", "1.2.b", "1.3.a", "1.3.b", "2.a"]
    assert numbers[-3:] == ["5.2.a", "5.4.a", "5.4.b"]


def test_loading_the_fixtures_twice_changes_nothing(plan):
    def snapshot():
        return (
            list(Indicator.objects.values_list("pk", "number", "text")),
            list(Subgoal.objects.values_list("pk", "number", "text")),
            list(Signatory.objects.values_list("pk", "code", "name")),
            sorted(Indicator.signatories.through.objects.values_list("indicator", "signatory")),
        )

    before = snapshot()
    call_command("loaddata", "signatories", "nap1325_iv", verbosity=0)
    assert snapshot() == before


def test_signatories_come_in_the_annexs_order(framework):
    codes = list(Signatory.objects.in_annex_order().values_list("code", flat=True))
    assert codes[:5] == ["MinBZ", "MinDef", "MinJenV", "MinOCW", "Politie"]
    civil = list(
        Signatory.objects.filter(kind__code="maatschappelijk")
        .in_annex_order()
        .values_list("name", flat=True)
    )
    assert civil == sorted(civil, key=str.lower)
    assert {"PAX", "Cordaid", "NIMD", "WO=MEN", "CARE", "Plan"} <= set(codes)
