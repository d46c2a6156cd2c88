from __future__ import annotations

import random

import pytest

from csnlp.errors import InputError
from csnlp.redact import ENTITIES, PLACEHOLDERS, PiiSpan, Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(names=["Maria Lopez", "Sam"])


FOUND = [
    ("card 4111 1111 1111 1111 please", "card [CREDIT_CARD] please"),
    ("card 4111-1111-1111-1111.", "card [CREDIT_CARD]."),
    ("amex 378282246310005", "amex [CREDIT_CARD]"),
    ("card 4111 1111 1111 1111 12/25", "card [CREDIT_CARD] 12/25"),
    # read out as a card: redacted even though it fails Luhn
    ("my card number is 4111 1111 1111 1112", "my card number is [CREDIT_CARD]"),
    ("debit card 2765375262785356 expires", "debit card [CREDIT_CARD] expires"),
    ("mail maria.l+cs@example.co.uk.", "mail [EMAIL]."),
    ("me@mail.example.com, thanks", "[EMAIL], thanks"),
    ("call me at 415-555-2671 please", "call me at [PHONE] please"),
    ("it's (212) 555 0199", "it's [PHONE]"),
    ("my number is 2125550199 thanks", "my number is [PHONE] thanks"),
    ("london +44 20 7946 0958", "london [PHONE]"),
    ("ssn 536-90-4399", "ssn [SSN]"),
    ("ssn 536 90 4399.", "ssn [SSN]."),
    ("iban DE89 3704 0044 0532 0130 00 ok", "iban [IBAN] ok"),
    ("iban gb82west12345698765432", "iban [IBAN]"),
    ("hi Maria", "hi [NAME]"),
    ("LOPEZ here", "[NAME] here"),
    ("this is maria lopez speaking", "this is [NAME] speaking"),
    ("this is Maria\n Lopez", "this is [NAME]"),
    ("Sam's account", "[NAME]'s account"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_found_and_replaced(redactor, text, expected):
    assert redactor.redact(text) == expected


KEPT = [
    "ref 4111 1111 1111 1112",  # Luhn fails, and nothing calls it a card
    "iban DE88 3704 0044 0532 0130 00",  # checksum fails
    "ssn 000-12-3456",
    "ssn 666-12-3456",
    "ssn 900-12-3456",
    "ssn 536-00-4399",
    "ssn 536-90-0000",
    "ssn 536-90 4399",  # mixed separators
    "ssn 536904399",  # a bare 9-digit run is not taken as an SSN
    "it cost $1,234.56 and then $12,345,678.90",
    "order 12345678",
    "order number 2125550199",  # a valid US phone, but read out as an order number
    "ticket #4155552671",
    "on 2023-10-05 at 10:30:45, or 12/05/2023 10:30 pm",
    "from 2019 to 2023, 2024 2025 2026",
    "pin 1234",
    "phone 555-0143",  # seven digits, no area code: not a valid number
    "mail root@localhost or a@b.c",
    "a bookmark, Samuel, marial, lopezes, sampler",
    "[NAME] said [PHONE] and [PII] then **** and XXXX",
]


@pytest.mark.parametrize("text", KEPT, ids=KEPT)
def test_near_misses_kept(redactor, text):
    assert redactor.redact(text) == text


def test_find_gives_offsets_into_the_text(redactor):
    text = "Maria: card 4111 1111 1111 1111, mail m@x.org"
    spans = redactor.find(text)
    assert [(text[s.start : s.end], s.entity) for s in spans] == [
        ("Maria", "NAME"),
        ("4111 1111 1111 1111", "CREDIT_CARD"),
        ("m@x.org", "EMAIL"),
    ]
    assert all(isinstance(span, PiiSpan) for span in spans)


def test_longest_span_wins(redactor):
    # The e-mail holds a name, the IBAN holds card-shaped and phone-shaped digits.
    assert redactor.redact("maria.lopez@example.com") == "[EMAIL]"
    assert redactor.redact("DE89370400440532013000") == "[IBAN]"


def test_name_words_only_whole_words():
    redactor = Redactor(names=["Mark"])
    assert (
        redactor.redact("my bookmark, Mark and MARK. Marks")
        == "my bookmark, [NAME] and [NAME]. Marks"
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Lopez, Maria", "maria called", "[NAME] called"),
        ("Ana de la Cruz", "de la cruz, Ana de la Cruz", "de la [NAME], [NAME]"),
        ("J. R. Smith", "J. went to Smith", "J. went to [NAME]"),
        ("O'Brien", "Mr O'Brien, obrien", "Mr [NAME], obrien"),
        ("Zoë Ångström", "zoë ÅNGSTRÖM", "[NAME]"),
    ],
    ids=["last-comma-first", "particles", "initials", "apostrophe", "non-ascii"],
)
def test_multi_word_names(name, text, expected):
    assert Redactor(names=[name]).redact(text) == expected


def test_names_none_empty_and_single_letters_ignored():
    assert Redactor(names=[None, "", "  ", "A", "J."]).redact("a j. hello") == "a j. hello"


def test_one_name_as_a_plain_string():
    assert Redactor(names="Maria Lopez").redact("I am a fan, Maria") == "I am a fan, [NAME]"


def test_placeholder_named_like_a_name_stays():
    assert Redactor(names=["Name"]).redact("[NAME] is my name") == "[NAME] is my [NAME]"


def test_entities_select_what_is_redacted():
    redactor = Redactor(names=["Sam"], entities=["EMAIL"])
    assert redactor.redact("Sam, sam@x.org, 415-555-2671") == "Sam, [EMAIL], 415-555-2671"


def test_default_region_reads_national_numbers():
    text = "ring 020 7946 0958"
    assert Redactor().redact(text) == text
    assert Redactor(default_region="gb").redact(text) == "ring [PHONE]"


@pytest.mark.parametrize(
    "kwargs",
    [{"entities": ["EMAIL", "PASSPORT"]}, {"default_region": "XX"}, {"names": ["Sam", 42]}],
    ids=["entity", "region", "name"],
)
def test_bad_arguments_raise_input_error(kwargs):
    with pytest.raises(InputError) as info:
        Redactor(**kwargs)
    assert isinstance(info.value, ValueError)
    assert any(str(value).strip("[]'") in str(info.value) for value in ("PASSPORT", "XX", "42"))


def test_redact_mapping_recurses_and_keeps_keys(redactor):
    metadata = {
        "customer_name": "Maria Lopez",
        "agent_id": 17,
        "contact": {"email": "maria@example.com", "phones": ["415-555-2671", None]},
        "tags": ("vip", "sam"),
    }
    assert redactor.redact_mapping(metadata) == {
        "customer_name": "[NAME]",
        "agent_id": 17,
        "contact": {"email": "[EMAIL]", "phones": ["[PHONE]", None]},
        "tags": ("vip", "[NAME]"),
    }
    assert metadata["customer_name"] == "Maria Lopez"  # the input is not changed


def test_idempotent(redactor):
    texts = [t for t, _ in FOUND] + KEPT + ["Maria 4111111111111111 m@x.org 536-90-4399 Sam"]
    for text in texts:
        once = redactor.redact(text)
        assert redactor.redact(once) == once, text


def test_placeholders_cover_every_entity():
    assert set(PLACEHOLDERS) == set(ENTITIES)
    assert PLACEHOLDERS["US_SSN"] == "[SSN]"


def _odd_strings(rng: random.Random) -> list[str]:
    pieces = [
        "Maria",
        "4111 1111 1111 1111",
        "@",
        "a@b.co",
        "+1",
        "415-555-2671",
        "\U0001f600",
        "\u200f",
        "\u202e",
        "\ud800",
        "\udfff",
        "\x00",
        "٤١١١",
        "\uff14\uff11",
        "[NAME]",
        "[",
        "DE89",
        " ",
        "-",
        "\n",
        "é",
        "İ",
        "ß",
        "\u0301",
    ]
    # Digit-dense text costs phonenumbers ~20 us a character, hence the shorter "4 4 4".
    texts = ["", "a" * 100_000, "1" * 100_000, "4 " * 5_000, "Maria " * 17_000, "x@" * 50_000]
    for _ in range(300):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))))
        texts.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 40))))
    return texts


