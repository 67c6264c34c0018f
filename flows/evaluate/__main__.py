"""python -m flows.evaluate {quotes,ner} GOLD ...: run the real pipeline on gold data and score it."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("quotes", "ner"):
        print("usage: python -m flows.evaluate {quotes,ner} GOLD [options]", file=sys.stderr)
        return 2
    if argv[0] == "quotes":
        from flows.evaluate.quotes import main as run
    else:
        from flows.evaluate.ner import main as run
    return run(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
