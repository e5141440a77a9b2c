"""Crawl recipes (``recipes.toml``): per-ICB differences as data over shared defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

RECIPES_PATH = Path(__file__).with_name("recipes.toml")
KNOWN_KEYS = {"start_urls", "skip_paths", "max_depth", "max_pages", "note"}


@dataclass(frozen=True)
class Recipe:
    icb_code_ods: str
    start_urls: tuple[str, ...] = ()
    skip_paths: tuple[str, ...] = ()
    max_depth: int = 5
    max_pages: int = 400
    note: str = ""
    extra: dict = field(default_factory=dict)

    def skips(self, url: str) -> bool:
        """True for pages the crawl never visits (news, contact, … and recipe-specific paths)."""
        path = urlsplit(url).path.lower()
        return any(path.startswith(prefix) for prefix in self.skip_paths)


def load_recipes(path: Path = RECIPES_PATH) -> dict[str, Recipe]:
    """Every ICB's recipe, keyed by ODS code; ``"*"`` is the default for the rest."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    defaults = data.get("defaults", {})
    recipes = {"*": _recipe("*", defaults, {}, path)}
    for code, overrides in data.get("icb", {}).items():
        recipes[code] = _recipe(code, defaults, overrides, path)
    return recipes


def _recipe(code: str, defaults: dict, overrides: dict, path: Path) -> Recipe:
    unknown = set(overrides) - KNOWN_KEYS
    if unknown:
        raise ValueError(f"{path}: recipe for {code} has unknown key(s) {sorted(unknown)}")
    return Recipe(
        icb_code_ods=code,
        start_urls=tuple(overrides.get("start_urls", ())),
        skip_paths=tuple(defaults.get("skip_paths", ())) + tuple(overrides.get("skip_paths", ())),
        max_depth=int(overrides.get("max_depth", defaults.get("max_depth", 5))),
        max_pages=int(overrides.get("max_pages", defaults.get("max_pages", 400))),
        note=overrides.get("note", ""),
    )


def recipe_for(recipes: dict[str, Recipe], icb_code_ods: str) -> Recipe:
    return recipes.get(icb_code_ods, recipes["*"])
