"""ICB registry through time: codes, regions, websites and the April 2026 reorganisation."""

from pipeline.registry.api import Icb, Region, Registry, UnknownIcbError, load_registry, parse_date

__all__ = ["Icb", "Region", "Registry", "UnknownIcbError", "load_registry", "parse_date"]
