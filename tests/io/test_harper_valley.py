"""The real Harper Valley sample in ../shared/data (skipped when absent)."""

from __future__ import annotations

from csnlp.io import iter_records, read_transcripts


def test_reads_every_call_with_names_and_ratings(hv_dir):
    recs = list(iter_records(hv_dir))
    assert len(recs) == 100 and all(r.ok for r in recs)
    assert all(r.source["format"] == "harper_valley" for r in recs)
    t = next(r.transcript for r in recs if r.transcript.id == "0002f70f7386445b")
    assert t.metadata["agent_name"] == "Elizabeth"
    assert t.metadata["customer_name"] == "Patricia Brown"
    assert t.metadata["caller_rating_of_agent"] == 10
    assert t.metadata["task_type"] == "replace card"
    assert t.turns[0].speaker == "agent" and t.turns[0].start == 1.669


def test_swapped_channels_follow_speaker_role(hv_dir):
    """Two calls have channel 1 = agent; roles come from speaker_role, not the channel."""
    for sid in ("0bf0d8398c574373", "0cae8d624dc04b47"):
        (t,) = read_transcripts(hv_dir / "transcript" / f"{sid}.json")
        assert t.turns[0].speaker == "agent"
        assert t.turns[0].speaker_name == "channel 1"


def test_human_and_asr_share_segment_times(hv_dir):
    asr = {t.id: t for t in read_transcripts(hv_dir, text_field="transcript")}
    human = {t.id: t for t in read_transcripts(hv_dir, text_field="human_transcript")}
    assert asr.keys() == human.keys()
    for tid, h in human.items():
        starts = {x.start for x in asr[tid].turns}
        # every human turn is a segment the ASR text also has (blank ones are dropped)
        assert sum(x.start in starts for x in h.turns) >= len(h.turns) - 2
    assert all("[noise]" not in x.text for t in human.values() for x in t.turns)
