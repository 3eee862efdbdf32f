"""Files that are not a readable directive: one message naming the file and the fix, exit 2,
nothing on standard output, no traceback. Each file is made here, byte by byte."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile

import pytest


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _scan() -> bytes:
    """A page whose only content is a grey image: what a scanner gives, no text layer."""
    image = bytes((x * 37 + y * 11) % 256 for y in range(32) for x in range(32))
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >>"
                 b" /Contents 5 0 R >>",
                 _stream(image, b"/Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray "
                                b"/BitsPerComponent 8 "),
                 _stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q")])


def _rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 255
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) & 255
        j = (j + s[i]) & 255
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 255])
    return bytes(out)


def _protected() -> bytes:
    """Text under the PDF standard security handler (RC4, revision 2) with a user password."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    padded = lambda pw: (pw + pad)[:32]     # noqa: E731
    owner = _rc4(hashlib.md5(padded(b"owner")).digest()[:5], padded(b"user"))
    perms = struct.pack("<i", -44)
    fid = hashlib.md5(b"obligations").digest()
    key = hashlib.md5(padded(b"user") + owner + perms + fid).digest()[:5]
    text = b"BT /F1 12 Tf 72 720 Td (Bao cao truoc ngay 20/11/2026.) Tj ET"
    objkey = hashlib.md5(key + (5).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
                 b" /Contents 5 0 R >>",
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", _stream(_rc4(objkey, text)),
                 b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (owner.hex().encode(),
                                                                              _rc4(key, pad).hex().encode())],
                b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (fid.hex().encode(), fid.hex().encode()))


def _docx_zip(document_xml: bytes | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if document_xml is not None:
            z.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


CASES = {
    "random bytes named .pdf": ("rac.pdf", os.urandom(2048).replace(b"%PDF", b"%PDX"), "not a PDF"),
    "a damaged PDF": ("hong.pdf", b"%PDF-1.7\n" + os.urandom(1024), "the PDF is damaged"),
    "a scan, no text layer": ("scan.pdf", _scan(), "no text layer"),
    "a password-protected PDF": ("mat-khau.pdf", _protected(), "password"),
    "a Word 97 .doc": ("cu.doc", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504), "Word 97-2003"),
    "a truncated .docx": ("cat.docx", _docx_zip(b"<w:document/>")[:60], "cannot be read"),
    "a zip that is not a .docx": ("khac.docx", _docx_zip(None), "not a Word document"),
    "a .docx whose XML is broken": ("xml.docx", _docx_zip(b"<w:document><w:body"), "cannot be read"),
}


@pytest.mark.parametrize("name,content,message", list(CASES.values()), ids=list(CASES))
def test_a_bad_file_gets_one_message_and_exit_2(run_cli, tmp_path, name, content, message):
    pytest.importorskip("pdfminer")
    pytest.importorskip("docx")
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run_cli("extract", str(path), "--format", "json", "--lang", "en")
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and out == "" and "Traceback" not in err, (code, out[:200], err[:500])
    assert len(lines) == 1 and message in err and name in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]        # nothing written beside it
