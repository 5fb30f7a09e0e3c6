"""Builds fixtures/report_2021.json from the text of the 2021 annex (seed 003).

The seed is a PDF's text: the annex's three columns come interleaved. Which lines form
which answer's narrative was read by hand and is written down in ANSWERS below; this script
only joins those lines into paragraphs and lists. Run once, review the diff, commit both:

    python scripts/extract_report_2021.py ../shared/seeds/003_65d375e9e48fb992.txt
"""

import html
import json
import re
import sys
from pathlib import Path

PLAN = "NAP1325-IV"
YEAR = 2021
# Where two ranges meet at a paragraph's end that the lines do not show.
BREAK = None
# (signatory, place, seed line ranges of the narrative[, own indicator text][, options]).
# place: an indicator number ("1.a"), or a goal ("1") or subgoal ("3.4") answered as such.
# options: "also" (further indicators the narrative answers, printed in the same cell),
# "with_goal" (a subgoal's answer given on its goal too: "Strategisch doel 5 + Subdoel 5.1").
ANSWERS = [
    ("MinBZ", "1.a", [(44, 55)]),
    ("MinBZ", "1.b", [(80, 97), (129, 177)]),
    ("MinBZ", "1.1.a", [(229, 250)]),
    # Two indicators in one cell, answered by one narrative (also: 1.3 and 2 below).
    ("MinBZ", "1.2.a", [(276, 284), (311, 338)], {"also": ["1.2.b"]}),
    ("MinBZ", "1.3.a", [(375, 397)], {"also": ["1.3.b"]}),
    ("MinBZ", "2.b", [(452, 455)], {"also": ["2.a"]}),
    ("MinBZ", "2.c", [(473, 484), (495, 507)]),
    ("MinBZ", "2.d", [(524, 526)]),
    ("MinBZ", "2.1.a", [(560, 563)]),
    ("MinBZ", "2.2.a", [(570, 570), (605, 609)]),
    ("MinBZ", "2.2.b", [(633, 644)]),
    ("MinBZ", "3.b", [(690, 707)]),
    ("MinBZ", "3.c", [(720, 725)]),
    ("MinBZ", "3.1.a", [(754, 763)]),
    ("MinBZ", "3.1.b", [(796, 809)]),
    ("MinBZ", "3.2.a", [(843, 849)]),
    # Subgoal 3.3 has no indicator in the plan; the ministry wrote a sentence in its place.
    (
        "MinBZ",
        "3.3",
        [(862, 863), (878, 881)],
        "Nederland heeft deelgenomen aan verschillende onderzoeken over dit thema, zoals van "
        "het Stimson Centre en het Centre for Feminist Foreign Policy.",
    ),
    ("MinBZ", "4.a", [(908, 911)]),
    ("MinBZ", "4.b", [(922, 925)]),
    ("MinBZ", "4.1.a", [(948, 964)]),
    ("MinBZ", "4.1.b", [(968, 969), (982, 982)]),
    ("MinBZ", "4.2.a", [(1010, 1016)]),
    ("MinBZ", "4.3.a", [(1046, 1048)]),
    ("MinBZ", "5.a", [(1058, 1058), (1085, 1126)]),
    ("MinBZ", "5.b", [(1140, 1145)]),
    ("MinBZ", "5.1.a", [(1176, 1182)]),
    ("MinBZ", "5.2.a", [(1203, 1235)]),
    ("MinBZ", "5.4.a", [(1270, 1280)]),
    ("MinBZ", "5.4.b", [(1296, 1314)]),
    ("MinDef", "1", [(1349, 1361)]),
    # Goal 5 and subgoal 5.1 share one cell ("Strategisch doel 5 + Subdoel 5.1").
    ("MinDef", "5.1", [(1397, 1406), (1412, 1425)], {"with_goal": True}),
    ("MinDef", "5.3", [(1437, 1445)]),
    ("MinDef", "5.4", [(1456, 1460)]),
    ("MinJenV", "1", [(1494, 1504)]),
    ("MinJenV", "2", [(1529, 1531)]),
    ("MinJenV", "3", [(1552, 1557)]),
    ("MinJenV", "3.1", [(1572, 1584)]),
    ("MinJenV", "3.2", [(1601, 1610)]),
    # The ministry put the indicators inside its narrative, one row each.
    ("MinJenV", "3.4", [(1631, 1638)]),
    ("MinJenV", "3.4", [(1641, 1647)]),
    ("MinJenV", "5.1", [(1666, 1672)]),
    ("MinOCW", "1", [(1699, 1701)]),
    ("MinOCW", "1.b", [(1720, 1731), BREAK, (1755, 1786)]),
    ("MinOCW", "1.1.a", [(1813, 1825), (1831, 1886)]),
    ("MinOCW", "2.a", [(1914, 1917)]),
    ("MinOCW", "2.c", [(1934, 1934)]),
    ("MinOCW", "5.2.a", [(1953, 1962)]),
    ("MinOCW", "5.4.b", [(1970, 1976)]),
]
BULLET = re.compile(r"^[\uf000-\uf8ff•]\s*")


