// The report's own behaviour: draw the charts, redraw the map when a control changes,
// and filter the document table as the reader types. Data comes from #page-data.
(function () {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const options = { renderer: "svg", actions: false };
  const MAX_LABELS = 15;

  function draw(id, spec) {
    return vegaEmbed("#" + id, spec, options).catch(function (err) {
      document.getElementById(id).textContent = "This chart could not be drawn: " + err;
      console.error(err);
    });
  }

  draw("chart-frequency", page.specs.frequency);
  draw("chart-by-year", page.specs.by_year);
  draw("chart-county", page.specs.county);

  const colourBy = document.getElementById("colour-by");
  const year = document.getElementById("map-year");

  function mapSpec(zoomed) {
    const spec = structuredClone(page.specs.map);
    const yearFilter = { filter: "datum.year === " + JSON.stringify(year.value) };
    spec.layer[1].transform[0] = yearFilter;
    spec.layer[1].encoding.color = page.colours[colourBy.value];
    if (colourBy.value === "n_areas") {
      // a promise whose documents state no focus areas has no count: it stays grey, not "null"
      spec.layer[1].transform.splice(1, 0, { filter: "datum.n_areas !== null" });
    }
    const shown = spec.datasets.rows.filter(function (r) { return r.year === year.value; }).length;
    if (zoomed && page.zoomCounties.length) {
      spec.layer[0].transform.push({
        filter: "indexof(" + JSON.stringify(page.zoomCounties) + ", slice(datum.id, 0, 2)) >= 0",
      });
      if (shown > MAX_LABELS) return spec;  // names would overlap into an unreadable blot
      spec.layer.push({
        data: { name: "rows" },
        transform: [
          yearFilter,
          { lookup: "code", from: { data: { name: "sweden" }, key: "id", fields: ["properties"] } },
        ],
        mark: { type: "text", fontSize: 10, fontWeight: "bold", dy: -8 },
        encoding: {
          longitude: { field: "properties.lon", type: "quantitative" },
          latitude: { field: "properties.lat", type: "quantitative" },
          text: { field: "municipality", type: "nominal" },
        },
      });
    }
    return spec;
  }

  function drawMap() {
    draw("map", mapSpec(false));
    draw("map-zoom", mapSpec(true));
  }
  [colourBy, year].forEach(function (el) {
    el.addEventListener("change", drawMap);
  });
  drawMap();

  const search = document.getElementById("doc-search");
  const relevantOnly = document.getElementById("doc-relevant");
  const count = document.getElementById("doc-count");
  const docs = Array.from(document.querySelectorAll("#documents tbody.doc"));
  const texts = docs.map(function (tbody) {
    return tbody.textContent.toLowerCase();
  });

  function filterDocuments() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    docs.forEach(function (tbody, i) {
      const match =
        words.every(function (w) { return texts[i].includes(w); }) &&
        (!relevantOnly.checked || tbody.dataset.relevant === "true");
      tbody.hidden = !match;
      shown += match ? 1 : 0;
    });
    count.textContent = shown + " of " + docs.length + " documents";
  }
  search.addEventListener("input", filterDocuments);
  relevantOnly.addEventListener("change", filterDocuments);
  filterDocuments();
})();
