"""One-page PDFs stamped from one form: the static part (labels, rules, shading) is laid out once as
a Form XObject and the font is subset once for every text the batch needs; each page then only adds
its own short text stream — no drawing library runs per page (issue #24: 294 payslips).

Guarantees: the text is real text in an embedded subset of a Simplified-Chinese face (Noto Sans CJK
SC, else Microsoft YaHei / SimHei / PingFang SC — the first installed), with a ToUnicode map so it
can be searched and copied; a character the font lacks is refused (BookError naming it) rather than
printed as a box; the bytes depend only on the content (no date, no producer), so the same slip
gives the same file.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from ..problems import BookError

# (file, family) in order of preference: Debian/Ubuntu/Fedora Noto CJK, then Windows and macOS faces
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("C:/Windows/Fonts/msyh.ttc", "Microsoft YaHei"),
    ("C:/Windows/Fonts/simhei.ttf", "SimHei"),
    ("/System/Library/Fonts/PingFang.ttc", "PingFang SC"),
)


@dataclass(frozen=True)
class Text:
    """A line of text: ``x``, ``y`` in points from the bottom left; ``align`` l, c or r."""

    x: float
    y: float
    size: float
    text: str
    align: str = "l"
    bold: bool = False
    gray: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A line from (x1, y1) to (x2, y2); ``dash`` for a cut line."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.6
    dash: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded rectangle (header rows)."""

    x: float
    y: float
    w: float
    h: float
    gray: float = 0.9


def find_font() -> tuple[Path, str]:
    """The first installed CJK face of :data:`FONT_CANDIDATES` (BookError, one Chinese line, when none)."""
    for path, family in FONT_CANDIDATES:
        if Path(path).exists():
            return Path(path), family
    raise BookError("未找到中文字体（Noto Sans CJK SC / 微软雅黑 / 黑体）：请安装 fonts-noto-cjk")


def _load(path: Path, family: str) -> TTFont:
    if path.suffix.lower() in (".ttc", ".otc"):
        for number, font in enumerate(TTCollection(str(path), lazy=True).fonts):
            if font["name"].getDebugName(1) == family:
                return TTFont(str(path), fontNumber=number, lazy=True)
        return TTFont(str(path), fontNumber=0, lazy=True)
    return TTFont(str(path), lazy=True)


