"""Just enough PDF reading to check what WeasyPrint wrote (no PDF library is
installed; pdftotext neither): inflate every stream, map the glyph codes of
each font back to text through its ToUnicode CMap, and collect the document
title and outline (bookmarks). For tests only."""

import re
import zlib

OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _inflate(raw):
    try:
        return zlib.decompress(raw)
    except zlib.error:
        return raw


def _objects(data):
    """Object number -> bytes, including objects packed in object streams."""
    objects = {}
    for number, body in OBJ.findall(data):
        objects[int(number)] = body
    for body in list(objects.values()):
        if b"/ObjStm" not in body:
            continue
        first = int(re.search(rb"/First (\d+)", body).group(1))
        stream = _inflate(STREAM.search(body).group(1))
        header = stream[:first].split()
        pairs = [(int(header[i]), int(header[i + 1])) for i in range(0, len(header), 2)]
        for index, (obj_number, offset) in enumerate(pairs):
            end = pairs[index + 1][1] if index + 1 < len(pairs) else len(stream) - first
            objects[obj_number] = stream[first + offset : first + end]
    return objects


def _cmap(body):
    stream = _inflate(STREAM.search(body).group(1)) if b"stream" in body else body
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = int.from_bytes(bytes.fromhex(dst.decode()), "big")
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + i)
    return mapping


def _string(raw):
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode())
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    text = raw[1:-1].replace(rb"\(", b"(").replace(rb"\)", b")").replace(rb"\\", b"\\")
    return text.decode("utf-16-be") if text.startswith(b"\xfe\xff") else text.decode("latin-1")


def pdf_text(data: bytes) -> str:
    """All text drawn on the pages (one line per text-show operator)."""
    objects = _objects(data)
    fonts = {}  # subset tag (= resource name) -> cmap
    for body in objects.values():
        match = re.search(rb"/BaseFont\s*/([A-Z]{6})\+.*?/ToUnicode (\d+) 0 R", body, re.S)
        if match:
            fonts[match.group(1).decode()] = _cmap(objects[int(match.group(2))])
    lines = []
    for body in objects.values():
        if b"stream" not in body or b"TJ" not in _inflate(STREAM.search(body).group(1)):
            continue
        content = _inflate(STREAM.search(body).group(1)).decode("latin-1")
        font = None
        for token in re.finditer(r"/(\w+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ", content, re.S):
            if token.group(1):
                font = fonts.get(token.group(1), {})
            elif font is not None:
                codes = re.findall(r"<([0-9a-fA-F]+)>", token.group(2))
                lines.append("".join(font.get(int(c, 16), "?") for c in codes))
    return "\n".join(lines)


def pdf_title(data: bytes) -> str:
    for body in _objects(data).values():
        match = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]+>)", body)
        if match and b"/Type /Catalog" not in body and b"/Parent" not in body:
            return _string(match.group(1))
    return ""
