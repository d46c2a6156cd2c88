"""Every format reads its sample file (written from the format's public documentation) into the
same Transcript: right turns, roles, times and metadata; detected automatically and by name."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from csnlp.io import iter_records, list_formats, read_transcripts

# (sample, format name, id, turns, first speakers, roles_source, start of turn 1 or None)
CASES = [
    ("generic/one.json", "csnlp", "single-1", 2, ["agent", "customer"], "format", 3.0),
    ("aws/transcribe_speakers.json", "aws_transcribe", "call-0001", 8,
     ["agent", "customer", "agent"], "inferred", 5.04),
    ("aws/transcribe_channels.json", "aws_transcribe", "call-0002", 8,
     ["agent", "customer", "agent"], "inferred", 5.04),
    ("aws/call_analytics.json", "aws_call_analytics", "ca-job-7", 8,
     ["agent", "customer", "agent"], "format", 5.04),
    ("aws/contact_lens.json", "aws_call_analytics", "contact-9", 8,
     ["agent", "customer", "agent"], "format", 5.04),
    ("aws/connect_chat.json", "aws_connect_chat", "chat-0042", 6,
     ["customer", "system", "agent"], "format", 0.497),
    ("google/ccai_entries.json", "google_ccai", "ccai_entries", 6,
     ["agent", "customer", "agent"], "format", 7.5),
    ("google/ccai_conversation.json", "google_ccai", "conv-123", 8,
     ["agent", "customer", "agent"], "format", 5.04),
    ("whisper/whisperx.json", "whisperx", "whisperx", 9,
     ["agent", "customer", "agent"], "inferred", 5.04),
    ("helpdesk/zendesk_comments.json", "zendesk", "35436", 3,
     ["customer", "agent", "customer"], "format", 1715.0),
    ("helpdesk/intercom_conversation.json", "intercom", "147", 5,
     ["customer", "agent", "agent"], "format", 100.0),
    ("harper_valley/transcript/00aa11bb22cc33dd.json", "harper_valley", "00aa11bb22cc33dd", 11,
     ["agent", "agent", "customer"], "format", 3.9),
    ("text/call.txt", "text", "call", 7, ["agent", "customer", "agent"], "inferred", 5.0),
    ("text/call.vtt", "vtt", "call", 5, ["agent", "customer", "agent"], "inferred", 5.04),
    ("text/call_prefix.vtt", "vtt", "call_prefix", 3, ["agent", "customer", "agent"], "format",
     5.04),
    ("text/call.srt", "srt", "call", 4, ["agent", "customer", "agent"], "inferred", 5.04),
]


def _only(path: Path, fmt: str = "auto", **options):
    records = list(iter_records(path, fmt, **options))
    assert len(records) == 1, [r.error for r in records]
    assert records[0].error is None, records[0].error
    return records[0]


@pytest.mark.parametrize("sample,fmt,tid,n,speakers,roles,start1", CASES,
                         ids=[c[0] for c in CASES])
def test_sample_reads(samples, sample, fmt, tid, n, speakers, roles, start1):
    rec = _only(samples / sample)
    t = rec.transcript
    assert rec.source["format"] in (fmt, "aws_contact_lens")
    assert rec.source["transcript_id"] == t.id == tid
    assert len(t.turns) == n
    assert [x.speaker for x in t.turns[: len(speakers)]] == speakers
    assert t.metadata["roles_source"] == roles
    assert t.turns[1].start == pytest.approx(start1, abs=1e-3) if start1 is not None \
        else t.turns[1].start is None
    assert all(x.text == x.text.strip() and x.text for x in t.turns)


@pytest.mark.parametrize("sample,fmt", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_format_selectable_by_name(samples, sample, fmt):
    by_name = _only(samples / sample, fmt).transcript
    auto = _only(samples / sample).transcript
    assert by_name == auto


def test_list_formats_names_every_format():
    names = set(list_formats())
    assert {"auto", "json", "jsonl", "csv", "parquet", "text", "vtt", "srt", "aws_transcribe",
            "aws_call_analytics", "aws_connect_chat", "google_ccai", "whisper", "whisperx",
            "zendesk", "intercom", "harper_valley", "csnlp"} <= names


def test_aliases(samples):
    t = _only(samples / "aws/contact_lens.json", "contact_lens").transcript
    assert t.metadata["source_format"] == "aws_contact_lens"
    assert _only(samples / "text/call.vtt", "webvtt").transcript.id == "call"


# ---------------------------------------------------------------- generic tables


@pytest.mark.parametrize("sample", ["generic/turns.csv", "generic/turns.parquet"],
                         ids=["csv", "parquet"])
def test_turn_rows_grouped_by_conversation(samples, sample):
    records = list(iter_records(samples / sample))
    assert [r.source["transcript_id"] for r in records] == ["call-1", "call-2"]
    call1, call2 = (r.transcript for r in records)
    assert [t.speaker for t in call1.turns] == ["agent", "customer", "agent", "agent"]
    assert call1.turns[3].start == 40.1 and call1.turns[3].end == 43.47
    assert call1.metadata["agent_id"] == "a-9" and call1.metadata["team"] == "cards"
    # missing times stay missing: never 0
    assert call2.turns[0].start is None and call2.turns[0].end is None
    assert not call2.has_timestamps


def test_csv_source_names_lines(samples):
    first, second = iter_records(samples / "generic/turns.csv")
    assert first.source == {"file": str(samples / "generic/turns.csv"), "line": 2,
                            "last_line": 5, "format": "csv", "transcript_id": "call-1"}
    assert second.source["line"] == 6


def test_jsonl_turn_per_line(samples):
    t1, t2 = read_transcripts(samples / "generic/turns.jsonl")
    assert (t1.id, len(t1.turns), t1.metadata["agent_id"]) == ("t-1", 3, "a-3")
    assert t2.turns[0].start is None and t2.turns[1].start is None


def test_jsonl_transcript_per_line(samples):
    recs = list(iter_records(samples / "generic/transcripts.jsonl"))
    assert [r.source["line"] for r in recs] == [1, 2, 3]
    c1, c2, c3 = (r.transcript for r in recs)
    assert c1.metadata["team"] == "billing"
    assert [t.speaker for t in c2.turns] == ["agent", "customer"]  # Rep / Caller aliases
    assert [t.speaker for t in c3.turns] == ["customer", "agent"]  # spk_x inferred
    assert c3.metadata["role_map"] == {"spk_0": "customer", "spk_1": "agent"}


def test_json_list_and_top_level_fields(samples):
    assert [t.id for t in read_transcripts(samples / "generic/list.json")] == ["l-1", "l-2"]
    one = next(read_transcripts(samples / "generic/one.json"))
    assert one.metadata["agent_id"] == "a-5" and one.metadata["team"] == "retention"


# ---------------------------------------------------------------- format details


def test_transcribe_words_become_turns_with_punctuation(samples):
    t = _only(samples / "aws/transcribe_speakers.json").transcript
    assert t.turns[0].text == ("Thank you for calling Acme Bank, this is Dana. "
                               "How can I help you today?")
    assert t.turns[0].speaker_name == "spk_0"
    assert t.metadata["language_code"] == "en-US"
    assert t.metadata["role_map"] == {"spk_0": "agent", "spk_1": "customer"}


def test_transcribe_older_output_without_item_speakers(samples):
    import json

    obj = json.loads((samples / "aws/transcribe_speakers.json").read_text())
    for item in obj["results"]["items"]:
        item.pop("speaker_label", None)
    from csnlp.io.formats.aws import AWS_TRANSCRIBE
    from csnlp.io.formats.base import ReadContext

    t = AWS_TRANSCRIBE.parse(obj, ReadContext.create(None, {}), {"file": "x.json"})
    assert [x.speaker for x in t.turns[:3]] == ["agent", "customer", "agent"]


def test_channels_interleave_by_time(samples):
    t = _only(samples / "aws/transcribe_channels.json").transcript
    starts = [x.start for x in t.turns]
    assert starts == sorted(starts)
    assert t.turns[1].text == "Hi, I'd like to check my account balance."


def test_speaker_map_overrides_inference(samples):
    t = _only(samples / "aws/transcribe_channels.json",
              speaker_map={"ch_0": "customer", "ch_1": "agent"}).transcript
    assert t.turns[0].speaker == "customer"
    assert t.metadata["roles_source"] == "speaker_map"
    assert t.metadata["roles_uncertain"] is False


def test_connect_chat_skips_events_and_keeps_names(samples):
    t = _only(samples / "aws/connect_chat.json").transcript
    assert t.metadata["events_skipped"] == 4
    assert t.metadata["agent_name"] == "Sam" and t.metadata["customer_name"] == "Maria"
    assert t.metadata["started_at"] == "2024-03-05T14:02:15.503000Z"
    assert t.turns[0].start == 0.0 and t.turns[0].end is None


def test_contact_lens_roles_through_participants(samples):
    t = _only(samples / "aws/contact_lens.json").transcript
    assert t.turns[0].speaker == "agent"
    assert t.turns[0].end == pytest.approx(4.21)


def test_whisper_needs_a_speaker(samples):
    rec = next(iter_records(samples / "whisper/verbose.json"))
    assert rec.error is not None and "segments[0]" in rec.error and "speaker=" in rec.error
    t = _only(samples / "whisper/verbose.json", speaker="agent").transcript
    assert {x.speaker for x in t.turns} == {"agent"}
    assert t.turns[0].text.startswith("Thank you") and t.metadata["language"] == "english"


def test_whisperx_unlabelled_segment_is_flagged(samples):
    t = _only(samples / "whisper/whisperx.json").transcript
    assert t.metadata["segments_without_speaker"] == 1
    assert t.metadata["roles_uncertain"] is True
    assert t.metadata["role_map"]["SPEAKER_00"] == "agent"


def test_zendesk_html_to_text_and_private_notes_out(samples):
    t = _only(samples / "helpdesk/zendesk_comments.json").transcript
    assert t.metadata["internal_notes_dropped"] == 1
    assert "JIRA" not in " ".join(x.text for x in t.turns)
    assert t.turns[1].text.splitlines()[1] == ("I'm so sorry about the double charge! I've "
                                               "refunded it & you'll see it in 3–5 days.")
    assert t.metadata["agent_name"] == "Leo Park"
    with_notes = _only(samples / "helpdesk/zendesk_comments.json", include_internal=True)
    assert len(with_notes.transcript.turns) == 4


def test_intercom_notes_and_events_out(samples):
    t = _only(samples / "helpdesk/intercom_conversation.json").transcript
    texts = [x.text for x in t.turns]
    assert texts[0] == "Hi! I can't log in to my account since this morning."
    assert not any("locked after" in x for x in texts)  # the note
    assert texts[2] == "Thanks for waiting. I've unlocked it – please try again.\n" \
                       "Use Forgot password if needed."
    assert t.metadata["internal_notes_dropped"] == 1
    assert t.turns[1].start == 100.0


def test_google_conversation_resource_word_times(samples):
    t = _only(samples / "google/ccai_conversation.json").transcript
    assert t.turns[0].start == pytest.approx(0.52) and t.metadata["agent_id"] == "agent-77"


def test_vtt_cues_of_one_speaker_are_joined(samples):
    t = _only(samples / "text/call.vtt").transcript
    assert t.turns[0].text == ("Thank you for calling Acme Bank, this is Dana. "
                               "How can I help you today?")
    assert (t.turns[0].start, t.turns[0].end) == (0.52, 4.21)
    assert t.turns[3].text == "Thanks for waiting. Your balance is two hundred dollars."
    separate = _only(samples / "text/call.vtt", merge_gap=0.0).transcript
    assert len(separate.turns) == 5  # touching cues still join at gap 0


def test_vtt_prefix_continues_previous_speaker(samples):
    t = _only(samples / "text/call_prefix.vtt").transcript
    assert t.turns[1].text == "Hi, I'd like to check my balance. It's for my savings account."


def test_srt_prefixes(samples):
    t = _only(samples / "text/call.srt").transcript
    assert t.turns[0].speaker_name == "DANA"
    assert t.turns[0].text.endswith("How can I help you today?")


def test_text_lines_with_stamps_and_continuations(samples):
    t = _only(samples / "text/call.txt").transcript
    assert t.turns[3].text == "Thanks for waiting. Your balance is two hundred dollars."
    assert t.turns[3].start == 40.0 and t.turns[3].end is None


# ---------------------------------------------------------------- paths


def test_folder_is_walked_recursively_and_sorted(samples):
    recs = list(iter_records(samples / "generic/folder"))
    assert [r.source["transcript_id"] for r in recs] == ["fa", "fb", "call-1", "call-2"]
    assert all(r.ok for r in recs)  # README.md is not a known extension


def test_glob_and_lists_of_paths(samples):
    pattern = str(samples / "generic" / "*.json")
    ids = [t.id for t in read_transcripts(pattern)]
    assert ids == ["l-1", "l-2", "single-1"]
    both = list(read_transcripts([samples / "generic/one.json", samples / "text/call.srt"]))
    assert [t.id for t in both] == ["single-1", "call"]


def test_harper_valley_sample_folder(samples):
    recs = list(iter_records(samples / "harper_valley"))
    assert len(recs) == 1 and recs[0].ok  # metadata/ is read with its transcript, not alone
    t = recs[0].transcript
    assert t.metadata["agent_name"] == "James" and t.metadata["customer_name"] == "Anna Lee"
    assert t.metadata["caller_rating_of_agent"] is None
    assert t.metadata["agent_rating_of_caller"] == 9
    assert t.metadata["task_type"] == "reset password"
    assert t.turns[0].text == "hello this is harper valley national bank"
    human = _only(samples / "harper_valley", text_field="human_transcript").transcript
    assert human.metadata["text_field"] == "human_transcript"
    assert human.metadata["blank_turns_dropped"] == 1  # a segment of noise only
    assert human.turns[0].text == "hello this is harper valley national bank"  # [noise] out


def test_gzip_jsonl(tmp_path, samples):
    import gzip

    path = tmp_path / "calls.jsonl.gz"
    path.write_bytes(gzip.compress((samples / "generic/transcripts.jsonl").read_bytes()))
    assert [t.id for t in read_transcripts(path)] == ["c-001", "c-002", "c-003"]


def test_deferred_reading_resolves_to_the_same_records(samples):
    """Batch runs read with defer=True and parse in the workers: same Records, same order."""
    from csnlp.io.formats.generic import PendingRecord

    paths = sorted(p for p in samples.rglob("*") if p.is_file() and p.suffix != ".md")
    direct = list(iter_records(paths))
    deferred = list(iter_records(paths, defer=True))
    pending = [r for r in deferred if isinstance(r, PendingRecord)]
    resolved = [r.resolve() if isinstance(r, PendingRecord) else r for r in deferred]
    assert resolved == direct
    assert len(pending) >= 20  # the JSON and JSONL values were left to parse
    # What a worker process receives resolves to the same Records; JSONL lines travel as bytes.
    travelled = pickle.loads(pickle.dumps(deferred))
    assert [r.resolve() if isinstance(r, PendingRecord) else r for r in travelled] == direct
    lines = [r for r in pending if r.source["file"].endswith(".jsonl")]
    assert lines and all(r.raw is not None for r in lines)
    assert sum(not r.ok for r in direct) >= 5  # broken samples resolve to the same errors