class Form:
    """A page size, a font subset for ``alphabet`` and the static ``items``; :meth:`page` stamps one."""

    def __init__(self, width: float, height: float, alphabet: str, items: list, *, font: tuple[Path, str] | None = None):
        self.width, self.height = width, height
        path, family = font or find_font()
        ttf = _load(path, family)
        wanted = {ord(c) for c in alphabet if c not in "\n"} | {ord(" ")}
        cmap = ttf.getBestCmap()
        missing = sorted(chr(u) for u in wanted if u not in cmap)
        if missing:
            raise BookError(f"字体 {family} 缺少这些字，PDF 无法印出：{''.join(missing)}")
        options = subset.Options()
        options.layout_features, options.name_IDs, options.notdef_outline = [], ["*"], True
        options.retain_gids = "glyf" in ttf
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(ttf)
        self.cff = "CFF " in ttf
        cmap = ttf.getBestCmap()
        units = ttf["head"].unitsPerEm
        if self.cff:
            self.code = {u: int(name[3:]) for u, name in cmap.items()}
        else:
            self.code = {u: ttf.getGlyphID(name) for u, name in cmap.items()}
        self.advance = {u: ttf["hmtx"][name][0] * 1000 / units for u, name in cmap.items()}
        self.name = "DXLSUB+" + "".join(ch for ch in family if ch.isalnum())
        self._shared = self._font_objects(ttf, units) + [self._xobject(items)]

    def measure(self, text: str, size: float) -> float:
        return sum(self.advance[ord(c)] for c in text) * size / 1000

    def _show(self, t: Text) -> bytes:
        x = t.x - (self.measure(t.text, t.size) if t.align == "r" else
                   self.measure(t.text, t.size) / 2 if t.align == "c" else 0)
        hexcodes = "".join(f"{self.code[ord(c)]:04X}" for c in t.text)
        mode = "2 Tr 0.35 w " if t.bold else "0 Tr "
        return (f"q {t.gray:.2f} g {t.gray:.2f} G {mode}BT /F1 {t.size:.2f} Tf {x:.2f} {t.y:.2f} Td "
                f"<{hexcodes}> Tj ET Q\n").encode("ascii")

    def _ops(self, items: list) -> bytes:
        out = []
        for item in items:
            if isinstance(item, Text):
                out.append(self._show(item))
            elif isinstance(item, Rule):
                dash = "[3 2] 0 d " if item.dash else "[] 0 d "
                out.append(f"q {dash}{item.width:.2f} w 0.35 G {item.x1:.2f} {item.y1:.2f} m "
                           f"{item.x2:.2f} {item.y2:.2f} l S Q\n".encode("ascii"))
            else:
                out.append(f"q {item.gray:.2f} g {item.x:.2f} {item.y:.2f} {item.w:.2f} {item.h:.2f} re f Q\n"
                           .encode("ascii"))
        return b"".join(out)

    def _font_objects(self, ttf: TTFont, units: int) -> list[bytes]:
        buffer = BytesIO()
        if self.cff:
            ttf["CFF "].cff.compile(buffer, ttf)
            program, kind, file_key, subtype = buffer.getvalue(), "/CIDFontType0", "/FontFile3", "/Subtype /CIDFontType0C "
        else:
            ttf.save(buffer)
            program, kind, file_key, subtype = buffer.getvalue(), "/CIDFontType2", "/FontFile2", ""
        widths = " ".join(f"{self.code[u]} [{w:.0f}]" for u, w in sorted(self.advance.items(), key=lambda i: self.code[i[0]]))
        head, hhea = ttf["head"], ttf["hhea"]
        bbox = " ".join(f"{v * 1000 / units:.0f}" for v in (head.xMin, head.yMin, head.xMax, head.yMax))
        to_unicode = self._to_unicode()
        gid_map = " /CIDToGIDMap /Identity" if not self.cff else ""
        return [
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{self.name} /Encoding /Identity-H "
            f"/DescendantFonts [6 0 R] /ToUnicode 9 0 R >>".encode("ascii"),
            f"<< /Type /Font /Subtype {kind} /BaseFont /{self.name} /CIDSystemInfo << /Registry (Adobe) "
            f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /W [{widths}]{gid_map} >>"
            .encode("ascii"),
            f"<< /Type /FontDescriptor /FontName /{self.name} /Flags 4 /FontBBox [{bbox}] /ItalicAngle 0 "
            f"/Ascent {hhea.ascent * 1000 / units:.0f} /Descent {hhea.descent * 1000 / units:.0f} "
            f"/CapHeight 700 /StemV 80 {file_key} 8 0 R >>".encode("ascii"),
            _stream(program, subtype.encode("ascii")),
            _stream(to_unicode),
        ]

    def _to_unicode(self) -> bytes:
        pairs = sorted((self.code[u], u) for u in self.code)
        chunks = [pairs[i:i + 100] for i in range(0, len(pairs), 100)]
        body = "".join(f"{len(c)} beginbfchar\n" + "".join(f"<{code:04X}> <{u:04X}>\n" for code, u in c)
                       + "endbfchar\n" for c in chunks)
        return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
                "/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def "
                "1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + body +
                "endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")

    def _xobject(self, items: list) -> bytes:
        extra = (f"/Type /XObject /Subtype /Form /BBox [0 0 {self.width:.2f} {self.height:.2f}] "
                 f"/Resources << /Font << /F1 5 0 R >> >> ").encode("ascii")
        return _stream(self._ops(items), extra)

    def page(self, items: list) -> bytes:
        """One page: the form, then ``items``, as the bytes of a PDF file."""
        content = b"q /Form Do Q\n" + self._ops(items)
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
                   b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {self.width:.2f} {self.height:.2f}] "
                    f"/Resources << /Font << /F1 5 0 R >> /XObject << /Form 10 0 R >> >> /Contents 4 0 R >>")
                   .encode("ascii"),
                   _stream(content), *self._shared]
        out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
        out += b"".join(f"{o:010d} 00000 n \n".encode("ascii") for o in offsets)
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
        return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 6)
    return b"<< " + extra + f"/Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode("ascii") + packed + \
        b"\nendstream"


__all__ = ["Band", "Form", "Rule", "Text", "find_font"]
