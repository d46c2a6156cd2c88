"""Help-desk tickets: Zendesk ticket comments and Intercom conversation parts.

Bodies are HTML, turned into text; internal notes (Zendesk `public: false`, Intercom
`part_type: "note"`) are left out unless `include_internal=True`, because the customer never
saw them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csnlp.errors import TranscriptError, describe
from csnlp.io.formats.base import (
    ObjectFormat,
    RawTurn,
    ReadContext,
    build_transcript,
    epoch_seconds,
    html_to_text,
    rebase,
    require,
    where,
)
from csnlp.transcript import AGENT, CUSTOMER, SYSTEM, Transcript

# ---------------------------------------------------------------- Zendesk

ZENDESK_ROLES = {"end-user": CUSTOMER, "agent": AGENT, "admin": AGENT}


def _match_zendesk(obj: Any) -> bool:
    if not isinstance(obj, Mapping) or not isinstance(obj.get("comments"), list):
        return False
    first = obj["comments"][0] if obj["comments"] else {}
    return isinstance(first, Mapping) and "author_id" in first


def _body(c: Mapping[str, Any], here: str, place: str) -> str:
    if isinstance(c.get("html_body"), str):
        return html_to_text(c["html_body"])
    for key in ("plain_body", "body"):
        if isinstance(c.get(key), str):
            return c[key].strip()
    raise TranscriptError(f"{here}: {place}.body: missing (no html_body, plain_body or body)")


def parse_zendesk(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """A ticket's comments (GET /api/v2/tickets/{id}/comments, optionally with
    `include=users` so authors have roles, and an optional `ticket` object)."""
    here = where(source)
    users = {u.get("id"): u for u in obj.get("users") or [] if isinstance(u, Mapping)}
    ticket = obj.get("ticket") if isinstance(obj.get("ticket"), Mapping) else {}
    requester = ticket.get("requester_id")
    turns, absolute, internal = [], [], 0
    for i, c in enumerate(require(obj, "comments", here, list)):
        place = f"comments[{i}]"
        if not isinstance(c, Mapping):
            raise TranscriptError(f"{here}: {place}: expected an object, got {describe(c)}")
        if c.get("public") is False and not ctx["include_internal"]:
            internal += 1
            continue
        author = c.get("author_id")
        user = users.get(author, {})
        role = ZENDESK_ROLES.get(str(user.get("role"))) if user else None
        if role is None and requester is not None and author is not None:
            role = CUSTOMER if author == requester else None
        turns.append(RawTurn(label=str(author), text=_body(c, here, place), role=role,
                             name=user.get("name") if isinstance(user.get("name"), str) else None,
                             place=place))
        absolute.append(epoch_seconds(c.get("created_at"), field_name=f"{place}.created_at",
                                      here=here))
    meta: dict[str, Any] = {"channel": "ticket"}
    rebase(turns, absolute, meta)
    if internal:
        meta["internal_notes_dropped"] = internal
    for key in ("subject", "status", "priority", "group_id", "assignee_id"):
        if ticket.get(key) is not None:
            meta[key] = ticket[key]
    names = [u.get("name") for u in users.values()
             if u.get("role") == "end-user" and isinstance(u.get("name"), str)]
    if len(names) == 1:
        meta["customer_name"] = names[0]
    tid = ticket.get("id") or obj.get("ticket_id") or source.get("default_id")
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source,
                            fmt="zendesk")


ZENDESK = ObjectFormat(
    name="zendesk",
    description="Zendesk ticket comments API response (comments[], optional users[] and "
                "ticket); HTML to text, private notes out",
    match=_match_zendesk, parse=parse_zendesk)


# ---------------------------------------------------------------- Intercom

INTERCOM_ROLES = {"user": CUSTOMER, "lead": CUSTOMER, "contact": CUSTOMER, "admin": AGENT,
                  "team": AGENT, "bot": SYSTEM}
#: part types that are internal to the support team
INTERNAL_PARTS = {"note", "note_and_reopen"}


def _match_intercom(obj: Any) -> bool:
    return (isinstance(obj, Mapping) and obj.get("type") == "conversation"
            or isinstance(obj, Mapping) and isinstance(obj.get("conversation_parts"), Mapping))


def _author_turn(body: Any, author: Any, here: str, place: str) -> RawTurn | None:
    if body is None or (isinstance(body, str) and not body.strip()):
        return None  # assignment, close, snooze and other events carry no message
    if not isinstance(body, str):
        raise TranscriptError(f"{here}: {place}.body: expected HTML text, got {describe(body)}")
    if not isinstance(author, Mapping):
        raise TranscriptError(f"{here}: {place}.author: missing")
    kind = str(author.get("type"))
    name = author.get("name") if isinstance(author.get("name"), str) and author.get("name") \
        else None
    return RawTurn(label=f"{kind} {author.get('id')}", text=html_to_text(body),
                   role=INTERCOM_ROLES.get(kind), name=name, place=place)


def parse_intercom(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """An Intercom conversation (GET /conversations/{id}): the opening `source` message and
    its `conversation_parts`."""
    here = where(source)
    turns, absolute, internal = [], [], 0
    src = obj.get("source")
    if isinstance(src, Mapping):
        t = _author_turn(src.get("body"), src.get("author"), here, "source")
        if t is not None:
            turns.append(t)
            absolute.append(epoch_seconds(obj.get("created_at"), field_name="created_at",
                                          here=here))
    parts_obj = obj.get("conversation_parts")
    parts = parts_obj.get("conversation_parts") if isinstance(parts_obj, Mapping) else None
    if parts is None:
        parts = []
    if not isinstance(parts, list):
        raise TranscriptError(f"{here}: conversation_parts.conversation_parts: expected a "
                              f"list, got {describe(parts)}")
    for i, p in enumerate(parts):
        place = f"conversation_parts.conversation_parts[{i}]"
        if not isinstance(p, Mapping):
            raise TranscriptError(f"{here}: {place}: expected an object, got {describe(p)}")
        if p.get("part_type") in INTERNAL_PARTS and not ctx["include_internal"]:
            internal += 1
            continue
        t = _author_turn(p.get("body"), p.get("author"), here, place)
        if t is None:
            continue
        turns.append(t)
        absolute.append(epoch_seconds(p.get("created_at"), field_name=f"{place}.created_at",
                                      here=here))
    meta: dict[str, Any] = {"channel": "chat"}
    rebase(turns, absolute, meta)
    if internal:
        meta["internal_notes_dropped"] = internal
    if isinstance(src, Mapping) and isinstance(src.get("subject"), str) and src["subject"]:
        meta["subject"] = html_to_text(src["subject"])
    customers = {t.name for t in turns if t.role == CUSTOMER and t.name}
    if len(customers) == 1:
        meta["customer_name"] = customers.pop()
    tid = obj.get("id") or source.get("default_id")
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source,
                            fmt="intercom")


INTERCOM = ObjectFormat(
    name="intercom",
    description="Intercom conversation (source message + conversation_parts); HTML to text, "
                "notes out",
    match=_match_intercom, parse=parse_intercom)