def narrative(lines):
    """Join PDF lines into <p> and <ul> blocks. A blank line ends a paragraph; so does a
    line clearly shorter than the column (a hard line break: a heading, a list's item)."""
    width = max(len(line.strip()) for line in lines)
    blocks = []  # [kind, text]
    open_block = None
    for raw in lines:
        line = raw.strip()
        if not line:
            open_block = None
            continue
        bullet = BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
            open_block = ["li", ""]
            blocks.append(open_block)
        elif open_block is None:
            open_block = ["p", ""]
            blocks.append(open_block)
        text = open_block[1]
        if text and not text.endswith("-"):
            text += " "
        open_block[1] = text + re.sub(r"\s+", " ", line)
        # List items are indented: their lines run shorter.
        if len(line) < (0.6 if open_block[0] == "li" else 0.75) * width:
            open_block = None
    out = []
    for kind, text in blocks:
        item = f"<{kind}>{html.escape(text, quote=False)}</{kind}>"
        if kind == "li":
            if out and out[-1].endswith("</ul>"):
                out[-1] = out[-1][: -len("</ul>")] + item + "</ul>"
            else:
                out.append(f"<ul>{item}</ul>")
        else:
            out.append(item)
    return "".join(out)


def place_fields(place):
    """Goal, subgoal and indicator of a place. A fixture is loaded raw, without Entry.save,
    so an indicator's goal and subgoal are written out too (its number names them)."""
    parts = place.split(".")
    fields = {"goal": [PLAN, parts[0]], "subgoal": None, "indicator": None}
    if parts[-1].isalpha():  # an indicator: 1.a, 1.1.a
        fields["indicator"] = [PLAN, place]
        parts = parts[:-1]
    if len(parts) == 2:
        fields["subgoal"] = [PLAN, ".".join(parts)]
    return fields


def fixture(seed_lines):
    handed_in = "2022-03-31T12:00:00+02:00"
    submission_fields = {"state": "approved", "submitted_at": handed_in}
    objects = [
        {
            "model": "reporting.reportinground",
            "fields": {
                "plan": [PLAN],
                "first_year": YEAR,
                "last_year": YEAR,
                "opens_at": "2022-01-10T09:00:00+01:00",
                "deadline": "2022-04-01T00:00:00+02:00",
                "state": "published",
                # The original has no cover, introduction or list of who reported.
                "front_matter": False,
            },
        }
    ]
    for code in dict.fromkeys(answer[0] for answer in ANSWERS):
        fields = {"round": [PLAN, YEAR], "signatory": [code], **submission_fields}
        objects.append({"model": "reporting.submission", "fields": fields})
    positions = {}
    for code, place, ranges, *extra in ANSWERS:
        own = [item for item in extra if isinstance(item, str)]
        options = next((item for item in extra if isinstance(item, dict)), {})
        lines = []
        for lines_range in ranges:
            if lines_range is BREAK:
                lines.append("")
            else:
                lines.extend(seed_lines[lines_range[0] - 1 : lines_range[1]])
        position = positions[code, place] = positions.get((code, place), -1) + 1
        fields = {
            "submission": [PLAN, YEAR, code],
            **place_fields(place),
            "indicator_text": own[0] if own else "",
            "position": position,
            "narrative": narrative(lines),
            "updated_at": handed_in,
        }
        if options.get("with_goal"):
            fields["with_goal"] = True
        if options.get("also"):
            fields["also_answers"] = [[PLAN, number] for number in options["also"]]
        objects.append({"model": "reporting.entry", "fields": fields})
    return objects


if __name__ == "__main__":
    seed = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    target = Path(__file__).resolve().parent.parent / "fixtures" / "report_2021.json"
    data = json.dumps(fixture(seed), ensure_ascii=False, indent=1)
    target.write_text(data + "\n", encoding="utf-8")
    print(f"Wrote {target}")
