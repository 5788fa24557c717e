"""Polite, resumable collection of press releases from municipality websites.

One module per concern, so each can be read and tested alone:

- ``options``: every knob in one object that is passed down (no globals);
- ``urls``: normalisation and link filtering (courlan);
- ``politeness``: per-host turn-taking, delays, ``Retry-After``;
- ``robots``: robots.txt under RFC 9309 (Protego);
- ``fetch``: one HTTP GET with timeouts, retries, redirects and a size cap;
- ``cache``: page bodies on disk plus the JSON Lines manifest that makes runs resumable;
- ``discovery``: links out of sitemaps, feeds and paginated news listings;
- ``focus``: which links are worth fetching and which pages are worth keeping;
- ``seeds``: start URLs from the command line or a CSV of sites;
- ``crawl``: the orchestration that ties them together.

The library never configures logging; it only attaches a ``NullHandler``.
"""

from __future__ import annotations

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
