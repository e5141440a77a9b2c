"""The demo web: a generated stand-in for every ICB's website, served on 127.0.0.1.

``ensure_demo_web()`` generates (or reuses) it; ``server.DemoServer`` serves it;
``transport.mount_demo()`` points a requests session at it.
"""

from pipeline.demo.web import DEFAULT_SEED, DemoWeb, ensure_demo_web

__all__ = ["DEFAULT_SEED", "DemoWeb", "ensure_demo_web"]