def test_any_unicode_never_raises(redactor):
    # hypothesis is not installed in the project venv: a seeded random loop instead.
    for text in _odd_strings(random.Random(16)):
        spans = redactor.find(text)
        out = redactor.redact(text)
        assert all(0 <= s.start < s.end <= len(text) for s in spans)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
        assert isinstance(out, str)


def test_docstring_examples():
    import doctest

    import csnlp.redact

    result = doctest.testmod(csnlp.redact)
    assert result.failed == 0 and result.attempted > 0


def test_few_digits_prefilter_passes_every_text_the_digit_scan_matches():
    # Redactor.find skips the 7-digit scan where _FEW_DIGITS fullmatches: only texts with at
    # most 6 ASCII digits may be skipped, and no such text holds a 7-digit run.
    from csnlp.redact import _DIGIT_RUN7, _FEW_DIGITS

    rng = random.Random(7)
    alphabet = "0123456789 ().-/ab٣"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        few = _FEW_DIGITS.fullmatch(text) is not None
        assert few == (sum(c in "0123456789" for c in text) <= 6), text
        if few:
            assert _DIGIT_RUN7.search(text) is None, text


def test_digit_run_scan_finds_exactly_seven_digits_with_at_most_two_separators_between():
    # _DIGIT_RUN7 is written digit first for speed; it must match where the plain reading
    # "7 digits, each pair at most 2 separators apart" does, and at the same place.
    import re

    from csnlp.redact import _DIGIT_RUN7

    plain = re.compile(r"(?:[0-9][ ().\-/]{0,2}){6}[0-9]")
    rng = random.Random(11)
    alphabet = "0123456789   ().-/a\n٣"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        ours, theirs = _DIGIT_RUN7.search(text), plain.search(text)
        assert (ours and ours.span()) == (theirs and theirs.span()), text
