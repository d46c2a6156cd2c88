"""Text files in any Unicode encoding read the same; bytes that do not decode cost only their
line (or its conversation), named in an error record (issue 16, item 5)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from csnlp.errors import InputError
from csnlp.io import iter_records
from csnlp.io.formats.base import detect_encoding

TURNS = [{"speaker": "agent", "text": "Hello, thanks for calling, this is Zoë."},
         {"speaker": "customer", "text": "Hi, my card is blocked — again."}]
CALLS = {
    "calls.jsonl": "".join(json.dumps({"id": f"c{i}", "turns": TURNS}, ensure_ascii=False)
                           + "\n" for i in (1, 2)),
    "calls.json": json.dumps([{"id": f"c{i}", "turns": TURNS} for i in (1, 2)],
                             ensure_ascii=False, indent=1),
    "turns.csv": "conversation_id,speaker,text\n" + "".join(
        f'c{i},{t["speaker"]},"{t["text"]}"\n' for i in (1, 2) for t in TURNS),
    "call.txt": "".join(f'{t["speaker"].title()}: {t["text"]}\n' for t in TURNS),
    "call.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>Hello, Zoë.\n",
}
ENCODINGS = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-bom": lambda text: text.encode("utf-16"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "utf-32-bom": lambda text: text.encode("utf-32"),
    "utf-32-le": lambda text: text.encode("utf-32-le"),
}


def _read(path: Path, **options) -> list[tuple[str, str | None, list | None]]:
    return [(r.source["transcript_id"], r.error,
             [(t.speaker, t.text) for t in r.transcript.turns] if r.transcript else None)
            for r in iter_records(path, **options)]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=list(ENCODINGS))
@pytest.mark.parametrize("name", CALLS, ids=list(CALLS))
def test_a_file_reads_the_same_in_any_unicode_encoding(tmp_path, name, encoding):
    plain = tmp_path / "plain" / name
    plain.parent.mkdir()
    plain.write_text(CALLS[name], encoding="utf-8")
    other = tmp_path / encoding / name
    other.parent.mkdir()
    other.write_bytes(ENCODINGS[encoding](CALLS[name]))
    expected = _read(plain)
    assert all(error is None for _, error, _ in expected)
    # was: a BOM cost the first record, UTF-16 and UTF-32 files were all errors
    assert _read(other) == expected


def test_detect_encoding_leaves_an_encoding_the_caller_named():
    assert detect_encoding(b"\xff\xfeA\x00", "cp1252") == "cp1252"
    assert detect_encoding("Agent: hi\n".encode("utf-16-be")) == "utf-16-be"
    assert detect_encoding(b"Agent: hi\x00") == "utf-8-sig"  # one NUL is not UTF-16


def test_a_named_encoding_is_used(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes("Agent: Grüß Gott, thanks for calling\nCustomer: Hi".encode("cp1252"))
    assert _read(path, encoding="cp1252")[0][2][0][1] == "Grüß Gott, thanks for calling"
    with pytest.raises(InputError, match="encoding: unknown codec 'klingon'"):
        list(iter_records(path, encoding="klingon"))


def _line(i: int) -> bytes:
    return json.dumps({"id": f"c{i}", "turns": TURNS}).encode() + b"\n"


def test_undecodable_bytes_in_a_jsonl_file_cost_only_their_line(tmp_path):
    path = tmp_path / "calls.jsonl"
    path.write_bytes(_line(1) + b'{"id": "c2", "turns": "\xff\xfe"}\n' + _line(3))
    got = _read(path)
    assert [(tid, error is None) for tid, error, _ in got] == \
        [("c1", True), ("calls.jsonl:2", False), ("c3", True)]
    assert got[1][1].endswith(f"{path}: line 2: bytes that are not valid UTF-8 text; pass "
                              "encoding=... if the file is in another encoding")


def test_undecodable_bytes_in_a_utf16_file_cost_only_their_line(tmp_path):
    path = tmp_path / "calls.jsonl"
    lone = "\ud800".encode("utf-16-le", "surrogatepass")  # a UTF-16 code unit with no pair
    path.write_bytes(codecs.BOM_UTF16_LE + b"".join(
        _line(i).decode().encode("utf-16-le") for i in (1, 2))[:-2] + lone + b"\n\x00"
        + _line(3).decode().encode("utf-16-le"))
    got = _read(path)
    assert [tid for tid, _, _ in got] == ["c1", "calls.jsonl:2", "c3"]
    assert "line 2: bytes that are not valid UTF-16 text" in got[1][1]


def test_undecodable_bytes_in_a_csv_file_cost_only_their_conversation(tmp_path):
    path = tmp_path / "turns.csv"
    path.write_bytes(b"conversation_id,speaker,text\nc1,agent,Hello\nc1,customer,Hi\n"
                     b"c2,agent,Hello\nc2,customer,Caf\xe9 latte\nc3,agent,Hello\n")
    got = _read(path)
    assert [(tid, error is None) for tid, error, _ in got] == \
        [("c1", True), ("c2", False), ("c3", True)]  # was: every row from line 5 on lost
    assert "line 5: bytes that are not valid UTF-8 text" in got[1][1]
    assert "'c2' is left out" in got[1][1]


def test_undecodable_bytes_in_a_json_array_cost_only_their_record(tmp_path):
    path = tmp_path / "calls.json"
    path.write_bytes(b"[\n" + _line(1)[:-1] + b",\n" + _line(2)[:-1].replace(b"Hello", b"H\xffi")
                     + b",\n" + _line(3)[:-1] + b"\n]\n")
    got = _read(path)
    assert [(tid, error is None) for tid, error, _ in got] == \
        [("c1", True), ("calls.json:3", False), ("c3", True)]
    assert "line 3: bytes that are not valid UTF-8 text" in got[1][1]


@pytest.mark.parametrize("name", ["call.txt", "call.json"], ids=["text", "json"])
def test_undecodable_bytes_in_a_one_conversation_file_name_the_line(tmp_path, name):
    path = tmp_path / name
    body = CALLS["call.txt"] if name == "call.txt" else json.dumps({"id": "x", "turns": TURNS},
                                                                    indent=1)
    data = body.encode().replace(b"thanks", b"th\x80nks")
    path.write_bytes(data)
    [(_, error, _)] = _read(path)
    line = data[:data.index(b"\x80")].count(b"\n") + 1
    assert f"{path}: line {line}: bytes that are not valid UTF-8 text" in error
