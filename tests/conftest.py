"""Shared fixtures: the demo web (generated once and cached) and a running demo server."""

import pytest

from pipeline.demo import ensure_demo_web
from pipeline.demo.server import DemoServer


@pytest.fixture(scope="session")
def demo_web():
    """The default demo web (cached under data/raw/demo_web/; seconds to generate)."""
    return ensure_demo_web()


@pytest.fixture(scope="session")
def demo_server(demo_web):
    """The demo web served on 127.0.0.1 for the whole test session (fast slow-drip)."""
    with DemoServer(demo_web, drip_interval=0.05) as server:
        yield server
