// The world's shapes for the map: Natural Earth's countries from the pinned world-atlas
// package (1:110m for the world; 1:50m, with the small states, loaded only for a regional
// view), projected with d3-geo once per view and visit (all served from /vendor/).

// Pinned in web/package.json (tests/web/test_web_map.py checks these paths against it).
// Their UMD builds set window.d3 and window.topojson; d3-geo's reads d3-array's from
// window.d3, so the scripts load in this order. The CSP allows no import map or inline script.
const SCRIPTS = [
  "/vendor/d3-array@3.2.4/dist/d3-array.min.js",
  "/vendor/d3-geo@3.1.1/dist/d3-geo.min.js",
  "/vendor/topojson-client@3.1.0/dist/topojson-client.min.js",
];
const ATLAS = "/vendor/world-atlas@2.0.2/countries-110m.json";
const FINE_ATLAS = "/vendor/world-atlas@2.0.2/countries-50m.json";

/** The world view's coordinate space; the SVG scales to its container's width. */
export const VIEW = { width: 960, height: 470 };
const MAX_HEIGHT = 640; // a regional view as tall as this at most (the Americas would be taller)

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

let scripts = null;
const atlases = new Map();
const projected = new Map();

/** The scripts once, then an atlas's countries once (a failure is not remembered). */
function countriesOf(src) {
  scripts ||= SCRIPTS.reduce((previous, file) => previous.then(() => loadScript(file)), Promise.resolve()).catch((error) => {
    scripts = null;
    throw error;
  });
  if (!atlases.has(src)) {
    const loading = scripts.then(async () => {
      const response = await fetch(src);
      if (!response.ok) throw new Error(`${src} answered HTTP ${response.status}`);
      const topology = await response.json();
      const world = window.topojson.feature(topology, topology.objects.countries);
      world.features = world.features.filter((feature) => !LEFT_OUT.has(feature.id));
      return world;
    });
    loading.catch(() => atlases.delete(src));
    atlases.set(src, loading);
  }
  return atlases.get(src);
}

/** Points along a [west, south, east, north] box's edges: what a regional view is fitted to. */
function boxOutline([west, south, east, north]) {
  const points = [];
  for (let i = 0; i <= 10; i += 1) {
    const lon = west + ((east - west) * i) / 10;
    const lat = south + ((north - south) * i) / 10;
    points.push([lon, south], [lon, north], [west, lat], [east, lat]);
  }
  return { type: "MultiPoint", coordinates: points };
}

/**
 * {width, height, shapes} for a view (`bounds` null: the world): shapes are
 * [{numericCode, code, name, d, centre, area}], `numericCode` as world-atlas has it
 * ("478"), `code` only for those matched by name, `d` the SVG path in the view's space
 * (clipped to it; shapes wholly outside are left out), `centre` its [x, y] centroid and
 * `area` its size there.
 */
export function worldShapes(view = { bounds: null }) {
  const key = JSON.stringify(view.bounds);
  if (!projected.has(key)) {
    const result = countriesOf(view.fine ? FINE_ATLAS : ATLAS).then((world) => project(world, view.bounds));
    result.catch(() => projected.delete(key)); // a later visit tries again
    projected.set(key, result);
  }
  return projected.get(key);
}

function project(world, bounds) {
  const { d3 } = window;
  let width = VIEW.width;
  let height = VIEW.height;
  // Mercator keeps a small region's shapes true; the world and a continent are equal-area.
  const wide = !bounds || bounds[2] - bounds[0] > 60 || bounds[3] - bounds[1] > 60;
  const make = () => (wide ? d3.geoEqualEarth() : d3.geoMercator());
  let projection;
  if (!bounds) projection = make().fitExtent([[2, 2], [width - 2, height - 2]], world);
  else {
    const outline = boxOutline(bounds);
    projection = make().fitWidth(width, outline);
    const [[, top], [, bottom]] = d3.geoPath(projection).bounds(outline);
    height = Math.round(Math.min(MAX_HEIGHT, bottom - top));
    projection.fitExtent([[0, 0], [width, height]], outline).clipExtent([[0, 0], [width, height]]);
  }
  const path = d3.geoPath(projection);
  // A state's size and centre are its whole shape's, not the part left inside the view.
  const whole = d3.geoPath(make().scale(projection.scale()).translate(projection.translate()));
  const shapes = [];
  for (const feature of world.features) {
    const d = path(feature);
    if (!d) continue; // outside the view
    const centre = whole.centroid(feature);
    shapes.push({ numericCode: feature.id ?? null, code: BY_NAME[feature.properties.name] ?? null, name: feature.properties.name, d, centre, area: whole.area(feature) });
  }
  return { width, height, shapes };
}
