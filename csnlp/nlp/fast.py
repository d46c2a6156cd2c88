"""The fast annotator: the reference annotator's annotations, batched for speed.

It gives exactly what `csnlp.nlp.reference.ReferenceAnnotator` gives, turn by turn
(tests/nlp/test_annotators.py checks it on real corpora), and is what csnlp runs. Where the
time goes instead (see ../shared/PERFORMANCE.md):

* identical turns of a batch (same text and speaker) are annotated once, and short turns seen
  in earlier batches are not annotated again (a bounded cache, `turn_cache`);
* turns are tokenized joined, many per Doc, and the normalised words of a whole batch go into
  ONE Doc that the PhraseMatcher runs over once;
* each token pattern runs only on turns holding one of its anchor phrases (found by one more
  PhraseMatcher pass) and a word for each of its required tokens;
* both models score the whole batch in one vectorised call each;
* `memory_zone()` keeps the string store flat once the tokenizer cache is warm.
"""

from __future__ import annotations

import contextlib
import itertools
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from csnlp.errors import InputError, PatternTimeout
from csnlp.nlp.normalise import NormCache, normalise_rows, token_array
from csnlp.nlp.rules import BOT, EOT, BaseAnnotator, Pattern, TurnAnnotation, trimmed
from csnlp.results import FrozenDict

WARM_TURNS = 20_000
#: Distinct short turns whose annotations are kept across batches (see `FastAnnotator.annotate`).
TURN_CACHE_SIZE = 20_000
#: Only turns up to this many characters are kept: the ones that repeat ("Thank you.", "Is there
#: anything else I can help you with?"); long turns seldom do and cost the most memory.
TURN_CACHE_CHARS = 160
#: Turns up to this many characters are kept at once ("Okay.", "Thank you so much!"); once the
#: cache is a quarter full, longer ones only when seen a second time: most of them never repeat,
#: and the cache holds what does. Simulated on the turn sequences (`_keep`'s rule): the 100k-turn
#: benchmark corpus finds 69% of its turns in the cache instead of 64%, with 11,300 entries at
#: most instead of 20,000; the first 1,100 of its conversations 33.6% (33.9%); the real SGD and
#: Harper Valley turns 19.1% (19.4%).
TURN_CACHE_ADMIT_CHARS = 40
#: Bits of the table remembering the longer turns seen once (`FastAnnotator._keep`), at least;
#: and more than SEEN_ONCE_SPREAD per turn the cache holds, so that at most 1 in
#: SEEN_ONCE_SPREAD of the longer turns finds its bit set by another (and is kept on first sight).
SEEN_ONCE_BITS = 1 << 20
SEEN_ONCE_SPREAD = 50
#: Characters of turns tokenized as one text (spaCy refuses texts over nlp.max_length).
_JOIN_CHARS = 50_000


#: The `matches` of every kept turn that matched nothing, shared: an empty read-only dict (a
#: kept annotation is read, never changed).
_NO_MATCHES: dict = FrozenDict()


