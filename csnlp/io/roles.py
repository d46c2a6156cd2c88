"""Deciding who is the agent when a format only gives speaker labels (spk_0, SPEAKER_00, a voice
name, a channel): by the user's speaker_map, by the format's own roles, or by inference.

Inference reads what each speaker says: the one who greets on behalf of a company, introduces
themselves as the representative or asks "how can I help" is the agent. Pure regex, no models,
so the io layer stays at the bottom of the package. A weak decision is flagged
(`uncertain=True`) rather than passed off as sure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from csnlp.errors import TranscriptError, describe
from csnlp.transcript import AGENT, CUSTOMER, SPEAKER_ALIASES, SYSTEM

#: Score difference between the two most agent-like speakers needed for a sure decision.
MARGIN = 3.0
#: Only the first turns of each speaker are read: greetings and openings carry the signal,
#: and a bounded read keeps inference cheap on long calls.
TURNS_READ = 12


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# (weight, pattern, what it shows). Texts are matched lowercased with punctuation removed, so
# the patterns work on ASR output ("how can i help you today") as on written chat.
AGENT_CUES: tuple[tuple[float, re.Pattern[str], str], ...] = (
    (4, _rx(r"\bhow (can|may|could|might|shall) i (help|assist|be of (help|assistance))"),
     "asks how they can help"),
    (4, _rx(r"\bwhat can i (do for you|help you with|assist you with)"), "asks how they can help"),
    (3, _rx(r"\bhow can (we|i) (help|assist)"), "asks how they can help"),
    (4, _rx(r"\b(thank you|thanks|thank u) for (calling|contacting|choosing|reaching out to)"),
     "thanks the customer for calling"),
    (3, _rx(r"\b(welcome to|you('ve| have) reached|you are (speaking|talking) (to|with))\b"),
     "greets on behalf of a company"),
    (3, _rx(r"^\W*(?:(?:hi|hello|good (?:morning|afternoon|evening)|hey)\W+(?:and )?"
            r"(?:thank you for calling |this is |you('ve| have) reached )?"
            r"|(?:thank you for calling |this is |you('ve| have) reached ))"
            r"[a-z ]{0,40}\b(bank|support|service|services|insurance|airlines?|telecom|company|"
            r"store|shop|clinic|center|centre|desk|team|department|inc|ltd|corp|corporation|"
            r"group|helpline|hotline)\b"),
     "greets on behalf of a company"),
    (3, _rx(r"\bthis is [a-z]+( [a-z]+)? (from|with|at) [a-z]"),
     "introduces themselves for a company"),
    (3, _rx(r"\b(i('ll| will) be (assisting|helping) you|i('m| am) here to help)"),
     "introduces themselves as the representative"),
    (2, _rx(r"\bmy name is [a-z]+( [a-z]+)? (and )?(how (can|may)|i('ll| will) be|"
            r"what can|i('m| am) (here|happy|glad))\b"),
     "introduces themselves as the representative"),
    (1, _rx(r"\b[a-z]+ speaking\b"), "answers with their name"),
    (3, _rx(r"\b(is there )?anything else (i|we) can (help|do|assist)"), "offers further help"),
    (2, _rx(r"\b(can|could|may) i (have|get|please have|please get) (your|the) "
            r"(name|full name|account|phone|card|date of birth|address|email|number|"
            r"last four|zip|postcode|ticket|order|booking|reference)"),
     "asks for the customer's details"),
    (2, _rx(r"\b(for (security|verification) (purposes|reasons)|verify your (identity|account|"
            r"information|details))"), "verifies the customer"),
    (2, _rx(r"\b(i can|i('d| would) be (happy|glad) to|let me) help you with"),
     "offers to help"),
    (1, _rx(r"\b(let me|i('ll| will)) (check|look|pull up|see|verify|transfer|put you)"),
     "checks for the customer"),
    (1, _rx(r"\b(thank you|thanks) for (your patience|holding|waiting)"),
     "thanks the customer for waiting"),
    (1, _rx(r"\b(bear with me|please hold|one moment please)"), "puts the customer on hold"),
    (1, _rx(r"\bsorry (for|about) the (wait|inconvenience|trouble)|i apologi[sz]e for"),
     "apologises for the service"),
    (1, _rx(r"\b(your (account|card|balance|order|appointment|password|payment|ticket)) "
            r"(has been|is now|will be|was)"), "reports an action on the customer's account"),
)

CUSTOMER_CUES: tuple[tuple[float, re.Pattern[str], str], ...] = (
    (3, _rx(r"\bi('m| am) (calling|writing|contacting you|reaching out) (about|because|to|"
            r"regarding|for|in regards)"), "says why they are calling"),
    (2, _rx(r"\b(can|could) you (please )?help me\b|\bi need (some )?help\b"), "asks for help"),
    (2, _rx(r"\bi (have|got|had) (a|an|some) (problem|question|issue|trouble)"),
     "describes a problem"),
    (1, _rx(r"\bi('d| would) like to\b|\bi (want|need|wanted|needed) to\b"), "states a request"),
    (1, _rx(r"\bmy (account|card|bill|order|password|balance|package|internet|phone|payment|"
            r"debit|credit|checking|savings|subscription|booking|flight|refund|delivery)"),
     "talks about their own account"),
    (1, _rx(r"\bi (lost|forgot|can('t| ?not)|could( not|n't)|never received|was charged)"),
     "describes a problem"),
    (2, _rx(r"\b(thank you|thanks)( (so|very) much)? for (your|the|all your) (help|assistance)"),
     "thanks the agent for the help"),
    (1, _rx(r"\b(that('s| is|'ll be| will be) (all|it|everything)( for (now|today))?|"
            r"no that('s| is) (it|all))\b"), "says they need nothing else"),
)

_PUNCT = re.compile(r"[^\w\s']+")


def _clean(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


@dataclass
class RoleInference:
    """Roles inferred for speaker labels, with the scores and cues behind them."""

    role_map: dict[str, str]
    uncertain: bool
    reason: str
    scores: dict[str, float] = field(default_factory=dict)


def cue_score(texts: Sequence[str]) -> tuple[float, list[str]]:
    """Agent-likeness of one speaker's turns (agent cues minus customer cues) and the cues seen."""
    score, seen = 0.0, []
    for i, text in enumerate(texts[:TURNS_READ]):
        clean = _clean(text)
        weight = 1.5 if i < 3 else 1.0  # openings say most about who is who
        for w, rx, what in AGENT_CUES:
            if rx.search(clean):
                score += w * weight
                seen.append(f"+{what}")
        for w, rx, what in CUSTOMER_CUES:
            if rx.search(clean):
                score -= w * weight
                seen.append(f"-{what}")
    return score, seen


