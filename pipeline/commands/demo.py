"""``demo``: generate the demo web, or serve it on 127.0.0.1."""

from __future__ import annotations

from pipeline.demo import DEFAULT_SEED, ensure_demo_web
from pipeline.errors import UserError

HELP = "generate the demo web (a stand-in for every ICB site) or serve it on 127.0.0.1"
DESCRIPTION = """\
The demo web is a generated stand-in for every ICB's website, with the site structures, broken
links, flaky servers and awkward documents real sites have, plus ground truth kept beside it. It is
cached under data/raw/demo_web/ and regenerated only when the generator, seed or scale changes.

examples:
  python -m pipeline demo generate              # the default web (about 1,800 documents)
  python -m pipeline demo generate --scale 4    # a larger web for benchmarks
  python -m pipeline demo serve                 # serve it until Ctrl-C

Serving routes by Host header: send requests to the printed address with the site's host name in
the Host header (and X-Demo-Scheme: https), or, from Python, use
pipeline.demo.transport.mount_demo(session, server), which does that for every URL unchanged.
"""


def add_arguments(parser) -> None:
    parser.add_argument("action", choices=["generate", "serve"], help="what to do")
    parser.add_argument("--scale", type=int, default=1, help="size multiplier (default 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")


def run(args) -> int:
    if args.scale < 1:
        raise UserError(f"--scale must be 1 or more, not {args.scale}")
    web = ensure_demo_web(scale=args.scale, seed=args.seed)
    sites = web.sites()
    print(f"demo web: {len(sites)} ICB sites at {web.root}")
    if args.action == "generate":
        return 0
    from pipeline.demo.server import DemoServer, wait_forever

    with DemoServer(web) as server:
        print(f"serving on {server.base_url} (route by Host header); Ctrl-C to stop")
        for row in sites[:3]:
            print(f"  e.g. curl -H 'Host: {row['host']}' {server.base_url}"
                  f"{row['start_url'].split(row['host'], 1)[1]}")
        try:
            wait_forever()
        except KeyboardInterrupt:
            print("stopped")
    return 0
