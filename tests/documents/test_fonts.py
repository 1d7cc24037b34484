"""The PDFs embed the Simplified Chinese face (issue #23): the embedded fonts as pdffonts lists them."""

import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont

from dealer_xl.documents import fonts
from dealer_xl.documents.letters import generate_letters
from dealer_xl.documents.rendering import soffice
from dealer_xl.documents.repossession_notices import generate_notices
from dealer_xl.ledger import load

from .books import AS_OF, ROWS, write_company
from .test_repossession_notices import DEMAND, REPO

pytestmark = pytest.mark.skipif(soffice() is None or shutil.which("pdffonts") is None
                                or fonts.find_collection(fonts.COLLECTIONS["Regular"]) is None,
                                reason="需要 LibreOffice、pdffonts 和 fonts-noto-cjk")


def _embedded(pdf) -> list[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in lines if line.strip()]


def test_the_made_face_is_the_sc_face_under_its_own_names(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALER_XL_CACHE", str(tmp_path))
    made = fonts.private_fonts()
    assert [p.name for p in made] == ["NotoSerifSC-Regular.otf", "NotoSerifSC-Bold.otf"]
    font = TTFont(made[0], lazy=True)
    assert font["name"].getDebugName(1) == "Noto Serif SC" and font["name"].getDebugName(6) == "NotoSerifCJKsc-Regular"
    assert font["CFF "].cff.fontNames == ["NotoSerifCJKsc-Regular"]
    assert font.getBestCmap()[ord("门")] == TTFont(fonts.find_collection(fonts.COLLECTIONS["Regular"]), fontNumber=2,
                                                   lazy=True).getBestCmap()[ord("门")]  # face 2 of the .ttc is SC


def test_letter_and_notices_embed_noto_serif_cjk_sc_and_no_jp_face(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [REPO],
                                                       ("receivables", "collection_log"): [DEMAND]})
    led = load(folder, today=AS_OF)
    docs, _ = generate_letters(led, AS_OF, tmp_path / "out", contract_nos=["HT-1"])
    for kind in ("repossession", "handover"):
        docs += generate_notices(led, kind, AS_OF, tmp_path / "out", ["HT-1"])[0]
    for doc in docs:
        names = _embedded(doc.pdf)
        cjk = [n for n in names if "CJK" in n]
        assert cjk and all(n.startswith("NotoSerifCJKsc-") for n in cjk), (doc.pdf.name, names)
        assert any(n.startswith("NotoSerifCJKsc-Bold") for n in cjk)  # titles in the bold face, not synthesised