def infer_roles(turns: Sequence[tuple[str, str]], *, fixed: Mapping[str, str] | None = None
                ) -> RoleInference:
    """Map each speaker label to agent or customer from what it says.

    `turns` are (label, text) in conversation order; `fixed` holds labels whose role is known.

    >>> infer_roles([("spk_0", "Thanks for calling Acme, how can I help?"),
    ...              ("spk_1", "Hi, my card was declined.")]).role_map
    {'spk_0': 'agent', 'spk_1': 'customer'}
    """
    fixed = dict(fixed or {})
    by_label: dict[str, list[str]] = {}
    for label, text in turns:
        by_label.setdefault(label, []).append(text)
    free = [lab for lab in by_label if lab not in fixed]
    if not free:
        return RoleInference({}, False, "")
    scores, cues = {}, {}
    for lab in free:
        scores[lab], cues[lab] = cue_score(by_label[lab])
    ranked = sorted(free, key=lambda lab: (-scores[lab], list(by_label).index(lab)))
    fixed_roles = {r for r in fixed.values() if r != SYSTEM}
    role_map: dict[str, str] = {}
    uncertain = False
    notes: list[str] = []

    def why(lab: str) -> str:
        top = sorted(set(c[1:] for c in cues[lab] if c[0] == "+"))
        return f"{lab} {', '.join(top[:2])}" if top else f"{lab} showed no agent cue"

    if fixed_roles == {AGENT} and len(free) == 1:
        role_map[free[0]] = CUSTOMER
        notes.append(f"{free[0]} is the other party of the known agent")
        uncertain = scores[free[0]] >= MARGIN
    elif fixed_roles == {CUSTOMER} and len(free) == 1:
        role_map[free[0]] = AGENT
        notes.append(f"{free[0]} is the other party of the known customer")
        uncertain = scores[free[0]] <= -MARGIN
    elif len(ranked) == 1:
        lab = ranked[0]
        role_map[lab] = AGENT if scores[lab] > 0 else CUSTOMER
        uncertain = True
        notes.append(f"only one speaker; {why(lab)}")
    else:
        top, second = ranked[0], ranked[1]
        lead = scores[top] - scores[second]
        role_map[top] = AGENT
        if lead <= 0:
            # No cue separates them: ranking fell back on who spoke first (inbound calls open
            # with the agent), which is a guess, so say so.
            uncertain = True
            notes.append(f"no cue tells the speakers apart; {top}, who spoke first, "
                         "is taken as agent")
        else:
            if lead < MARGIN or scores[top] <= 0:
                uncertain = True
            notes.append(why(top))
            if scores[second] >= MARGIN:
                uncertain = True
                notes.append(f"{second} also sounds like an agent")
        for lab in ranked:
            if lab == top:
                continue
            # A second agent-like speaker (a transfer, or diarization splitting the agent) must
            # stand out on its own; otherwise it is the customer.
            if len(ranked) > 2 and scores[lab] >= MARGIN and scores[lab] >= scores[top] - 1:
                role_map[lab] = AGENT
            else:
                role_map[lab] = CUSTOMER
        if len(ranked) > 2:
            uncertain = True
            notes.append(f"{len(ranked)} speakers for two roles")
    return RoleInference(role_map, uncertain, "; ".join(notes),
                         {lab: round(s, 2) for lab, s in scores.items()})


