"""The Simplified Chinese faces the documents are set in, for LibreOffice's PDF conversion.

The Word templates name :data:`SERIF` (``Noto Serif SC``) for Chinese text. Debian's fonts-noto-cjk
ships Noto CJK only as collections (.ttc) whose faces — JP, KR, SC, TC, HK — share one CFF table
named ``NotoSerifCJKjp``: LibreOffice embeds that name even when it sets the SC face, and without a
face called ``Noto Serif SC`` it falls back to whatever CJK face comes first (the JP one). So
:func:`private_fonts` makes, once per machine, stand-alone OpenType files of the SC faces (regular
and bold) of the installed collection — the same glyphs and tables, the CFF's names set to the SC
face's own PostScript name (``NotoSerifCJKsc-Regular``: same length, so no offset moves) and the
family called ``Noto Serif SC`` — and :func:`install_into` puts them in a LibreOffice profile's
``user/fonts``. PDFs made that way embed ``NotoSerifCJKsc-…``.

Guarantees: nothing is written outside the cache folder (:func:`cache_dir`) and the profile given;
files are written atomically; without the collection installed nothing is made and conversion
goes on with the fonts the machine has (``dealer-xl doctor`` names the missing fonts package).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SERIF = "Noto Serif SC"
COLLECTIONS = {"Regular": "NotoSerifCJK-Regular.ttc", "Bold": "NotoSerifCJK-Bold.ttc"}
SOURCE_FAMILY = "Noto Serif CJK SC"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
             Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
             Path(os.environ.get("LOCALAPPDATA", "~")).expanduser() / "Microsoft/Windows/Fonts")


def cache_dir() -> Path:
    """Where the made faces are kept (``DEALER_XL_CACHE`` or the user's cache folder)/fonts."""
    base = os.environ.get("DEALER_XL_CACHE") or os.environ.get("LOCALAPPDATA") or Path.home() / ".cache"
    return Path(base) / "dealer_xl" / "fonts"


def find_collection(name: str) -> Path | None:
    """The installed collection file ``name`` (e.g. NotoSerifCJK-Regular.ttc), None when absent."""
    for folder in FONT_DIRS:
        if folder.is_dir():
            found = next(folder.rglob(name), None)
            if found is not None:
                return found
    return None


def make_face(collection: Path, out: Path) -> Path:
    """The SC face of ``collection`` as a stand-alone .otf at ``out`` (see the module docstring)."""
    from fontTools.ttLib import TTCollection
    from fontTools.ttLib.sfnt import SFNTReader, SFNTWriter

    with open(collection, "rb") as fh:
        fonts = TTCollection(fh, lazy=True)
        index = next(i for i, f in enumerate(fonts.fonts) if f["name"].getDebugName(1) == SOURCE_FAMILY)
        name = fonts.fonts[index]["name"]
        postscript = name.getDebugName(6)  # NotoSerifCJKsc-Regular
        for record in name.names:
            if record.nameID in (1, 16):
                record.string = SERIF
            elif record.nameID == 4:
                record.string = f"{SERIF} {name.getDebugName(2)}"
        fh.seek(0)
        reader = SFNTReader(fh, fontNumber=index)
        tables = {tag: reader[tag] for tag in sorted(reader.keys())}
        tables["name"] = name.compile(fonts.fonts[index])
        version = reader.sfntVersion
    region = postscript.split("CJK", 1)[1][:2].encode()  # sc
    tables["CFF "] = tables["CFF "].replace(b"CJKjp-", b"CJK" + region + b"-")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            writer = SFNTWriter(fh, len(tables), sfntVersion=version)
            for tag, data in tables.items():
                writer[tag] = data
            writer.close()
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def private_fonts() -> list[Path]:
    """The made SC faces (made on first use, then read from the cache); [] without the collections."""
    out = []
    for style, name in COLLECTIONS.items():
        target = cache_dir() / f"NotoSerifSC-{style}.otf"
        if not target.is_file():
            source = find_collection(name)
            if source is None:
                continue
            make_face(source, target)
        out.append(target)
    return out


def install_into(profile: Path) -> list[Path]:
    """Link (or copy) :func:`private_fonts` into the LibreOffice profile folder ``profile``."""
    folder = Path(profile) / "user" / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    placed = []
    for font in private_fonts():
        target = folder / font.name
        try:
            os.link(font, target)
        except OSError:
            shutil.copyfile(font, target)
        placed.append(target)
    return placed
