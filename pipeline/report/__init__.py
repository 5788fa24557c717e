"""Report: a self-contained static HTML page of the dataset (counts, charts, map, documents).

Built from a published output folder by :func:`write_report`; nothing on the page needs the
network, so it can be mailed, archived or opened from disk.
"""

from pipeline.report.page import write_report

__all__ = ["write_report"]
