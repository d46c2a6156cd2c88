"""Standards as data: YAML validated once into frozen typed objects."""

from csnlp.standards.load import StandardSet, list_packs, load_standards

__all__ = ["StandardSet", "list_packs", "load_standards"]
