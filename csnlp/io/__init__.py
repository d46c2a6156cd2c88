"""Reading transcripts from files in many formats into `csnlp.Transcript` (streaming)."""

from csnlp.io.read import Record, iter_records, list_formats, read_transcripts

__all__ = ["Record", "iter_records", "list_formats", "read_transcripts"]
