"""Normalised words for matching, with character offsets back into the original text.

Matching runs on the words a person would say, not on the characters they typed: lower case,
contractions expanded (spaCy's NORM: "I'm" -> "i am"), punctuation dropped, fillers ("um", "uh")
and words broken off in speech ("mar- marcus") dropped, and stutters ("I I I") collapsed.
Phrases are normalised the same way, so "Thank you!" matches "thank-you" and "um thank you"
alike, and every match maps back to exact characters.
"""

from __future__ import annotations

import functools
import re
from typing import Any

FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "eh", "hmm", "hm",
                     "mm", "mmm", "mhm"})

#: Sounds a transcriber tags in brackets, "[noise]", "(laughter)", "[background noise]": not
#: words said, so matching drops the tag as it drops a filler ("this is um [noise] yasmin" reads
#: "this is yasmin"). A tag for lost words ("<unk>", "[inaudible]") stays: it stands for speech.
NOISE_TAG_WORDS = frozenset({
    "noise", "noises", "laughter", "laugh", "laughs", "laughing", "chuckle", "chuckles", "cough",
    "coughs", "coughing", "sneeze", "sigh", "sighs", "breath", "breathing", "breathes", "sniff",
    "crosstalk", "silence", "pause", "music", "static", "beep", "beeps", "tone", "click",
    "clicks", "clicking", "typing", "background", "line", "hold", "ringing", "rings", "dial",
    "dog", "barking", "baby", "crying", "traffic", "wind", "phone", "door", "knock", "knocking",
    "applause", "humming", "hums", "whistle", "whistles", "keyboard", "rustling", "muffled",
    "distortion", "feedback", "echo", "car", "horn", "engine", "tv", "radio", "children",
    "voices", "talking", "chatter", "sound", "sounds", "audio", "interference", "long", "short",
    "brief"})
_OPEN_TAG = ("[", "(")
_CLOSE_TAG = ("]", ")")

#: Words that make a turn a backchannel, not a contribution ("mm hmm", "okay", "right").
BACKCHANNELS = frozenset({"okay", "alright", "right", "yeah", "yes", "yep", "huh", "well", "so",
                          "oh", "ah", "hm", "uh-huh", "sure", "and", "but", "_bot_", "_eot_"})

#: Words of a goodbye-only turn ("bye", "bye now", "ok bye bye", "take care", "see you"), which
#: a window with `skip_goodbyes` does not count.
GOODBYE_WORDS = frozenset({"bye", "goodbye", "bye-bye", "byebye", "now", "then", "take", "care",
                           "cheers", "see", "you", "ya", "later", "soon", "talk"})

# Spellings and chat/ASR forms that spaCy's blank English NORM leaves apart.
NORM_OVERRIDES = {
    "m": "am", "im": "i am", "ive": "i have",
    "youre": "you are", "ur": "your", "u": "you", "r": "are", "ya": "you",
    "ok": "okay", "k": "okay", "kk": "okay", "okey": "okay",
    "thx": "thanks", "thanx": "thanks", "ty": "thank you", "tks": "thanks", "thankyou": "thank you",
    "pls": "please", "plz": "please", "bc": "because", "cuz": "because",
    "apologise": "apologize", "apologised": "apologized", "apologises": "apologizes",
    "apologising": "apologizing", "realise": "realize", "organise": "organize",
    "goodbye": "good bye", "bye-bye": "bye", "byebye": "bye", "hiya": "hi", "hey": "hey",
    "mr.": "mr", "mrs.": "mrs", "ms.": "ms", "dr.": "dr", "gonna": "going to", "wanna": "want to",
    # (round 30) dialect spellings transcripts keep as said: a dropped "g" ("good mornin", "you
    # speakin to marcia"), "th" said "t" ("anyting else"), Scots "-nae" ("it didnae go in")
    "mornin": "morning", "evenin": "evening", "speakin": "speaking", "talkin": "talking",
    "callin": "calling", "ringin": "ringing", "lookin": "looking", "checkin": "checking",
    "holdin": "holding", "waitin": "waiting", "helpin": "helping", "somethin": "something",
    "anythin": "anything", "nothin": "nothing", "tryin": "trying", "gettin": "getting",
    "anyting": "anything", "someting": "something", "everyting": "everything",
    "nuttin": "nothing", "tink": "think", "dat": "that", "dis": "this", "moanin": "moaning",
    "ye": "you", "yer": "your",
    "didnae": "did not", "dinnae": "do not", "doesnae": "does not", "cannae": "can not",
    "couldnae": "could not", "wouldnae": "would not", "shouldnae": "should not",
    "isnae": "is not", "wasnae": "was not", "havnae": "have not", "havenae": "have not",
    "hasnae": "has not", "willnae": "will not",
}


# After these words "'s" (or ASR's bare "s") is "is": "that's rough", "thats rough", "how's it".
_IS_AFTER = frozenset({"it", "that", "what", "there", "here", "he", "she", "who", "where", "how",
                       "this", "when", "why", "everything", "nothing", "something", "name"})


