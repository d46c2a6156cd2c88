"""Static check of a user regex for the shapes that backtrack catastrophically in Python's `re`.

Three shapes make a backtracking engine take exponential or high-polynomial time on a
non-matching text (a 5,000-character turn runs for minutes):

- a repeat inside a repeat: `(a+)+`, `((a)+)+$`, `(\\w+\\s?){2,}`;
- a repeated group whose alternatives can start with the same character, or match nothing:
  `(a|a)+`, `(a|aa)+`, `(\\w|\\d)+`;
- adjacent unbounded repeats of overlapping characters: `.*.*x`, `a*a*a*b`.

The check is conservative (a refused pattern may be harmless, e.g. `(cat|car)+`; the message
says how to rewrite it) and cheap (a parse of at most a few hundred characters, cached).
Backreferences are refused too. It does not bound matching time: a runtime limit does that.

>>> regex_hazard(r"(a|aa)+$")
'a repeated group whose alternatives can start with the same character (a|aa)'
>>> regex_hazard(r"\\bsorry\\W+(?:what|who)\\b") is None
True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

if sys.version_info >= (3, 11):  # sre_* still work there but warn on import
    # typeshed types the parser as sre_constants / sre_parse only
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
else:
    import sre_constants as C
    import sre_parse as P

#: A repeat allowing more matches than this counts as unbounded: `{0,4}` is fine, `{1,100}` not.
MANY = 10
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)  # possessive repeats do not backtrack
# Python 3.11+: atomic groups and possessive repeats (they never backtrack)
_ATOMIC = getattr(C, "ATOMIC_GROUP", object())
_POSSESSIVE = getattr(C, "POSSESSIVE_REPEAT", object())
_CATEGORIES = {getattr(C, f"CATEGORY_{name}"): re.compile(rx) for name, rx in (
    ("DIGIT", r"\d"), ("NOT_DIGIT", r"\D"), ("SPACE", r"\s"), ("NOT_SPACE", r"\S"),
    ("WORD", r"\w"), ("NOT_WORD", r"\W"), ("LINEBREAK", r"\n"), ("NOT_LINEBREAK", r"[^\n]"))}
# Characters overlap is tested on: Latin-1, a few others, and every character the pattern names.
_BASE_PROBES = frozenset(map(chr, range(0x180))) | frozenset("\u2019\u2003\u00a0中я٣ß")


@lru_cache(maxsize=1024)
def regex_hazard(pattern: str) -> str | None:
    """Why `pattern` may backtrack catastrophically, or None. Raises re.error if invalid."""
    compiled = re.compile(pattern)
    tree = P.parse(pattern, compiled.flags)
    probes = _BASE_PROBES | _named_chars(tree.data)
    ignore_case = bool(compiled.flags & re.IGNORECASE)
    return (_tree_hazard(tree.data, 1, probes, ignore_case)
            or _alternation_hazard(pattern, compiled.flags, probes, ignore_case))


def _named_chars(items: Any) -> frozenset[str]:
    """Every literal character and range end in a parsed pattern, both cases."""
    found: set[str] = set()
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            found.add(chr(av))
        elif op is C.RANGE:
            found.update((chr(av[0]), chr(av[1])))
        elif op is C.IN:
            found.update(_named_chars(av))
        elif op in (*_REPEATS, _POSSESSIVE):
            found.update(_named_chars(av[2]))
        elif op is C.SUBPATTERN:
            found.update(_named_chars(av[3]))
        elif op is C.BRANCH:
            for branch in av[1]:
                found.update(_named_chars(branch))
        elif op in (_ATOMIC, C.ASSERT, C.ASSERT_NOT):
            found.update(_named_chars(av if op is _ATOMIC else av[1]))
    return frozenset(found | {v for c in found for v in (c.upper(), c.lower()) if len(v) == 1})


def _tree_hazard(items: Any, outer_max: int, probes: frozenset[str], icase: bool) -> str | None:
    """Nested repeats, adjacent overlapping repeats and backreferences in a parsed sequence;
    `outer_max` is how often the enclosing repeats may run this sequence."""
    previous: frozenset[str] | None = None  # characters of the unbounded repeat just before
    for op, av in items:
        chars = None
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "a backreference"
        if op in _REPEATS:
            low, high, body = av
            if outer_max > 1 and high > 1 and max(outer_max, high) > MANY:
                return "a repeat inside a repeat (nested quantifier)"
            if high > MANY:
                chars = _alphabet(body, probes, icase)
                if previous is not None and previous & chars:
                    return "adjacent unbounded repeats of overlapping characters"
            found = _tree_hazard(body, max(outer_max, high), probes, icase)
        elif op is _POSSESSIVE:
            found = _tree_hazard(av[2], 1, probes, icase)
        elif op is C.SUBPATTERN:
            found = _tree_hazard(av[3], outer_max, probes, icase or bool(av[1] & re.I))
        elif op is C.BRANCH:
            found = next((h for b in av[1] if (h := _tree_hazard(b, outer_max, probes, icase))),
                         None)
        elif op is _ATOMIC:
            found = _tree_hazard(av, 1, probes, icase)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found = _tree_hazard(av[1], 1, probes, icase)
        else:
            found = None
        if found:
            return found
        previous = chars
    return None


def _alphabet(items: Any, probes: frozenset[str], icase: bool) -> frozenset[str]:
    """The probe characters a parsed sequence can consume anywhere."""
    out: set[str] = set()
    for op, av in items:
        if op in (*_REPEATS, _POSSESSIVE):
            out |= _alphabet(av[2], probes, icase)
        elif op is C.SUBPATTERN:
            out |= _alphabet(av[3], probes, icase or bool(av[1] & re.I))
        elif op is _ATOMIC:
            out |= _alphabet(av, probes, icase)
        elif op is C.BRANCH:
            for branch in av[1]:
                out |= _alphabet(branch, probes, icase)
        elif op is C.GROUPREF_EXISTS:
            out |= probes
        else:
            out |= _single(op, av, probes, icase)
    return frozenset(out)


def _single(op: Any, av: Any, probes: frozenset[str], icase: bool) -> frozenset[str]:
    """The probe characters one single-character item matches (empty for anchors)."""
    if op is C.LITERAL:
        chars = {chr(av)}
    elif op is C.NOT_LITERAL:
        chars = set(probes) - {chr(av)}
    elif op is C.ANY:
        chars = set(probes)
    elif op is C.IN:
        chars = set()
        negate = False
        for sub_op, sub_av in av:
            if sub_op is C.NEGATE:
                negate = True
            elif sub_op is C.CATEGORY:
                rx = _CATEGORIES.get(sub_av)
                chars |= set(probes) if rx is None else {c for c in probes if rx.match(c)}
            else:
                chars |= _single(sub_op, sub_av, probes, icase)
        if negate:
            chars = set(probes) - chars
    elif op is C.RANGE:
        chars = {c for c in probes if av[0] <= ord(c) <= av[1]}
    elif op is C.GROUPREF:
        chars = set(probes)
    else:
        return frozenset()
    if icase:  # one character's case only: "ß".upper() is "SS", two characters
        chars |= {v for c in chars for v in (c.lower(), c.upper()) if len(v) == 1}
    return frozenset(chars)


def _first(items: Any, probes: frozenset[str], icase: bool) -> tuple[frozenset[str], bool]:
    """(characters a parsed sequence can start with, whether it can match nothing)."""
    out: set[str] = set()
    for op, av in items:
        if op in (*_REPEATS, _POSSESSIVE):
            chars, empty = _first(av[2], probes, icase)
            empty = empty or av[0] == 0
        elif op is C.SUBPATTERN:
            chars, empty = _first(av[3], probes, icase or bool(av[1] & re.I))
        elif op is _ATOMIC:
            chars, empty = _first(av, probes, icase)
        elif op is C.BRANCH:
            firsts = [_first(b, probes, icase) for b in av[1]]
            chars = frozenset().union(*(f for f, _ in firsts))
            empty = any(e for _, e in firsts)
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            chars, empty = frozenset(), True
        elif op is C.GROUPREF_EXISTS:
            chars, empty = probes, True
        else:
            chars, empty = _single(op, av, probes, icase), False
        out |= chars
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def _alternation_hazard(pattern: str, flags: int, probes: frozenset[str], icase: bool
                        ) -> str | None:
    """A repeated group whose alternatives can start alike or match nothing. Read from the
    text: `re` merges `(\\w|\\d)` into one character class before the tree shows it."""
    groups = _groups(pattern)
    for start, end, body_start, _ in groups:
        alternatives = _split_alternatives(pattern, body_start, end)
        if len(alternatives) < 2:
            continue
        repeated = any(s <= start and end <= e and h > MANY for s, e, _, h in groups)
        if not repeated:
            continue
        opener = pattern[start + 2:body_start - 1] if pattern.startswith("(?", start) else ""
        local = flags | re.I if "i" in opener.split("-")[0] and "<" not in opener else flags
        seen: set[str] = set()
        for alt in alternatives:
            try:
                chars, empty = _first(P.parse(alt, local).data, probes,
                                      icase or bool(local & re.I))
            except re.error:  # refers to a group outside it: judged with the whole pattern
                continue
            group = pattern[start:end + 1]
            if empty:
                return f"a repeated group with an alternative that can match nothing {group}"
            if seen & chars:
                return ("a repeated group whose alternatives can start with the same character "
                        f"{group}")
            seen |= chars
    return None


def _groups(pattern: str) -> list[tuple[int, int, int, int]]:
    """(open index, close index, body start, max repeats) of every group in `pattern`;
    max repeats is 1 for an unquantified group and 0 for a possessive one."""
    found: list[tuple[int, int, int, int]] = []
    stack: list[tuple[int, int]] = []
    for i, ch in _structure(pattern, 0, len(pattern)):
        if ch == "(":
            stack.append((i, _body_start(pattern, i)))
        elif ch == ")" and stack:
            start, body = stack.pop()
            found.append((start, i, body, _quantifier_max(pattern, i + 1)))
    return found


def _structure(pattern: str, begin: int, end: int) -> Iterator[tuple[int, str]]:
    """(index, character) of each `(`, `)` and `|` of pattern[begin:end] that is not escaped
    or inside a character class."""
    i = begin
    while i < end:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
        elif ch in "()|":
            yield i, ch
        i += 1


def _body_start(pattern: str, i: int) -> int:
    """Where the body of the group opened at `i` starts, after `(?:`, `(?P<name>` and the like."""
    if not pattern.startswith("(?", i):
        return i + 1
    if pattern.startswith("(?P<", i):
        return pattern.find(">", i) + 1
    j = i + 2
    while j < len(pattern) and pattern[j] not in ":)=!<>":
        j += 1  # inline flags such as (?i:
    return j + 2 if pattern.startswith(("<=", "<!"), j) else j + 1


def _class_end(pattern: str, i: int) -> int:
    """The index of the `]` closing the character class opened at `i`."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


_QUANTIFIER = re.compile(r"(?:([*+?])|\{(\d*)(,?)(\d*)\})([+?]?)")


def _quantifier_max(pattern: str, i: int) -> int:
    m = _QUANTIFIER.match(pattern, i)
    if m is None or m.group(5) == "+":
        return 0 if m is not None else 1
    if m.group(1):
        return 1 if m.group(1) == "?" else C.MAXREPEAT
    low, comma, high = m.group(2), m.group(3), m.group(4)
    if not comma:
        return int(low or 1)
    return int(high) if high else C.MAXREPEAT


def _split_alternatives(pattern: str, begin: int, end: int) -> list[str]:
    """The top-level `|` alternatives of pattern[begin:end]."""
    parts: list[str] = []
    depth, last = 0, begin
    for i, ch in _structure(pattern, begin, end):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            parts.append(pattern[last:i])
            last = i + 1
    parts.append(pattern[last:end])
    return parts
