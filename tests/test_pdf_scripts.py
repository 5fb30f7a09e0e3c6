"""The PDF draws any script people write in (finding 8): names of places and organisations
in partner countries are normal content here."""

import os
import shutil
import subprocess

import pytest

from reporting.annex import content, pdf
from reporting.models import Submission

from .pdf_helpers import needs_pdftotext, pdf_fonts, pdf_text

# (script, sample, the font that must draw it)
SAMPLES = [
    ("Latin", "Zoë Ćosić", "Liberation-Sans"),
    ("Cyrillic", "Київ", "Liberation-Sans"),
    ("Greek", "Αθήνα", "Liberation-Sans"),
    ("Hebrew", "ירושלים", "Noto-Sans-Hebrew"),
    ("Arabic", "القاهرة", "Noto-Sans-Arabic"),
    ("Devanagari", "दिल्ली", "Noto-Sans-Devanagari"),
    ("Thai", "กรุงเทพ", "Noto-Sans-Thai"),
    ("CJK", "北京 東京 서울", "Noto-Sans-CJK"),
    ("emoji", "🕊️", "Noto-Color-Emoji"),
]


def noto_installed():
    out = subprocess.run(  # noqa: S603 - a fixed tool
        [shutil.which("fc-list") or "fc-list", ":", "family"], capture_output=True, text=True
    ).stdout
    return "Noto Sans CJK SC" in out and "Noto Color Emoji" in out


if os.environ.get("REQUIRE_FONTS") and not noto_installed():
    raise RuntimeError("REQUIRE_FONTS is set but the Noto fonts are not installed")


def families_for(language):
    out = subprocess.run(  # noqa: S603 - a fixed tool
        [shutil.which("fc-list") or "fc-list", f":lang={language}", "family"],
        capture_output=True,
        text=True,
    ).stdout
    return out


def drawn_with(font, names):
    """Whether `font` drew the sample. Liberation Sans 2 (fonts-liberation2, which
    LibreOffice pulls in) has Hebrew itself: where it is installed, it draws Hebrew."""
    if font == "Noto-Sans-Hebrew" and "Liberation Sans" in families_for("he"):
        return "Liberation-Sans" in names
    return font in names


needs_fonts = pytest.mark.skipif(
    not shutil.which("fc-list") or not noto_installed(),
    reason="apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji",
)


@needs_pdftotext
@needs_fonts
def test_every_script_is_drawn_with_a_font_that_has_it_embedded(
    round_2025, submission_minbz, tmp_path
):
    entry = submission_minbz.entries.in_plan_order().first()
    entry.narrative = "".join(f"<p>{script}: {sample}</p>" for script, sample, _ in SAMPLES)
    entry.save()
    Submission.objects.filter(pk=submission_minbz.pk).update(state=Submission.State.APPROVED)
    path = tmp_path / "bijlage.pdf"
    path.write_bytes(pdf.render_pdf(content.build(round_2025), cache_dir=tmp_path, workers=1))

    fonts = pdf_fonts(path)
    assert all(embedded for _, embedded in fonts), fonts
    names = " ".join(name for name, _ in fonts)
    missing = [script for script, _, font in SAMPLES if not drawn_with(font, names)]
    assert missing == [], f"no font for {missing} in {names}"
    # Bold digits stay in the text font (an emoji font in the CSS list once took them).
    bold_fonts = [name for name, _ in fonts if "Bold" in name]
    assert not [name for name in bold_fonts if "Emoji" in name]
    text = pdf_text(path)
    for script, sample, _ in SAMPLES[:3] + SAMPLES[5:8]:
        for word in sample.split():
            assert word in text, script
