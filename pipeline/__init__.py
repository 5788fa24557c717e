"""medborgarlöften: Swedish municipal press releases about medborgarlöften → a validated dataset.

The package reads as its data flow: ``ingest`` → ``text`` → ``nlp`` → ``extract`` → ``dataset``.
The library never configures logging; applications (the CLI) do.
"""

import logging

__version__ = "0.2.1"

#: Written into every output row so a dataset can be traced to the code that produced it.
EXTRACTOR_VERSION = f"medborgarlofte-{__version__}"

logging.getLogger(__name__).addHandler(logging.NullHandler())
