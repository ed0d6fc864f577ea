// A small line chart of one consumer's lag over the dashboard's window, as SVG: no library, no canvas.
// points: [{at: epoch ms, seconds: number|null}]; a null is a gap (unknown), never drawn as 0.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 260;
const HEIGHT = 64;
const PAD = { left: 4, right: 4, top: 14, bottom: 12 };

export function formatSeconds(s) {
  if (s === null || s === undefined) return '–';
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  return `${s.toFixed(1)} s`;
}

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Round the top of the scale up to 1, 2 or 5 times a power of ten, so the label reads well.
function niceMax(max) {
  if (max <= 0) return 0.01;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= max);
}

// Runs of consecutive known points, each drawn as one polyline.
function runs(points) {
  const all = [];
  let run = [];
  for (const p of points) {
    if (p.seconds === null) { if (run.length) all.push(run); run = []; } else run.push(p);
  }
  if (run.length) all.push(run);
  return all;
}

function ago(ms) {
  return ms >= 60000 ? `${Math.round(ms / 60000)} min ago` : `${Math.max(1, Math.round(ms / 1000))} s ago`;
}

// The x axis spans the window, or less while the window is not full yet (since the first point).
export function lagChart(points, { to, windowMs, label }) {
  const inWindow = points.filter((p) => p.at >= to - windowMs);
  const from = inWindow.length > 1 ? inWindow[0].at : to - windowMs;
  const span = Math.max(1, to - from);
  const known = inWindow.filter((p) => p.seconds !== null);
  const top = niceMax(Math.max(0, ...known.map((p) => p.seconds)));
  const x = (at) => PAD.left + ((at - from) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (s) => PAD.top + (1 - s / top) * (HEIGHT - PAD.top - PAD.bottom);
  const latest = known.length ? known[known.length - 1].seconds : null;

  const svg = el('svg', { class: 'lag-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img' });
  svg.append(el('title', {}, `${label}: latest ${formatSeconds(latest)}, at most ${formatSeconds(top)} on this scale`));
  svg.append(el('line', { class: 'axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0) }));
  svg.append(el('text', { class: 'scale', x: PAD.left, y: 10 }, formatSeconds(top)));
  svg.append(el('text', { class: 'scale', x: WIDTH - PAD.right, y: 10, 'text-anchor': 'end' }, `latest ${formatSeconds(latest)}`));
  svg.append(el('text', { class: 'scale', x: PAD.left, y: HEIGHT - 1 }, ago(span)));
  svg.append(el('text', { class: 'scale', x: WIDTH - PAD.right, y: HEIGHT - 1, 'text-anchor': 'end' }, 'now'));
  for (const run of runs(inWindow)) {
    svg.append(el('polyline', { class: 'line', points: run.map((p) => `${x(p.at).toFixed(1)},${y(p.seconds).toFixed(1)}`).join(' ') }));
  }
  for (const p of known) {
    const point = el('circle', { class: 'point', cx: x(p.at).toFixed(1), cy: y(p.seconds).toFixed(1), r: 1.6 });
    point.append(el('title', {}, `${new Date(p.at).toLocaleTimeString()}: ${formatSeconds(p.seconds)}`));
    svg.append(point);
  }
  return svg;
}
