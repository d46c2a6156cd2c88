"""Metadata templates: rule phrases with {slots} filled from a transcript's metadata
("this is {agent_name}"), matched against a turn's normalised words."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from csnlp.nlp.normalise import normalise_phrase

Template = tuple[str, ...]  # normalised words and "{slot}" parts


def template_words(template: str) -> list[str]:
    """A template's normalised words, its {slots} kept as they are.

    >>> template_words("This is {agent_name}!")
    ['this', 'is', '{agent_name}']
    """
    out: list[str] = []
    for part in re.split(r"(\{[a-z_]+\})", template):
        if part.startswith("{") and part.endswith("}"):
            out.append(part)
        elif part.strip():
            out.extend(normalise_phrase(part))
    return out


def fill_templates(templates: tuple[Template, ...], metadata: Mapping[str, Any] | None
                   ) -> list[list[str]]:
    """The templates' words with their {slots} filled from metadata; a template with a slot
    the metadata cannot fill is left out. The result is shared: read, never change."""
    if not templates or not metadata:
        return []
    values = tuple(v if isinstance(v := metadata.get(name), str) else None
                   for name in _template_slots(templates))
    return _fill_all(templates, values)


def find_filled(filled: Sequence[list[str]], words: Sequence[str],
                spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start_char, end_char, "template") of every filled template in a turn's words."""
    out: list[tuple[int, int, str]] = []
    for template in filled:
        if template[0] not in words:
            continue
        n = len(template)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == template:
                out.append((spans[i][0], spans[i + n - 1][1], "template"))
    return out


def _slot_value(metadata: Mapping[str, Any], part: str) -> str | None:
    if not (part.startswith("{") and part.endswith("}")):
        return None
    value = metadata.get(part[1:-1])
    return value if isinstance(value, str) else None


@functools.lru_cache(maxsize=256)
def _template_slots(templates: tuple[Template, ...]) -> tuple[str, ...]:
    """The metadata keys a rule's templates name, each once, in order."""
    return tuple(dict.fromkeys(part[1:-1] for template in templates for part in template
                               if part.startswith("{") and part.endswith("}")))


@functools.lru_cache(maxsize=4096)
def _fill_all(templates: tuple[Template, ...], values: tuple[str | None, ...]
              ) -> list[list[str]]:
    """Every template of a rule that its slots' values (in `_template_slots` order) can fill,
    filled. Cached: the same agent and customer names come back transcript after transcript."""
    metadata = dict(zip(_template_slots(templates), values, strict=True))
    out = []
    for template in templates:
        filled = _fill(template, tuple(_slot_value(metadata, part) for part in template))
        if filled:
            out.append(filled)
    return out


@functools.lru_cache(maxsize=4096)
def _fill(template: Template, values: tuple[str | None, ...]) -> list[str] | None:
    """A template's words with each {slot} replaced by the first word of its metadata value
    (None when a slot has no usable value)."""
    filled: list[str] = []
    for part, value in zip(template, values, strict=True):
        if part.startswith("{") and part.endswith("}"):
            if value is None or not value.strip():
                return None
            filled.extend(normalise_phrase(value.split()[0]))
        else:
            filled.append(part)
    return filled