_ATTRS: list[int] = []  # NORM, IS_PUNCT, IS_SPACE, IDX, LENGTH, LOWER
_CACHE_LIMIT = 200_000
#: A NORM hash's normalisation: the word itself when it is its own one word (nearly every
#: word: a str costs a fifth of a tuple of parts and hashes, and the cache holds up to 200k of
#: them), else its normalised parts and their string hashes (fillers: empty).
NormCache = dict[int, "str | tuple[tuple[str, ...], tuple[int, ...]]"]


def make_nlp() -> Any:
    """The one tokenizer: spaCy's blank English with chat typing split ("Bye!Have a nice day",
    "thanks/"). Turns, phrases and the models' training and scoring texts all go through it."""
    import spacy
    from spacy.attrs import IDS

    nlp = spacy.blank("en")
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer is a Cython class without stubs
    infix, suffix = _affix_regexes()
    tokenizer.infix_finditer = infix.finditer
    tokenizer.suffix_search = suffix.search
    # A new word (an id, an amount, a name) gets a lexeme with every attribute spaCy knows how to
    # compute: 7 us, half of it shape, prefix, suffix and flags nothing here reads. Keep those
    # the normaliser reads and token patterns may test (csnlp.standards.spec allows ORTH, LOWER,
    # NORM, LENGTH, IS_ALPHA, IS_DIGIT, IS_STOP, LIKE_NUM, LIKE_EMAIL): 3 us.
    keep = {IDS[name] for name in LEXEME_ATTRS}
    vocab: Any = nlp.vocab  # a Cython class: its .pyi lacks lex_attr_getters
    vocab.lex_attr_getters = {k: v for k, v in vocab.lex_attr_getters.items() if k in keep}
    return nlp


@functools.cache
def _affix_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """spaCy English's infix and suffix regexes with chat typing split, compiled once per
    process (1.2 MB each): every `make_nlp` tokenizer shares them."""
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex, compile_suffix_regex

    infixes = [*(English.Defaults.infixes or ()), r"(?<=[A-Za-z])[!?/](?=[A-Za-z])"]
    suffixes = [*(English.Defaults.suffixes or ()), r"/"]
    return compile_infix_regex(infixes), compile_suffix_regex(suffixes)


#: The lexeme attributes csnlp's tokenizer computes for a new word (see `make_nlp`).
LEXEME_ATTRS = ("NORM", "LOWER", "IS_PUNCT", "IS_SPACE", "IS_ALPHA", "IS_DIGIT", "IS_STOP",
                "LIKE_NUM", "LIKE_EMAIL")


#: New words, ids and amounts add strings to the shared tokenizer's vocabulary; past this many
#: it is rebuilt, so memory stays bounded without a memory zone.
MAX_VOCAB_STRINGS = 200_000
_SHARED: list[Any] = []


def shared_nlp() -> Any:
    """A `make_nlp()` pipeline built once per process, for phrases and model texts (an Annotator
    keeps its own, for memory zones)."""
    if _SHARED and len(_SHARED[0].vocab.strings) > MAX_VOCAB_STRINGS:
        _SHARED.clear()
    if not _SHARED:
        _SHARED.append(make_nlp())
    return _SHARED[0]


def token_array(doc):
    """The one array a Doc is read as, a row per token: NORM, IS_PUNCT, IS_SPACE, IDX, LENGTH,
    LOWER."""
    if not _ATTRS:
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, NORM

        _ATTRS.extend([NORM, IS_PUNCT, IS_SPACE, IDX, LENGTH, LOWER])
    return doc.to_array(_ATTRS)


@functools.lru_cache(maxsize=1)
def _is_hash() -> int:
    return _hash("is")


#: The models' one token for every number, in digits or words ("49.99", "£120", "forty",
#: "hundred"): an amount, a count or a reference says nothing of tone or act, and amounts told
#: in complaints must not make numbers read as frustration ("the amount is a hundred and three
#: dollars" scored 0.97 when spoken numbers were words of their own). Matching keeps the words.
NUMBER_TOKEN = "<number>"
#: Number words ("one" and "oh" are also a pronoun and an interjection: left as words).
NUMBER_WORDS = frozenset("""zero two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
seventy eighty ninety hundred thousand million""".split())
_NUMBER = re.compile(r"[£$€#]?\d[\d.,:/-]*(?:st|nd|rd|th|k|m|p|am|pm|gb|mb|kg|km)?")


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or (
        (word[:1].isdigit() or word[:1] in "£$€#") and _NUMBER.fullmatch(word) is not None)


@functools.cache
def _tag_hashes() -> tuple[frozenset[int], frozenset[int]]:
    """The string hashes (NORM) of the brackets that open and close a transcriber's tag."""
    return frozenset(map(_hash, _OPEN_TAG)), frozenset(map(_hash, _CLOSE_TAG))


@functools.cache
def _number_hash() -> int:
    return _hash(NUMBER_TOKEN)


def _hash(word: str) -> int:
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # missing from its .pyi

    return int(hash_string(word))


