"""Normalised words for matching, with character offsets back into the original text.

Matching runs on the words a person would say, not on the characters they typed: lower case,
contractions expanded (spaCy's NORM: "I'm" -> "i am"), punctuation dropped, fillers ("um", "uh")
dropped and stutters ("I I I") collapsed. Phrases are normalised the same way, so "Thank you!"
matches "thank-you" and "um thank you" alike, and every match maps back to exact characters.
"""

from __future__ import annotations

FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "eh", "hmm", "hm",
                     "mm", "mmm", "mhm"})

#: Words that make a turn a backchannel, not a contribution ("mm hmm", "okay", "right").
BACKCHANNELS = frozenset({"okay", "alright", "right", "yeah", "yes", "yep", "huh", "well", "so",
                          "oh", "ah", "hm", "uh-huh", "sure", "and", "but", "_bot_", "_eot_"})

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
}


# After these words "'s" (or ASR's bare "s") is "is": "that's rough", "thats rough", "how's it".
_IS_AFTER = frozenset({"it", "that", "what", "there", "here", "he", "she", "who", "where", "how",
                       "this", "when", "why", "everything", "nothing", "something", "name"})


_ATTRS: list[int] = []  # NORM, IS_PUNCT, IS_SPACE, IDX, LENGTH, LOWER
_CACHE_LIMIT = 200_000


def token_array(doc):
    """The one array a Doc is read as, a row per token: NORM, IS_PUNCT, IS_SPACE, IDX, LENGTH
    (normalisation) and LOWER (the models' features)."""
    if not _ATTRS:
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, NORM

        _ATTRS.extend([NORM, IS_PUNCT, IS_SPACE, IDX, LENGTH, LOWER])
    return doc.to_array(_ATTRS)


def norm_words(doc, cache: dict[int, tuple[str, ...]] | None = None, rows=None
               ) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words of a spaCy Doc and their (start_char, end_char) in its text.

    Reads the Doc as one array (no Token objects: this is the hot path); `rows` is that array
    as lists when the caller already has it. A multi-word override ("im" -> "i am") gives
    several words with the token's offsets. `cache` maps a NORM hash to its normalised parts,
    shared across calls; it stops growing at 200k entries so ids, amounts and e-mail addresses
    cannot make it grow without bound.
    """
    strings = doc.vocab.strings
    if cache is None:
        cache = {}
    if rows is None:
        rows = token_array(doc).tolist()
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for norm_hash, punct, space, start, length, _lower in rows:
        if punct or space:
            continue
        parts = cache.get(norm_hash)
        if parts is None:
            norm = strings[norm_hash]
            parts = () if norm in FILLERS else tuple(NORM_OVERRIDES.get(norm, norm).split(" "))
            if len(cache) < _CACHE_LIMIT:
                cache[norm_hash] = parts
        if not parts:
            continue
        if parts in (("'s",), ("s",)) and words and words[-1] in _IS_AFTER:
            parts = ("is",)
        end = start + length
        for part in parts:
            if words and words[-1] == part and spans[-1][1] <= start:
                continue  # a stutter: keep the first occurrence as the evidence
            words.append(part)
            spans.append((start, end))
    return words, spans
