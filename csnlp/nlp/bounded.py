"""User regular expressions, run so that none can hang evaluation.

A standards file's regexes (a rule's `unless_regex`, a token pattern's `REGEX`) run on the
`regex` package with a time limit per search, `SEARCH_TIMEOUT` seconds: a pattern that
backtracks catastrophically (`((a)+)+$` on a long turn) is stopped there and raises
`PatternTimeout`, which makes its standard `error` while the others are judged. `regex` in its
default (V0) mode reads patterns as `re` does, with the same Unicode `\\w`/`\\b` and lookarounds,
so well-behaved patterns match exactly as before; a linear-time engine (RE2) was measured too
and refused: it is no faster on these patterns, has no lookarounds and reads `\\w` as ASCII.

Token-pattern REGEX predicates become a token extension (`Token._.csnlp_rx_*`) whose getter
searches the token's text with the bounded engine, remembering each word's answer, so spaCy's
Matcher never runs a user regex itself.

    >>> BoundedRegex("sorry\\\\W*\\\\?$", ignore_case=True).search("Sorry?") is not None
    True
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import warnings
from collections.abc import Sequence
from typing import Any

import ahocorasick
import regex

from csnlp.errors import PatternTimeout, describe

#: Seconds one search of a user regex may run. A well-behaved pattern takes microseconds on a
#: turn; a catastrophic one runs out of this much wall-clock time, then of as much of its
#: thread's own CPU time in retries (`BoundedRegex.search`), once per turn and rule (timed-out
#: words are remembered): a hostile pattern costs about twice this per turn it is tried on.
SEARCH_TIMEOUT = 0.05
#: Characters of a pattern that a message shows.
PREVIEW_CHARS = 60
#: Words whose answer a token regex remembers before it forgets them all (bounds memory).
MAX_REMEMBERED_WORDS = 100_000
#: Token attributes a REGEX may test: all mean the normalised word (ORTH) once compiled.
REGEX_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM"})

_TIMED_OUT = object()  # a word's remembered answer when its search was stopped
#: The last text lowercased for a folded need, and its lowercase (one tuple: read atomically).
_LOWERED: tuple[str, str] = ("", "")


#: At most this many of a pattern's needs are checked before a search (each is a few `in`s).
MAX_NEEDS = 3


#: What every match of a pattern holds: (alternatives, folded, count). A text must hold one of
#: the alternatives (lowercase ASCII looked for in the lowercased text when `folded`), and, for
#: single characters, `count` of them in all ("a word. by. word. reply." needs four periods).
Need = tuple[frozenset[str], bool, int]


def _needs(pattern: str, ignore_case: bool) -> tuple[Need, ...]:
    """What every match of `pattern` holds (see `Need`): a text that fails one of them cannot
    match. Read from the pattern's mandatory literals, sets of literals, repeats and
    alternations ("sorry", one of "processing"/"pending", a quote mark, four periods); ()
    when nothing can be told."""
    parsed = _parse(pattern)
    if parsed is None:
        return ()
    sre = _sre()
    ignore_case = ignore_case or bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE)
    items = list(parsed)
    found = _sequence_needs(items, ignore_case)
    # the most selective first: the longest shortest alternative, the most, the fewest
    found.sort(key=lambda need: (-min(map(len, need[0])), -need[2], len(need[0])))
    # and what a match starts with ("\n" of a sign-off on its own line, a quote mark), which
    # rules out most turns at once
    kept = found[:MAX_NEEDS]
    first = [need for need in _sequence_needs(items[:1], ignore_case)
             if all(need[:2] != other[:2] for other in kept)]
    return tuple(first + kept)


#: At most this many spellings a run of literals and small sets ("[Ii]t['’]s": four) is
#: looked for as; a longer run is cut into runs of at most this many.
MAX_SPELLINGS = 16


def _sequence_needs(items: list, icase: bool) -> list[Need]:
    """The needs of a sequence of parsed items: each mandatory item's, each run of literals
    and small sets of literals as one string or a few spellings, and needs of the same single
    characters added up."""
    sre = _sre()
    out: list[Need] = []
    run: list[frozenset[str]] = []  # each position's characters (lowered when folded)

    def close_run() -> None:
        if run:  # (folded only when it holds a letter: "." is looked for in any text)
            spellings = [""]
            for chars in run:
                spellings = [s + c for s in spellings for c in chars]
            folded = icase and any(_cased_char(c) for chars in run for c in chars)
            out.append((frozenset(spellings), folded, 1))
            run.clear()

    def extend_run(chars: frozenset[str]) -> None:
        size = 1
        for held in run:
            size *= len(held)
        if size * len(chars) > MAX_SPELLINGS:
            close_run()
        run.append(chars)

    for op, arg in items:
        if op is sre.LITERAL:
            char = chr(arg)
            if icase and _cased_char(char):
                if not char.isascii():
                    close_run()
                    continue
                char = char.lower()
            extend_run(frozenset(char))
            continue
        if op is sre.IN:
            chars = _literal_set(arg, icase)
            if chars is not None and len(chars) <= 4:
                extend_run(chars)
                continue
        close_run()
        need = _item_need(op, arg, icase)
        if need is not None:
            out.append(need)
    close_run()
    counted: dict[tuple[frozenset[str], bool], int] = {}
    merged: list[Need] = []
    for alternatives, folded, count in out:
        if all(len(a) == 1 for a in alternatives):
            counted[alternatives, folded] = counted.get((alternatives, folded), 0) + count
        else:
            merged.append((alternatives, folded, count))
    return merged + [(alternatives, folded, count)
                     for (alternatives, folded), count in counted.items()]


def _literal_set(arg: Any, icase: bool) -> frozenset[str] | None:
    """The characters of a set of literals ("[!?]"), lowered when `icase` folds them, or None
    for a range, a class (\\w), a negated set or a cased character outside ASCII."""
    sre = _sre()
    if not all(o is sre.LITERAL for o, _a in arg):
        return None
    chars = {chr(a) for _o, a in arg}
    if icase and any(map(_cased_char, chars)):
        if not all(c.isascii() for c in chars):
            return None
        return frozenset(c.lower() for c in chars)
    return frozenset(chars)


def _item_need(op: Any, arg: Any, icase: bool) -> Need | None:
    """The need of one mandatory parsed item (a set of literals, a group, a repeat of at least
    one, an alternation), or None."""
    sre = _sre()
    if op is sre.IN:
        chars = _literal_set(arg, icase)
        if chars is None:
            return None
        return chars, icase and any(map(_cased_char, chars)), 1
    if op is sre.ASSERT:
        # a lookahead or lookbehind that must hold: what it looks for is in the text
        _direction, body = arg
        return _best(_sequence_needs(list(body), icase))
    if op is sre.SUBPATTERN:
        _group, add, remove, body = arg
        inner = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not (
            remove & sre.SRE_FLAG_IGNORECASE)
        return _best(_sequence_needs(list(body), inner))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        need = _best(_sequence_needs(list(body), icase)) if low >= 1 else None
        if need is None:
            return None
        # each repetition holds its own characters: low of them at least
        single = all(len(a) == 1 for a in need[0])
        return (need[0], need[1], need[2] * low) if single else need
    if op is sre.BRANCH:
        _none, branches = arg
        alternatives: set[str] = set()
        folded = False
        for branch in branches:
            need = _best(_sequence_needs(list(branch), icase))
            if need is None:
                return None  # one branch needs nothing we can tell
            if folded != need[1] and alternatives:
                return None  # (alternatives folded and not: not worth the bookkeeping)
            alternatives |= need[0]
            folded = need[1]
        return frozenset(alternatives), folded, 1
    return None


#: Texts whose literals `_Literals` remembers before it forgets them all (bounds memory).
MAX_REMEMBERED_TEXTS = 4096
#: Literals `_Literals` gives a bit before it gives no more (a process that compiles pack
#: after pack): a need past it is checked with `in`, as a single character's is.
MAX_LITERALS = 20_000


class _Literals:
    """Every literal of two characters or more that a BoundedRegex needs, one bit each, and
    two Aho-Corasick automata (lowercased and as written) that find all of them in one pass
    over a text. A text's literals become two masks, remembered per text, so a pattern's
    needs cost an `&` each instead of a scan of the text per alternative: a turn is searched
    by many rules, each with its own regexes.

    Bits are only ever added: a pattern's mask stays valid when later patterns add theirs
    (the automata are rebuilt, and the texts' masks forgotten, on the next text).
    """

    def __init__(self) -> None:
        self._bits: tuple[dict[str, int], dict[str, int]] = ({}, {})  # (as written, folded)
        self._lock = threading.Lock()
        self._version = 0
        self._built = 0
        self._automata: tuple[Any, Any] = (None, None)
        self._masks: dict[str, tuple[int, int]] = {}

    def mask(self, alternatives: frozenset[str], folded: bool) -> int | None:
        """The bits of `alternatives` (lowercase ASCII looked for in the lowercased text when
        `folded`), or None past MAX_LITERALS."""
        with self._lock:
            table = self._bits[folded]
            mask = 0
            for alternative in alternatives:
                bit = table.get(alternative)
                if bit is None:
                    if len(table) >= MAX_LITERALS:
                        return None
                    bit = table[alternative] = 1 << len(table)
                    self._version += 1
                mask |= bit
            return mask

    def of(self, text: str) -> tuple[int, int]:
        """(mask as written, mask folded) of the literals `text` holds. Outside ASCII every
        folded literal counts as held: case folding there has surprises, so such a text is
        searched (as `BoundedRegex._may_match` always did)."""
        if self._built != self._version:
            self._rebuild()
        masks = self._masks
        found = masks.get(text)
        if found is None:
            written, lowered = self._automata
            plain = 0
            if written is not None:
                for _end, bit in written.iter(text):
                    plain |= bit
            folded = 0
            if not text.isascii():
                folded = -1
            elif lowered is not None:
                for _end, bit in lowered.iter(text.lower()):
                    folded |= bit
            if len(masks) >= MAX_REMEMBERED_TEXTS:
                masks.clear()
            found = masks[text] = (plain, folded)
        return found

    def _rebuild(self) -> None:
        with self._lock:
            automata: list[Any] = []
            for table in self._bits:
                if not table:
                    automata.append(None)
                    continue
                automaton = ahocorasick.Automaton()
                for literal, bit in table.items():
                    automaton.add_word(literal, bit)
                automaton.make_automaton()
                automata.append(automaton)
            self._automata = (automata[0], automata[1])
            self._masks = {}
            self._built = self._version


_LITERALS = _Literals()


def _cased_char(char: str) -> bool:
    """Whether ignoring case may match `char` to another character: letters, and symbols
    with case ("Ⅰ" and "ⅰ", "Ⓐ" and "ⓐ") or with a special folding (the iota subscript)."""
    return char.isalpha() or char.lower() != char.upper() or char.casefold() != char


def _best(needs: list[Need]) -> Need | None:
    return max(needs, key=lambda need: (min(map(len, need[0])), need[2], -len(need[0])),
               default=None)


def _sre() -> Any:
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # stdlib, 3.11+

    return sre_parse


#: Syntax the `regex` engine reads and `re` reads otherwise: fuzzy matching ("(?:sorry){e<=1}",
#: literal braces to `re`) and POSIX classes ("[[:alpha:]]", a set and a "]" to `re`). A
#: pattern holding one gets no shortcut.
_REGEX_ONLY = re.compile(r"\{(?!\d*,?\d*\})|\[\[[:=.]")


def _parse(pattern: str) -> Any:
    """The pattern as `re` parses it, or None where that may not be how `regex` reads it."""
    if _REGEX_ONLY.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # re's FutureWarning on nested sets
            return _sre().parse(pattern)
    except Exception:  # noqa: BLE001 - a pattern `re` cannot read: no shortcut
        return None


def preview(pattern: str) -> str:
    """A pattern for a message, cut to PREVIEW_CHARS."""
    return describe(pattern, PREVIEW_CHARS)


class BoundedRegex:
    """A compiled user regex whose `search` gives up after SEARCH_TIMEOUT seconds.

    `what` names it in messages (e.g. "unless_regex '...' of rule greeting.match"). Raises
    re.error-like `regex.error` for a pattern `regex` cannot compile.
    """

    __slots__ = ("_ignore_case", "_masked", "_needs", "_rest", "_rx", "_words", "pattern",
                 "what")

    def __init__(self, pattern: str, *, ignore_case: bool = False, what: str = "") -> None:
        flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
        self._rx = regex.compile(pattern, flags)
        self._ignore_case = ignore_case
        self.pattern = pattern
        self.what = what or f"regex {preview(pattern)}"
        self._words: dict[str, Any] = {}
        #: What every match holds (`_needs`): a text holding none of one of them is not
        #: searched ("sorry" for a pattern about apologies, a quote mark and "pending").
        self._needs = _needs(pattern, ignore_case)
        # Needs of literals of two characters or more are looked up in the text's masks
        # (`_Literals`); single characters ("?", a quote mark) and counts with `in`.
        masked: list[tuple[int, bool]] = []
        rest: list[Need] = []
        for need in self._needs:
            alternatives, folded, count = need
            mask = (_LITERALS.mask(alternatives, folded)
                    if count == 1 and alternatives and min(map(len, alternatives)) >= 2
                    else None)
            if mask is None:
                rest.append(need)
            else:
                masked.append((mask, folded))
        self._masked = tuple(masked)
        self._rest = tuple(rest)

    def __reduce__(self) -> tuple[Any, ...]:
        # Compiled again where it is loaded: its masks' bits are this process's `_LITERALS`.
        return _bounded_regex, (self.pattern, self._ignore_case, self.what)

    def search(self, text: str, pos: int = 0) -> Any:
        """The first match in `text` from `pos` (a `regex.Match`) or None; PatternTimeout when
        stopped."""
        if self._needs and not self._may_match(text):
            return None
        try:
            return self._rx.search(text, pos, timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            pass
        # The engine's limit is wall-clock time: a thread kept waiting while other threads
        # run (a busy process) reaches it without searching. Only the CPU time this thread
        # spends says the pattern backtracks: search again until the retries have spent the
        # limit in all. (Its clock is read only here: a clock read per search costs more than
        # the searches' rare retries.)
        started = time.thread_time()
        while True:
            try:
                return self._rx.search(text, pos, timeout=SEARCH_TIMEOUT)
            except TimeoutError:
                if time.thread_time() - started >= SEARCH_TIMEOUT:
                    raise PatternTimeout(self.timeout_message(len(text), "text")) from None

    def _may_match(self, text: str) -> bool:
        """Whether `text` holds what every match needs (`_needs`)."""
        global _LOWERED
        if self._masked:
            held = _LITERALS.of(text)
            for mask, folded in self._masked:
                if not mask & held[folded]:
                    return False
        for alternatives, folded, count in self._rest:
            if folded:
                if not text.isascii():
                    continue  # case folding outside ASCII has surprises: search
                # the rules of a turn look at one text in a row: lowercase it once
                last = _LOWERED
                if last[0] is not text:
                    last = _LOWERED = (text, text.lower())
                where = last[1]
            else:
                where = text
            if count > 1:
                if sum(where.count(a) for a in alternatives) < count:
                    return False
            elif len(alternatives) == 1:
                for alternative in alternatives:
                    if alternative not in where:
                        return False
            elif not any(a in where for a in alternatives):
                return False
        return True

    def matches_word(self, word: str) -> bool:
        """Whether the regex finds a match in one word, remembered per word (a word that
        timed out raises PatternTimeout again without running the engine)."""
        known = self._words.get(word)
        if known is None:
            if len(self._words) >= MAX_REMEMBERED_WORDS:
                self._words.clear()
            try:
                known = self.search(word) is not None
            except PatternTimeout:
                known = _TIMED_OUT
            self._words[word] = known
        if known is _TIMED_OUT:
            raise PatternTimeout(self.timeout_message(len(word), "word"))
        return known is True

    def timeout_message(self, chars: int, of: str) -> str:
        return (f"{self.what} was stopped after {SEARCH_TIMEOUT:g} s on a {chars:,}-character "
                f"{of}, a sign of catastrophic backtracking")

    def __repr__(self) -> str:
        return f"BoundedRegex({self.pattern!r})"


class RegexScreen:
    """Several regexes (a rule's own `regex` list) screened together: which of them may match
    a text, from the text's literal masks (`_Literals.of`) read once, instead of one
    `BoundedRegex.search` call per regex. Each regex's first masked need is tested here; the
    regexes it lets through test all their needs again in `search`.

    >>> screen = RegexScreen((BoundedRegex("sorry"), BoundedRegex("thanks?")))
    >>> [rx.pattern for rx in screen.candidates("so sorry")]
    ['sorry']
    >>> screen.candidates("hello")
    ()
    """

    __slots__ = ("_folded", "_items", "_open", "_plain", "regexes")

    def __init__(self, regexes: tuple[BoundedRegex, ...]) -> None:
        self.regexes = regexes
        #: (regex, its first masked need's bits or None, folded): None is searched always.
        self._items: tuple[tuple[BoundedRegex, int | None, bool], ...] = tuple(
            (rx, *rx._masked[0]) if rx._masked else (rx, None, False) for rx in regexes)
        self._open = any(mask is None for _rx, mask, _f in self._items)
        self._plain = self._folded = 0  # the union of the first needs, as written and folded
        for _rx, mask, folded in self._items:
            if mask is not None:
                if folded:
                    self._folded |= mask
                else:
                    self._plain |= mask

    def __reduce__(self) -> tuple[Any, ...]:
        # Screened again where it is loaded: the masks' bits are this process's `_LITERALS`.
        return RegexScreen, (self.regexes,)

    def may_match(self, text: str) -> bool:
        """False when no regex of the screen can match `text`."""
        if self._open or not self._items:
            return self._open
        plain, folded = _LITERALS.of(text)
        return bool(plain & self._plain or folded & self._folded)

    def candidates(self, text: str) -> Sequence[BoundedRegex]:
        """The regexes that may match `text`, in their order (the text's masks read once)."""
        if len(self._items) <= 1:
            return self.regexes if self.may_match(text) else ()
        held = _LITERALS.of(text)
        if not (self._open or held[0] & self._plain or held[1] & self._folded):
            return ()
        return [rx for rx, mask, folded in self._items if mask is None or mask & held[folded]]


def _bounded_regex(pattern: str, ignore_case: bool, what: str) -> BoundedRegex:
    """A BoundedRegex as unpickled (`BoundedRegex.__reduce__`)."""
    return BoundedRegex(pattern, ignore_case=ignore_case, what=what)


_token_regexes: dict[str, BoundedRegex] = {}  # extension name -> its regex, for every annotator


def token_regex_extension(pattern: str) -> str:
    """The name of a Token extension that is True when the bounded `pattern` finds a match in
    the token's text (registered on first use; the same pattern shares one extension)."""
    from spacy.tokens import Token

    name = "csnlp_rx_" + hashlib.sha1(pattern.encode("utf-8")).hexdigest()[:16]
    if name not in _token_regexes:
        rx = BoundedRegex(pattern, what=f"REGEX {preview(pattern)}")
        Token.set_extension(name, getter=lambda token: rx.matches_word(token.text), force=True)
        _token_regexes[name] = rx
    return name


def bounded_token(token: dict[str, Any], where: str) -> dict[str, Any]:
    """A token pattern with each `{ATTR: {"REGEX": p}}` predicate replaced by the bounded
    extension for `p` (`{"_": {name: {"==": 1}}}`, tested lazily like spaCy's REGEX).

    A REGEX anywhere else (on a non-text attribute, nested in FUZZY, with a list value) would
    run unbounded inside spaCy and is refused with a ValueError naming `where`.
    """
    out: dict[str, Any] = {}
    extensions: dict[str, Any] = {}
    for key, value in token.items():
        if not isinstance(value, dict) or not _holds_regex(value):
            out[key] = value
            continue
        rx = value.get("REGEX")
        if (key not in REGEX_ATTRS or not isinstance(rx, str)
                or any(_holds_regex(v) for k, v in value.items() if k != "REGEX")):
            raise ValueError(f"{where}: REGEX is supported only as {{ATTR: {{REGEX: "
                             f"'pattern'}}}} with ATTR one of {sorted(REGEX_ATTRS)}, got "
                             f"{key}: {value!r}"[:300])
        try:
            extensions[token_regex_extension(rx)] = {"==": 1}  # True == 1
        except regex.error as exc:
            raise ValueError(f"{where}: invalid REGEX {preview(rx)}: {exc}") from None
        rest = {k: v for k, v in value.items() if k != "REGEX"}
        if rest:
            out[key] = rest
    if extensions:
        out["_"] = extensions
    return out


def _holds_regex(value: Any) -> bool:
    """Whether a predicate dict holds a REGEX at any depth."""
    return isinstance(value, dict) and any(
        k == "REGEX" or _holds_regex(v) for k, v in value.items())