def normalise_rows(rows, strings, cache: NormCache | None = None
                   ) -> tuple[list[str], list[tuple[int, int]], list[int]]:
    """The normaliser: a Doc's `token_array` rows (as lists) to normalised words, their
    (start_char, end_char), and the models' tokens.

    The models' tokens are the string hashes of the same words with the punctuation kept
    between them (its NORM: "!" and "?" mark sentences and tone), so matching and both
    models read one normalisation. `strings` is the Doc's StringStore. A multi-word override
    ("im" -> "i am") gives several words with the token's offsets. `cache` is shared across
    calls and stops growing at 200k entries, so ids, amounts and e-mail addresses cannot make
    it grow without bound.
    """
    if cache is None:
        cache = {}
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    feats: list[int] = []
    # Bound methods and the last word's (text, end) as locals: this loop runs for every token.
    add_word, add_span, add_feat = words.append, spans.append, feats.append
    last, last_end = None, 0
    tag_at = -1  # the words' length at an open bracket ("[noise]" may follow)
    opens, closes = _tag_hashes()
    for norm_hash, punct, space, start, length, _lower in rows:
        if space:
            continue
        if punct:
            add_feat(norm_hash)
            if norm_hash in opens:
                tag_at = len(words)
            elif tag_at >= 0:
                if (norm_hash in closes and len(words) > tag_at
                        and NOISE_TAG_WORDS.issuperset(words[tag_at:])):
                    del words[tag_at:], spans[tag_at:]  # a sound, not speech (the models keep it)
                    last = words[-1] if words else None
                    last_end = spans[-1][1] if spans else 0
                tag_at = -1
            continue
        entry = cache.get(norm_hash)
        if entry is None:
            norm = strings[norm_hash]
            parts = () if norm in FILLERS else tuple(NORM_OVERRIDES.get(norm, norm).split(" "))
            if _is_cut_off(norm):
                # a word broken off and said again, "mar- marcus", "the re- the refund": not
                # a word said (matching reads "marcus"); the models keep the token
                entry = ((), (norm_hash,))
            elif parts == (norm,) and _is_number(norm):
                entry = (parts, (_number_hash(),))  # the word for matching, NUMBER for models
            else:
                entry = norm if parts == (norm,) else (parts, tuple(_hash(p) for p in parts))
            if len(cache) < _CACHE_LIMIT:
                cache[norm_hash] = entry
        if isinstance(entry, str):  # nearly every token: its own one word
            part = entry
            if (part == "'s" or part == "s") and last in _IS_AFTER:
                part, h = "is", _is_hash()
            else:
                h = norm_hash
            if part == last and last_end <= start:
                continue  # a stutter: keep the first occurrence as the evidence
            last, last_end = part, start + length
            add_word(part)
            add_span((start, last_end))
            add_feat(h)
            continue
        parts, hashes = entry
        if not parts:  # a filler (no token for the models either) or a cut-off word
            for h in hashes:
                add_feat(h)
            continue
        end = start + length
        for part, h in zip(parts, hashes, strict=True):  # none (a filler) or an override's
            if part == last and last_end <= start:
                continue
            last, last_end = part, end
            add_word(part)
            add_span((start, end))
            add_feat(h)
    return words, spans, feats


def _is_cut_off(norm: str) -> bool:
    """Whether a token is a word broken off in speech, its letters and a hyphen ("mar-",
    "ch-"), as a recogniser or transcriber writes a false start."""
    return len(norm) > 1 and norm[-1] == "-" and norm[:-1].isalpha()


def norm_words(doc, cache: NormCache | None = None, rows=None
               ) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words of a spaCy Doc and their (start_char, end_char) in its text; `rows` is
    the Doc's `token_array` as lists when the caller already has it."""
    if rows is None:
        rows = token_array(doc).tolist()
    words, spans, _ = normalise_rows(rows, doc.vocab.strings, cache)
    return words, spans


def normalise_phrase(text: str) -> list[str]:
    """The normalised words of a phrase, as turns are normalised for matching.

    >>> normalise_phrase("I'm SO sorry!")
    ['i', 'am', 'so', 'sorry']
    """
    words, _ = norm_words(shared_nlp().make_doc(text))
    return words


def model_words(text: str) -> list[str]:
    """The tokens the models read for a text, as strings: the normalised words with the
    punctuation between them.

    >>> model_words("Thanks!Have a nice day, um, I'm fine")
    ['thanks', '!', 'have', 'a', 'nice', 'day', ',', ',', 'i', 'am', 'fine']
    >>> model_words("it was forty pounds, not £40.50")
    ['it', 'was', '<number>', 'pounds', ',', 'not', '$', '<number>']
    """
    doc = shared_nlp().make_doc(text)
    words, _, feats = normalise_rows(token_array(doc).tolist(), doc.vocab.strings)
    spelled = {_hash(w): w for w in words}  # an override's word may be new to the store
    spelled[_number_hash()] = NUMBER_TOKEN
    return [spelled.get(h) or doc.vocab.strings[h] for h in feats]
