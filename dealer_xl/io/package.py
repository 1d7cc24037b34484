"""An .xlsx/.xlsm package read part by part and written again with only the changed parts new.

:class:`Package` opens a workbook's zip, finds the parts a part relates to (a sheet's tables,
comments, notes' drawing) and reads parts on demand. :meth:`Package.write` writes a new package where

- every part that was not changed or removed is the original's **stored bytes, copied verbatim**
  (same compressed data, same CRC, same name, same order): its content is byte-identical by
  construction, and it costs no decompression or compression;
- changed parts are deflated anew in their original place; new parts follow the old ones;
- the zip's structure is rebuilt by :mod:`zipfile` (central directory, no data descriptors).

Memory is the changed parts plus one copied part at a time.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from dealer_xl.problems import BookError

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_DATA_DESCRIPTOR_FLAG = 0x08


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship of a part: its id, type (the URI's last segment) and resolved target part."""

    id: str
    type: str
    target: str
    external: bool = False


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``xl/worksheets/_rels/sheet1.xml.rels``)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(part: str, target: str) -> str:
    """The part a relationship of ``part`` with ``target`` points at."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


class Package:
    """A workbook package opened for reading (``with Package(path) as p``)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.raw = open(self.path, "rb")  # noqa: SIM115 (closed by __exit__); copies come from this very file
        try:
            self.zip = zipfile.ZipFile(self.raw)
        except (zipfile.BadZipFile, OSError) as e:
            self.raw.close()
            raise BookError(f"{self.path.name} 不是有效的 Excel 工作簿（可能设置了打开密码或已损坏）") from e
        self.names = [info.filename for info in self.zip.infolist()]
        if "xl/workbook.xml" not in self.names:
            self.close()
            raise BookError(f"{self.path.name} 不是有效的 Excel 工作簿（缺少 xl/workbook.xml）")

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()
        self.raw.close()

    def has(self, part: str) -> bool:
        return part in self.zip.NameToInfo

    def read(self, part: str) -> bytes:
        return self.zip.read(part)

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (``[]`` when it has none)."""
        name = rels_name(part)
        if not self.has(name):
            return []
        return parse_relationships(part, self.read(name))

    def write(self, file: BinaryIO, changed: dict[str, bytes | None]) -> None:
        """Write the package to ``file`` with ``changed`` applied (``None`` removes a part)."""
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.zip.infolist():
                if info.filename not in changed:
                    _copy_stored(self.raw, info, out)
                elif changed[info.filename] is not None:
                    out.writestr(_fresh_info(info.filename, info), changed[info.filename])
            for name, data in changed.items():
                if data is not None and not self.has(name):
                    out.writestr(_fresh_info(name), data)


def parse_relationships(part: str, xml: bytes) -> list[Relationship]:
    rels = []
    for rel in ElementTree.fromstring(xml).iter(f"{{{PKG_REL_NS}}}Relationship"):
        external = rel.get("TargetMode") == "External"
        target = rel.get("Target", "")
        rels.append(Relationship(rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1],
                                 target if external else resolve(part, target), external))
    return rels


def add_relationship(xml: bytes, rel_type: str, target: str) -> tuple[bytes, str]:
    """``xml`` (a relationships part, ``b""`` for a new one) with one relationship added; returns
    (new xml, its id). ``rel_type`` is the full type URI, ``target`` relative to the source part."""
    if not xml:
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}"></Relationships>'.encode()
    used = set(re.findall(rb'\bId="([^"]*)"', xml))
    n = 1
    while f"rId{n}".encode() in used:
        n += 1
    rid = f"rId{n}"
    entry = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'.encode()
    xml = re.sub(rb"<Relationships([^>]*)/>", rb"<Relationships\1></Relationships>", xml)
    return xml.replace(b"</Relationships>", entry + b"</Relationships>", 1), rid


def remove_relationship(xml: bytes, rid: str) -> bytes:
    return re.sub(rb'<Relationship\b[^>]*\bId="' + re.escape(rid.encode()) + rb'"[^>]*/>', b"", xml)


def _fresh_info(name: str, like: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, like.date_time if like is not None else (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    if like is not None:
        info.external_attr, info.create_system = like.external_attr, like.create_system
    return info


def _copy_stored(raw: BinaryIO, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Append ``info``'s member to ``out`` as stored (compressed bytes as they are, no recompression).

    zipfile has no public call for this; it is done the way ``ZipFile.writestr`` does it: a local
    header from the ZipInfo, the data, and the ZipInfo registered for the central directory."""
    raw.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if header[0] != b"PK\x03\x04":
        raise BookError(f"工作簿的压缩结构损坏（{info.filename}），原文件未改动")
    raw.seek(info.header_offset + _LOCAL_HEADER.size + header[9] + header[10])
    data = raw.read(info.compress_size)
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type, copy.CRC = info.compress_type, info.CRC
    copy.compress_size, copy.file_size = info.compress_size, info.file_size
    copy.external_attr, copy.create_system = info.external_attr, info.create_system
    copy.flag_bits = info.flag_bits & ~_DATA_DESCRIPTOR_FLAG
    copy.header_offset = out.fp.tell()
    out.fp.write(copy.FileHeader())
    out.fp.write(data)
    out.filelist.append(copy)
    out.NameToInfo[copy.filename] = copy
    out.start_dir = out.fp.tell()