def _bound(table: dict, size: int) -> None:
    """Drop the older half of `table` once it holds more than `size` entries."""
    if len(table) > size:
        for key in list(itertools.islice(table, len(table) - size // 2)):
            table.pop(key, None)  # another thread may have dropped it already


class FastAnnotator(BaseAnnotator):
    """Annotates turns in batches; same interface and annotations as ReferenceAnnotator.

    >>> from csnlp.standards import load_standards
    >>> ann = FastAnnotator(load_standards("contact_center"))
    >>> "phrase:greetings" in ann.annotate(["Hello there!"])[0].matches
    True
    """

    def _init_matchers(self) -> None:
        self.phrase_matcher = PhraseMatcher(self.vocab, attr="ORTH")
        # One Matcher per token pattern, run only on turns that hold one of its anchor phrases
        # and a word for each of its required tokens, and whose speaker one of its rules
        # watches: Matcher cost grows with patterns x tokens whether or not anything matches.
        self.pattern_matchers: list[tuple[tuple[frozenset[str], ...], Matcher, str]] = []
        #: A pattern's anchor phrases (see `_anchor_phrases`), found for a whole batch at once.
        self.anchor_matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self._anchor_ids: dict[int, int] = {}  # anchor label hash -> pattern index
        #: speaker -> (the patterns looked for in their turns, the anchor ids of those only)
        self._speaker_anchor_ids: dict[str | None, tuple[frozenset[int], dict[int, int]]] = {}
        self._unanchored: list[int] = []  # patterns without anchor phrases: tried on every turn
        #: Per pattern, (words before its anchor, anchor words, words after) a match can span,
        #: or None when unbounded; see `_match`.
        self._reach: list[tuple[int, int, int] | None] = []
        self._norm_cache: NormCache = {}
        #: Turns annotated so far; the first WARM_TURNS run outside memory zones.
        self.warm_turns = 0
        #: (text, speaker) -> annotation of short turns from earlier batches; at most
        #: `turn_cache_size` entries (0: off), the older half dropped when full.
        self.turn_cache_size = TURN_CACHE_SIZE
        self._turn_cache: dict[tuple[str, str | None], TurnAnnotation] = {}
        # The (start, end) pairs of kept turns, one tuple each: at most TURN_CACHE_CHARS**2 / 2.
        self._span_pairs: dict[tuple[int, int], tuple[int, int]] = {}
        #: The longer turns seen once and not kept (`_keep`), a bit each at hash((text,
        #: speaker)) modulo the table's bits (`_seen_table`): 128 KB for the default cache,
        #: where a set of the hashes was a megabyte. Cleared when it marks as many turns as the
        #: cache holds; a bit another turn set only keeps a turn on its first sight.
        self._seen_once = bytearray()  # sized on first use
        self._seen_marks = 0
        #: Turns looked up in / found in the turn cache (a batch job's hit rate).
        self.turn_cache_stats = [0, 0]

    def _norm_doc(self, words: Sequence[str]) -> Doc:
        return Doc(self.vocab, words=list(words))

    def _phrases_added(self, label: str, phrases: list[list[str]]) -> None:
        self.phrase_matcher.add(label, [self._norm_doc(words) for words in phrases])
        self._turn_cache.clear()  # a rule compiled later: cached turns never looked for it

    def _pattern_added(self, index: int, label: str, pattern: Pattern) -> None:
        matcher = Matcher(self.vocab)
        matcher.add(label, [pattern])
        self._turn_cache.clear()  # a rule compiled later: cached turns never looked for it
        self.pattern_matchers.append((_anchors(pattern), matcher, label))
        phrases, first = _anchor_run(pattern)
        # How far a match reaches before and after its anchor phrase: the pattern runs only on
        # that window around each anchor found (None: the whole turn).
        before = _max_tokens(pattern[:first]) if phrases else None
        after = (_max_tokens(pattern[first + len(phrases[0]):])
                 if phrases and before is not None else None)
        self._reach.append((before, len(phrases[0]), after)
                           if before is not None and after is not None else None)
        if phrases:
            key = f"anchor:{index}"
            self.anchor_matcher.add(key, [self._norm_doc(words) for words in phrases])
            self._anchor_ids[self.vocab.strings.add(key)] = index
        else:
            self._unanchored.append(index)

    # -- annotating ------------------------------------------------------------------------
    def annotate(self, texts: Sequence[str], speakers: Sequence[str] | None = None
                 ) -> list[TurnAnnotation]:
        """Annotate turns; run inside `self.memory_zone()` for flat memory in long jobs.

        With `speakers` (one per text), see `BaseAnnotator`.

        Identical turns (same text, same speaker) are annotated once and share one
        TurnAnnotation, which callers read and never change: service conversations repeat
        themselves ("Thank you.", "Is there anything else?"). In a batch of 256 conversations of
        the benchmark corpus 15% of the turns repeat an earlier one. Across batches, the
        annotations of short turns are kept in a bounded cache (`turn_cache_size` entries of
        at most TURN_CACHE_CHARS characters; once it is a quarter full, those over
        TURN_CACHE_ADMIT_CHARS from the second time they are annotated): of the real turns in
        ../shared/data, 52% of Harper Valley's spoken turns and 12% of SGD's written ones repeat
        an earlier turn. An annotation depends only on the text and the speaker, so a cached
        one is the one the turn would get again (a turn whose pattern was stopped by a time
        limit is not kept).
        """
        if speakers is not None and len(speakers) != len(texts):
            raise InputError(f"annotate: {len(texts)} texts but {len(speakers)} speakers")
        keys: Sequence[tuple[str, str | None]] = (
            [(text, None) for text in texts] if speakers is None
            else list(zip(texts, speakers, strict=True)))
        kept = self._turn_cache if self.turn_cache_size > 0 else None
        out: list[TurnAnnotation | None] = [None] * len(keys)
        first: dict[tuple[str, str | None], int] = {}  # a missing turn -> its place in `todo`
        todo: list[int] = []  # the position of each distinct missing turn
        order: list[tuple[int, int]] = []  # (position, place in `todo`) of every missing turn
        for n, key in enumerate(keys):
            if kept is not None:
                ann = kept.get(key)
                if ann is not None:
                    out[n] = ann
                    continue
            j = first.get(key)
            if j is None:
                j = first[key] = len(todo)
                todo.append(n)
            order.append((n, j))
        if kept is not None:
            stats = self.turn_cache_stats
            stats[0] += len(keys)
            stats[1] += len(keys) - len(order)
        if todo:
            if len(todo) == len(keys):
                fresh = self._annotate(texts, speakers)
            else:
                fresh = self._annotate([texts[n] for n in todo],
                                       None if speakers is None else [speakers[n] for n in todo])
            for n, j in order:
                out[n] = fresh[j]
            if kept is not None:
                self._keep(kept, [keys[n] for n in todo], fresh)
        return out  # type: ignore[return-value]  # every place is filled above

    def _keep(self, kept: dict[tuple[str, str | None], TurnAnnotation],
              keys: list[tuple[str, str | None]], fresh: list[TurnAnnotation]) -> None:
        """Keep the new short turns' annotations (once the cache is a quarter full, a turn over
        TURN_CACHE_ADMIT_CHARS the second time it is annotated); when full, drop the older half
        (a dict keeps insertion order), so the cache stays bounded and keeps what recent
        batches say."""
        pairs = self._span_pairs
        seen = self._seen_table()
        mask = len(seen) * 8 - 1
        for key, ann in zip(keys, fresh, strict=True):
            size = len(key[0])
            if size > TURN_CACHE_CHARS or ann.timeouts:
                continue
            if size > TURN_CACHE_ADMIT_CHARS and len(kept) >= self.turn_cache_size // 4:
                mark = hash(key) & mask
                byte, bit = mark >> 3, 1 << (mark & 7)
                if not seen[byte] & bit:  # the first time: remembered, not kept
                    if self._seen_marks >= self.turn_cache_size:
                        seen[:] = bytes(len(seen))
                        self._seen_marks = 0
                    seen[byte] |= bit
                    self._seen_marks += 1
                    continue
                seen[byte] &= ~bit
                self._seen_marks -= 1
            # A kept turn's (start, end) pairs are shared with every other kept turn's: in
            # turns this short they are a few thousand, and were half of an entry's memory.
            # Its lists are copied to their exact size (a list built item by item keeps room
            # to grow), and most kept turns, which matched nothing, share one empty mapping.
            ann.spans = list(tuple(map(pairs.setdefault, ann.spans, ann.spans)))
            ann.words = list(ann.words)
            if not ann.matches:
                ann.matches = _NO_MATCHES
            kept[key] = ann
        _bound(kept, self.turn_cache_size)

    def _seen_table(self) -> bytearray:
        """The seen-once table, sized for the cache as it is now (`turn_cache_size` may be set
        at any time): a power of two of at least SEEN_ONCE_BITS bits and more than
        SEEN_ONCE_SPREAD per cached turn. A new size starts a new, empty table."""
        bits = max(SEEN_ONCE_BITS, 1 << (SEEN_ONCE_SPREAD * self.turn_cache_size).bit_length())
        if len(self._seen_once) * 8 != bits:
            self._seen_once = bytearray(bits // 8)
            self._seen_marks = 0
        return self._seen_once

    def _annotate(self, texts: Sequence[str], speakers: Sequence[str] | None
                  ) -> list[TurnAnnotation]:
        out: list[TurnAnnotation] = []
        # While warming, turns are tokenized one by one: spaCy stops writing its tokenizer
        # cache for the rest of a Doc once the Doc holds a special case, so joined turns
        # would leave the cache cold.
        join = self.warm_turns >= WARM_TURNS
        self.warm_turns += len(texts)
        cache = self._norm_cache
        strings = self.vocab.strings
        # Models score the normaliser's tokens of each turn: no second tokenization.
        featurise = (hasattr(self.tone_model, "score_batch")
                     or hasattr(self.act_model, "predict_proba_batch"))
        feats: list[list[int]] = []
        # Every turn's normalised words, bracketed by sentinels, go into ONE Doc per batch: the
        # PhraseMatcher runs once over it (no phrase holds a sentinel: normalising splits the
        # underscores off "_bot_", so no match crosses turns) and token patterns run on a
        # turn's Span of it. A Doc per turn cost ~3x the tokenizer, mostly in Doc.__init__.
        batch_words: list[str] = []
        starts: list[int] = []  # where each turn's words begin in batch_words
        for text, _doc, rows, _lower in self._tokens(texts, join=join):
            words, spans, tokens = normalise_rows(rows, strings, cache)
            if featurise:
                feats.append(tokens)
            if words:
                size = len(text)
                words = [BOT, *words, EOT]
                spans = [(0, 0), *spans, (size, size)]
            starts.append(len(batch_words))
            batch_words.extend(words)
            out.append(TurnAnnotation(matches={}, words=words, spans=spans))
        if batch_words:
            self._match(self._norm_doc(batch_words), starts, out, speakers)
        self._score_models(texts, speakers, out, feats if featurise else None)
        return out

    def _tokens(self, texts: Sequence[str], *, join: bool = True
                ) -> Iterator[tuple[str, Doc, list, np.ndarray]]:
        """(text, doc, token rows, LOWER column) per text, in order; see `token_array`.

        Turns that neither start nor end with whitespace are tokenized JOINED, by "\\n", in
        one Doc per group: spaCy splits text at whitespace before anything else, so every turn
        gets exactly the tokens it gets alone, and each separator is one whitespace token,
        dropped here. One Doc and one `to_array` per group instead of per turn halves the
        tokenizer's fixed cost on short turns. Other turns, and every turn when not `join`,
        are tokenized alone. (`doc` is the Doc the rows came from: only its vocab is for
        reading.)
        """
        group: list[str] = []
        size = 0
        for text in texts:
            if join and text and not text[0].isspace() and not text[-1].isspace():
                group.append(text)
                size += len(text) + 1
                if size >= _JOIN_CHARS:
                    yield from self._joined(group)
                    group, size = [], 0
                continue
            if group:
                yield from self._joined(group)
                group, size = [], 0
            doc = self.nlp.make_doc(text)
            array = token_array(doc)
            yield text, doc, array.tolist(), array[:, 5]
        if group:
            yield from self._joined(group)

    def _joined(self, group: list[str]) -> Iterator[tuple[str, Doc, list, np.ndarray]]:
        doc = self.nlp.make_doc("\n".join(group))
        array = token_array(doc)
        lengths = np.fromiter((len(t) for t in group), dtype=np.int64, count=len(group))
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        idx = array[:, 3].astype(np.int64)
        turn = np.searchsorted(starts, idx, side="right") - 1
        keep = idx < starts[turn] + lengths[turn]  # the separators start where a turn ends
        array = array[keep]
        turn = turn[keep]
        array[:, 3] -= starts[turn].astype(array.dtype)
        bounds = np.searchsorted(turn, np.arange(len(group) + 1)).tolist()
        rows = array.tolist()
        lower = array[:, 5]
        for n, text in enumerate(group):
            a, b = bounds[n], bounds[n + 1]
            yield text, doc, rows[a:b], lower[a:b]

    def _match(self, ndoc: Doc, starts: list[int], out: list[TurnAnnotation],
               speakers: Sequence[str] | None) -> None:
        """Phrase and token-pattern matches of a batch's normalised Doc, into each turn."""
        strings = self.vocab.strings
        for match_id, start, end in self.phrase_matcher(ndoc):
            n = bisect_right(starts, start) - 1
            ann = out[n]
            spans = ann.spans
            offset = starts[n]
            ann.matches.setdefault(strings[match_id], []).append(
                (spans[start - offset][0], spans[end - 1 - offset][1]))
        # Token patterns: only on turns holding one of a pattern's anchor phrases, found by one
        # PhraseMatcher pass over the batch, in pattern order (so matches come out as they
        # would running every pattern on every turn).
        # A pattern no rule looks for in a turn's speaker's turns is never a candidate there.
        candidates: dict[int, dict[int, list[int]]] = {}  # turn -> pattern -> anchor starts
        patterns_for = self._patterns_for
        # Anchors are found hundreds of thousands of times a batch: each turn's lookup is the
        # anchor ids of its speaker's patterns, so an anchor of another speaker's pattern is
        # one failed dict lookup.
        if speakers is None:
            turn_ids: list[dict[int, int]] | None = None
            ids: dict[int, int] = self._anchor_ids
        else:
            by_speaker = {s: self._anchor_ids_for(s) for s in set(speakers)}
            turn_ids = [by_speaker[s] for s in speakers]
        for match_id, start, _end in self.anchor_matcher(ndoc):
            n = bisect_right(starts, start) - 1
            i = (ids if turn_ids is None else turn_ids[n]).get(match_id)
            if i is not None:
                candidates.setdefault(n, {}).setdefault(i, []).append(start)
        if self._unanchored:
            for n, ann in enumerate(out):
                if ann.words:
                    allowed = patterns_for(speakers[n] if speakers is not None else None)
                    found_at = candidates.setdefault(n, {})
                    for i in self._unanchored:
                        if i in allowed:
                            found_at.setdefault(i, [])
        reach = self._reach
        for n, found_at in candidates.items():
            ann = out[n]
            words = ann.words
            first, last = starts[n], starts[n] + len(words)
            present = None
            for i in sorted(found_at):
                anchors, matcher, label = self.pattern_matchers[i]
                if present is None:
                    present = set(words)
                if any(words_of.isdisjoint(present) for words_of in anchors):
                    continue
                if ann.timeouts and label in ann.timeouts:
                    continue
                try:
                    found = self._run_pattern(matcher, ndoc, first, last, reach[i],
                                              found_at[i])
                except PatternTimeout as exc:  # a REGEX of the pattern was stopped
                    ann.timed_out(label, exc)
                    continue
                for match_id, start, end in found:
                    # Trim the sentinels and context tokens off the evidence span.
                    s0, e0 = trimmed(start, end, len(words), self.pattern_context[i])
                    if e0 <= s0:
                        continue
                    ann.matches.setdefault(strings[match_id], []).append(
                        (ann.spans[s0][0], ann.spans[e0 - 1][1]))

    def _anchor_ids_for(self, speaker: str | None) -> dict[int, int]:
        """Anchor label hash -> pattern index, for the patterns looked for in `speaker`'s turns
        (kept per speaker while the set of those patterns stays the same)."""
        allowed = self._patterns_for(speaker)
        kept = self._speaker_anchor_ids.get(speaker)
        if kept is None or kept[0] is not allowed:
            kept = self._speaker_anchor_ids[speaker] = (allowed, {
                h: i for h, i in self._anchor_ids.items() if i in allowed})
        return kept[1]

    @staticmethod
    def _run_pattern(matcher: Matcher, ndoc: Doc, first: int, last: int,
                     reach: tuple[int, int, int] | None, anchors: list[int]
                     ) -> list[tuple[int, int, int]]:
        """A pattern's matches in the turn ndoc[first:last], positions counted in the turn.

        Every match holds one of the pattern's anchor phrases, and reaches at most `reach`
        words before and after it, so the Matcher runs only on those windows around the
        anchors found (merged where they overlap): its cost grows with the words it reads,
        and a turn's windows are a few words of it. A match lies inside the window of every
        anchor it holds, and merged windows do not overlap, so each is found once, in the
        order the Matcher gives over the whole turn (tests/nlp/test_annotators.py compares
        with the reference annotator, which runs every pattern on the whole turn).
        """
        if reach is None or not anchors:
            return matcher(ndoc[first:last])
        before, width, after = reach
        windows: list[list[int]] = []
        for a in sorted(anchors):
            lo, hi = max(first, a - before), min(last, a + width + after)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        if len(windows) == 1 and windows[0] == [first, last]:
            return matcher(ndoc[first:last])
        return [(match_id, lo - first + start, lo - first + end)
                for lo, hi in windows for match_id, start, end in matcher(ndoc[lo:hi])]

    def memory_zone(self):
        """spaCy's memory zone, once the tokenizer cache is warm.

        A zone keeps the string store flat over millions of turns, but it never writes the
        tokenizer's cache, and a cold cache makes tokenizing ~10x slower. So the first
        WARM_TURNS turns run outside any zone, filling the cache (and the string store, once,
        by a bounded amount); every later batch runs inside a zone.
        """
        if self.warm_turns < WARM_TURNS:
            return contextlib.nullcontext()
        return self.nlp.memory_zone()


def _anchors(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """For each required literal token of a pattern, the words it may be: a turn can match
    only if it holds one word of every set. Sentinels are left out (every turn has them)."""
    required = []
    for tok in pattern:
        if tok.get("OP") not in (None, "{}"):
            continue
        value = tok.get("ORTH")
        if isinstance(value, str):
            options = frozenset([value])
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            options = frozenset(value["IN"])
        else:
            continue
        if not options & {BOT, EOT}:
            required.append(options)
    return tuple(required)


def _anchor_phrases(pattern: list[dict[str, Any]], limit: int = 256) -> list[list[str]]:
    """Word sequences of which every match of `pattern` holds one: the run of consecutive
    required tokens with literal values (`ORTH` a word or an `IN` list) that a turn is least
    likely to hold, spelled out, at most `limit` sequences ([] when the pattern has no such
    token).

    A required token (no `OP`) matches exactly one word, so consecutive ones match consecutive
    words: "this is" must occur for [this][is][a name] to match, and a turn that only holds
    "this" and "is" apart need not be tried.
    """
    return _anchor_run(pattern, limit)[0]


def _anchor_run(pattern: list[dict[str, Any]], limit: int = 256
                ) -> tuple[list[list[str]], int]:
    """`_anchor_phrases` and the index of the pattern token where the anchor starts (-1: none)."""
    runs: list[tuple[int, list[list[str]]]] = []  # (index of its first token, options)
    run: list[list[str]] = []
    for n, tok in enumerate(pattern):
        value = tok.get("ORTH") if "OP" not in tok else None
        words = value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else [value]
        options = (sorted(set(words)) if isinstance(words, list) and words
                   and all(isinstance(w, str) for w in words) else [])
        if options and not {BOT, EOT} & set(options):
            run.append(options)
        elif run:
            runs.append((n - len(run), run))
            run = []
    if run:
        runs.append((len(pattern) - len(run), run))
    # The run whose phrases a turn is least likely to hold: every anchor found costs a lookup
    # and a check, and "the", "it", "you" are found in most turns ("told" or "understand" in
    # few). A word's chance is a rough guess: function words are common, others rare.
    best: tuple[tuple[float, int], int, list[list[str]]] | None = None
    for first, run in runs:
        for a in range(len(run)):
            product, chance = 1, 1.0
            for b in range(a, len(run)):
                product *= len(run[b])
                if product > limit:
                    break
                chance *= sum(_word_chance(w) for w in run[b])
                key = (chance, -(b - a + 1))  # least likely, then longer
                if best is None or key < best[0]:
                    best = (key, first + a, run[a:b + 1])
    if best is None:
        return [], -1
    return [list(words) for words in itertools.product(*best[2])], best[1]


#: The rough chance that a word stands at a given place in a turn (see `_anchor_run`).
_COMMON_CHANCE, _RARE_CHANCE = 0.01, 0.0005


def _word_chance(word: str) -> float:
    return _COMMON_CHANCE if word in STOP_WORDS or len(word) <= 2 else _RARE_CHANCE


def _max_tokens(tokens: list[dict[str, Any]]) -> int | None:
    """The most words these pattern tokens can match together; None when unbounded."""
    total = 0
    for tok in tokens:
        op = tok.get("OP")
        if op in (None, "?", "!"):
            total += 1  # "!" also reads one word (one that must not match)
        elif op in ("*", "+"):
            return None
        elif isinstance(op, str) and op.startswith("{") and op.endswith("}"):
            most = op[1:-1].split(",")[-1].strip()
            if not most.isdigit():
                return None  # "{n,}": unbounded
            total += int(most)
        else:
            return None  # an operator this does not know: no window, the whole turn
    return total
