"""Detectors: one per check kind, each reads annotated turns and returns a StandardResult."""

from csnlp.detectors.registry import DETECTORS, get_detector, register

__all__ = ["DETECTORS", "get_detector", "register"]
