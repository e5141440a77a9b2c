"""Crawl recipes (``recipes.toml``): per-ICB differences as data over shared defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.scrape.platforms import PLATFORMS

RECIPES_PATH = Path(__file__).with_name("recipes.toml")
KNOWN_KEYS = {"start_urls", "skip_paths", "max_depth", "max_pages", "note", "platform",
              "icb_bodies", "use_sitemaps", "download_parameters"}
PLATFORM_KEYS = {"skip_paths", "note"}


@dataclass(frozen=True)
class Recipe:
    icb_code_ods: str
    start_urls: tuple[str, ...] = ()
    skip_paths: tuple[str, ...] = ()
    max_depth: int = 5
    max_pages: int = 400
    note: str = ""
    platform: str = ""  # "" = detect from the start page
    icb_bodies: tuple[str, ...] = ()  # bodies on a shared site that are the ICB's, by name
    use_sitemaps: bool = True
    download_parameters: tuple[str, ...] = ()  # delivery-only query parameters (duplicates.py)
    platform_skip_paths: dict = field(default_factory=dict)  # platform -> its default prefixes

    def skips(self, url: str, platform: str = "", listing: str = "") -> bool:
        """True for pages the crawl never visits (contact, search, … recipe- and platform-specific
        paths); never for pages under ``listing``, the start page's own path."""
        path = urlsplit(url).path.lower()
        if listing and listing != "/" and path.startswith(listing.lower()):
            return False
        prefixes = self.skip_paths + tuple(self.platform_skip_paths.get(platform, ()))
        return any(path.startswith(prefix.lower()) for prefix in prefixes)


def load_recipes(path: Path = RECIPES_PATH) -> dict[str, Recipe]:
    """Every ICB's recipe, keyed by ODS code; ``"*"`` is the default for the rest."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    defaults = data.get("defaults", {})
    platforms = {}
    for name, table in data.get("platform", {}).items():
        if name not in PLATFORMS:
            raise ValueError(f"{path}: [platform.{name}] is not a known platform "
                             f"({', '.join(sorted(PLATFORMS))})")
        unknown = set(table) - PLATFORM_KEYS
        if unknown:
            raise ValueError(f"{path}: [platform.{name}] has unknown key(s) {sorted(unknown)}")
        platforms[name] = tuple(table.get("skip_paths", ()))
    recipes = {"*": _recipe("*", defaults, {}, path, platforms)}
    for code, overrides in data.get("icb", {}).items():
        recipes[code] = _recipe(code, defaults, overrides, path, platforms)
    return recipes


def _recipe(code: str, defaults: dict, overrides: dict, path: Path, platforms: dict) -> Recipe:
    unknown = set(overrides) - KNOWN_KEYS
    if unknown:
        raise ValueError(f"{path}: recipe for {code} has unknown key(s) {sorted(unknown)}")
    platform = overrides.get("platform", "")
    if platform and platform not in PLATFORMS:
        raise ValueError(f"{path}: recipe for {code}: platform {platform!r} is not one of "
                         f"{', '.join(sorted(PLATFORMS))}")
    return Recipe(
        platform=platform,
        icb_bodies=tuple(overrides.get("icb_bodies", ())),
        use_sitemaps=bool(overrides.get("use_sitemaps", defaults.get("use_sitemaps", True))),
        download_parameters=tuple(defaults.get("download_parameters", ())) + tuple(
            overrides.get("download_parameters", ())),
        platform_skip_paths=platforms,
        icb_code_ods=code,
        start_urls=tuple(overrides.get("start_urls", ())),
        skip_paths=tuple(defaults.get("skip_paths", ())) + tuple(overrides.get("skip_paths", ())),
        max_depth=int(overrides.get("max_depth", defaults.get("max_depth", 5))),
        max_pages=int(overrides.get("max_pages", defaults.get("max_pages", 400))),
        note=overrides.get("note", ""),
    )


def recipe_for(recipes: dict[str, Recipe], icb_code_ods: str) -> Recipe:
    return recipes.get(icb_code_ods, recipes["*"])