@dataclass
class RoleDecision:
    """The role of every turn and how it was decided, for `Transcript.metadata`."""

    roles: list[str]
    source: str                  # "format", "speaker_map" or "inferred"
    uncertain: bool
    role_map: dict[str, str]     # label -> role for labels that were mapped or inferred
    reason: str


@functools.lru_cache(maxsize=4096)
def alias_role(label: str) -> str | None:
    """The role a label names (Agent, rep, caller, bot, ...), or None for any other label."""
    key = " ".join(label.strip().lower().replace("_", " ").split())
    return SPEAKER_ALIASES.get(key) or SPEAKER_ALIASES.get(key.replace(" ", "_"))


def _lookup(speaker_map: Mapping[str, str], label: str | None, name: str | None) -> str | None:
    for key in (label, name):
        if key is None:
            continue
        if key in speaker_map:
            return speaker_map[key]
        low = key.lower()
        for k, v in speaker_map.items():
            if k.lower() == low:
                return v
    return None


def assign_roles(turns: Sequence[tuple[str | None, str, str | None]], *,
                 speaker_map: Mapping[str, str] | None = None, mode: str = "auto",
                 where: str = "transcript") -> RoleDecision:
    """Roles for (label, text, role-stated-by-format) turns.

    Order: the user's speaker_map, then the format's roles (mode "auto"/"format"), then labels
    that are role names (Agent, Caller, ...), then inference from the text (mode "auto"/"infer").
    Roles in a speaker_map are already normalised (agent/customer/system).
    """
    roles: list[str | None] = []
    used: set[str] = set()
    role_map: dict[str, str] = {}
    for label, _, stated in turns:
        role = _lookup(speaker_map, label, None) if speaker_map else None
        if role is not None:
            used.add("speaker_map")
            if label is not None:
                role_map[label] = role
        elif stated is not None and (mode != "infer" or label is None):
            # inference groups turns by label: an unlabeled turn keeps the role it was given
            role = stated
            used.add("format")
        elif mode != "infer" and label is not None and alias_role(label) is not None:
            role = alias_role(label)
            used.add("format")
        roles.append(role)
    for i, ((label, _, _), role) in enumerate(zip(turns, roles, strict=True)):
        if role is None and label is None:
            raise TranscriptError(f"{where}: turn {i}: no speaker label and no role; pass "
                                  "speaker='agent' or 'customer' for a one-speaker recording")
    open_labels = [(lab, text) for (lab, text, _), r in zip(turns, roles, strict=True)
                   if r is None and lab is not None]
    uncertain, reason = False, ""
    if open_labels:
        if mode == "format":
            lab = open_labels[0][0]
            raise TranscriptError(
                f"{where}: speaker {describe(lab)} has no role; map it with speaker_map="
                "{...} or read with roles='auto' to infer it")
        fixed = {lab: r for (lab, _, _), r in zip(turns, roles, strict=True)
                 if r is not None and lab is not None}
        inference = infer_roles(open_labels, fixed=fixed)
        role_map.update(inference.role_map)
        for i, ((label, _, _), role) in enumerate(zip(turns, roles, strict=True)):
            if role is None and label is not None:
                roles[i] = inference.role_map[label]
        used.add("inferred")
        uncertain, reason = inference.uncertain, inference.reason
    source = ("inferred" if "inferred" in used else
              "speaker_map" if "speaker_map" in used else "format")
    return RoleDecision([r for r in roles if r is not None], source, uncertain, role_map, reason)
