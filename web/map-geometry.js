// The world's shapes for the map: Natural Earth's 1:110m countries from the pinned
// world-atlas package, projected once per visit with d3-geo (all served from /vendor/).

// Pinned in web/package.json (tests/web/test_web_map.py checks these paths against it).
// Their UMD builds set window.d3 and window.topojson; d3-geo's reads d3-array's from
// window.d3, so the scripts load in this order. The CSP allows no import map or inline script.
const SCRIPTS = [
  "/vendor/d3-array@3.2.4/dist/d3-array.min.js",
  "/vendor/d3-geo@3.1.1/dist/d3-geo.min.js",
  "/vendor/topojson-client@3.1.0/dist/topojson-client.min.js",
];
const ATLAS = "/vendor/world-atlas@2.0.2/countries-110m.json";

/** The SVG's coordinate space; the SVG scales to its container's width. */
export const VIEW = { width: 960, height: 470 };

// Features world-atlas leaves without an ISO numeric id. Kosovo (XK) and Somaliland (XS)
// are in the record under user-assigned codes, which have no numeric code, so they are
// matched by name; N. Cyprus has no country in the record and is drawn as land.
const BY_NAME = { Kosovo: "XK", Somaliland: "XS" };
// Antarctica has no relations to show and would take a fifth of the height.
const LEFT_OUT = new Set(["010"]);

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error(`${src} did not load`)));
    document.head.append(script);
  });
}

let shapes = null;

/**
 * [{numericCode, code, name, d, centre, area}] for every drawn country: `numericCode` as
 * world-atlas has it ("478"), `code` only for those matched by name, `d` the SVG path in
 * VIEW's space, `centre` its [x, y] centroid and `area` its size there.
 */
export function worldShapes() {
  shapes ||= (async () => {
    for (const src of SCRIPTS) await loadScript(src);
    const response = await fetch(ATLAS);
    if (!response.ok) throw new Error(`${ATLAS} answered HTTP ${response.status}`);
    const topology = await response.json();
    const world = window.topojson.feature(topology, topology.objects.countries);
    world.features = world.features.filter((feature) => !LEFT_OUT.has(feature.id));
    const projection = window.d3.geoEqualEarth().fitExtent([[2, 2], [VIEW.width - 2, VIEW.height - 2]], world);
    const path = window.d3.geoPath(projection);
    return world.features.map((feature) => ({
      numericCode: feature.id ?? null,
      code: BY_NAME[feature.properties.name] ?? null,
      name: feature.properties.name,
      d: path(feature),
      centre: path.centroid(feature),
      area: path.area(feature),
    }));
  })().catch((error) => {
    shapes = null; // a later visit tries again
    throw error;
  });
  return shapes;
}
