"""Normalised words for matching, with character offsets back into the original text.

Matching runs on the words a person would say, not on the characters they typed: lower case,
contractions expanded (spaCy's NORM: "I'm" -> "i am"), punctuation dropped, fillers ("um", "uh")
dropped and stutters ("I I I") collapsed. Phrases are normalised the same way, so "Thank you!"
matches "thank-you" and "um thank you" alike, and every match maps back to exact characters.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def norm_words(tokens: Iterable) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words and their (start_char, end_char) in the original text.

    `tokens` are spaCy tokens (anything with .norm_, .idx, .text, .is_punct, .is_space).
    A multi-word override ("im" -> "i am") gives several words with the token's offsets.
    """
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        norm = tok.norm_
        if norm in FILLERS:
            continue
        if norm in ("'s", "s") and words and words[-1] in _IS_AFTER:
            norm = "is"
        norm = NORM_OVERRIDES.get(norm, norm)
        start = tok.idx
        end = start + len(tok.text)
        for part in norm.split(" ") if " " in norm else (norm,):
            if words and words[-1] == part and spans[-1][1] <= start:
                # A stutter: extend nothing, keep the first occurrence as the evidence.
                continue
            words.append(part)
            spans.append((start, end))
    return words, spans
