// Hand-rolled SVG charts (no chart dependency): box plots with the samples as dots, line charts,
// and horizontal bars. Plain strings; every text is escaped.

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
const COLORS = ['#6b7280', '#2563eb', '#d97706', '#059669', '#dc2626'];
/** Figure 1's series: raw grey, bare node-fetch teal, ours blue, official orange. */
export const SERIES_COLORS = ['#6b7280', '#0d9488', '#2563eb', '#d97706'];
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.6, 2, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Deterministic jitter so the chart is the same for the same samples. */
function jitter(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

export interface BoxGroup {
  title: string;
  /** series name → samples */
  series: { name: string; values: number[] }[];
}

/**
 * One panel per group, each with its own y scale (kinds of requests differ 10×): a box (p25–p75),
 * the median line, whiskers p5–p95, and up to 300 samples as faint dots.
 */
export function boxPlots(title: string, unit: string, groups: BoxGroup[], note = ''): string {
  const panelW = 330;
  const panelH = 300;
  const top = 78;
  const left = 50;
  const width = left + groups.length * (panelW + 30) + 10;
  const height = top + panelH + 70;
  const parts: string[] = [];
  parts.push(`<text x="${left}" y="24" font-size="16" font-weight="600">${esc(title)}</text>`);
  if (note) parts.push(`<text x="${left}" y="42" font-size="11" fill="#555">${esc(note)}</text>`);
  groups.forEach((g, gi) => {
    const x0 = left + gi * (panelW + 30);
    const all = g.series.flatMap((s) => s.values).sort((a, b) => a - b);
    const yMax = niceMax(all.length ? quantile(all, 0.99) : 1);
    const y = (v: number) => top + panelH - (Math.min(v, yMax) / yMax) * panelH;
    parts.push(`<rect x="${x0}" y="${top}" width="${panelW}" height="${panelH}" fill="#fafafa" stroke="#ddd"/>`);
    for (let t = 0; t <= 4; t++) {
      const v = (yMax * t) / 4;
      parts.push(`<line x1="${x0}" x2="${x0 + panelW}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
      parts.push(`<text x="${x0 - 4}" y="${y(v) + 4}" font-size="10" text-anchor="end" fill="#555">${fmt(v)}</text>`);
    }
    parts.push(`<text x="${x0 + panelW / 2}" y="${top - 6}" font-size="12" text-anchor="middle" font-weight="600">${esc(g.title)}</text>`);
    parts.push(`<text x="${x0 - 36}" y="${top + panelH / 2}" font-size="10" fill="#555" transform="rotate(-90 ${x0 - 36} ${top + panelH / 2})" text-anchor="middle">${esc(unit)} (clipped at p99)</text>`);
    const slot = panelW / g.series.length;
    g.series.forEach((s, si) => {
      const cx = x0 + slot * (si + 0.5);
      const color = SERIES_COLORS[si % SERIES_COLORS.length];
      const v = [...s.values].sort((a, b) => a - b);
      if (!v.length) return;
      const step = Math.max(1, Math.ceil(s.values.length / 300));
      for (let i = 0; i < s.values.length; i += step) {
        parts.push(`<circle cx="${(cx + jitter(i) * slot * 0.6).toFixed(1)}" cy="${y(s.values[i]).toFixed(1)}" r="1.6" fill="${color}" fill-opacity="0.25"/>`);
      }
      const [p5, p25, p50, p75, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantile(v, q));
      const bw = slot * 0.4;
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(p95)}" y2="${y(p75)}" stroke="${color}"/>`);
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(p25)}" y2="${y(p5)}" stroke="${color}"/>`);
      parts.push(`<line x1="${cx - bw / 4}" x2="${cx + bw / 4}" y1="${y(p95)}" y2="${y(p95)}" stroke="${color}"/>`);
      parts.push(`<line x1="${cx - bw / 4}" x2="${cx + bw / 4}" y1="${y(p5)}" y2="${y(p5)}" stroke="${color}"/>`);
      parts.push(`<rect x="${cx - bw / 2}" y="${y(p75)}" width="${bw}" height="${Math.max(1, y(p25) - y(p75))}" fill="${color}" fill-opacity="0.2" stroke="${color}"/>`);
      parts.push(`<line x1="${cx - bw / 2}" x2="${cx + bw / 2}" y1="${y(p50)}" y2="${y(p50)}" stroke="${color}" stroke-width="2.5"/>`);
      parts.push(`<text x="${cx}" y="${top + panelH + 16}" font-size="10" text-anchor="middle">${esc(s.name)}</text>`);
      parts.push(`<text x="${cx}" y="${top + panelH + 30}" font-size="10" text-anchor="middle" fill="#555">med ${fmt(p50)}</text>`);
      parts.push(`<text x="${cx}" y="${top + panelH + 43}" font-size="10" text-anchor="middle" fill="#555">p95 ${fmt(p95)}</text>`);
    });
  });
  parts.push(`<text x="${left}" y="${height - 8}" font-size="10" fill="#777">box p25–p75, thick line median, whiskers p5–p95, dots: samples</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`;
}

export interface Line {
  name: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
}

/** Lines over a shared linear x and y axis from 0. */
export function lineChart(title: string, xLabel: string, yLabel: string, lines: Line[], note = ''): string {
  const width = 780;
  const height = 400;
  const left = 64;
  const top = 56;
  const w = width - left - 170;
  const h = height - top - 56;
  const xs = lines.flatMap((l) => l.points.map((p) => p.x));
  const ys = lines.flatMap((l) => l.points.map((p) => p.y));
  const xMax = niceMax(Math.max(1, ...xs));
  const yMax = niceMax(Math.max(1, ...ys));
  const X = (v: number) => left + (v / xMax) * w;
  const Y = (v: number) => top + h - (Math.max(0, v) / yMax) * h;
  const parts: string[] = [];
  parts.push(`<text x="${left}" y="24" font-size="16" font-weight="600">${esc(title)}</text>`);
  if (note) parts.push(`<text x="${left}" y="42" font-size="11" fill="#555">${esc(note)}</text>`);
  parts.push(`<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="#fafafa" stroke="#ddd"/>`);
  for (let t = 0; t <= 5; t++) {
    const yv = (yMax * t) / 5;
    const xv = (xMax * t) / 5;
    parts.push(`<line x1="${left}" x2="${left + w}" y1="${Y(yv)}" y2="${Y(yv)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${Y(yv) + 4}" font-size="10" text-anchor="end" fill="#555">${fmt(yv)}</text>`);
    parts.push(`<text x="${X(xv)}" y="${top + h + 16}" font-size="10" text-anchor="middle" fill="#555">${fmt(xv)}</text>`);
  }
  parts.push(`<text x="${left + w / 2}" y="${height - 14}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text x="16" y="${top + h / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 16 ${top + h / 2})">${esc(yLabel)}</text>`);
  lines.forEach((l, i) => {
    const color = COLORS[(i + 1) % COLORS.length];
    const d = l.points.map((p, k) => `${k ? 'L' : 'M'}${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${l.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    if (!l.dashed) for (const p of l.points) parts.push(`<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="3" fill="${color}"/>`);
    parts.push(`<line x1="${left + w + 14}" x2="${left + w + 34}" y1="${top + 10 + i * 18}" y2="${top + 10 + i * 18}" stroke="${color}" stroke-width="2"${l.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${left + w + 40}" y="${top + 14 + i * 18}" font-size="11">${esc(l.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`;
}

/** Groups of horizontal bars, each group with its own scale (e.g. seconds, MB, requests). */
export function barGroups(title: string, groups: { title: string; unit: string; bars: { name: string; value: number; color?: number }[] }[], note = ''): string {
  const width = 640;
  const rowH = 22;
  const left = 130;
  const barW = width - left - 90;
  let y = 56;
  const parts: string[] = [`<text x="16" y="24" font-size="16" font-weight="600">${esc(title)}</text>`];
  if (note) parts.push(`<text x="16" y="42" font-size="11" fill="#555">${esc(note)}</text>`);
  for (const g of groups) {
    parts.push(`<text x="16" y="${y + 12}" font-size="12" font-weight="600">${esc(g.title)}</text>`);
    y += 20;
    const max = Math.max(...g.bars.map((b) => b.value), 1e-9);
    g.bars.forEach((b, i) => {
      const bw = (b.value / max) * barW;
      parts.push(`<text x="${left - 8}" y="${y + 15}" font-size="11" text-anchor="end">${esc(b.name)}</text>`);
      parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(1, bw).toFixed(1)}" height="${rowH - 6}" fill="${COLORS[(b.color ?? i) % COLORS.length]}" fill-opacity="0.75"/>`);
      parts.push(`<text x="${left + bw + 6}" y="${y + 15}" font-size="11">${esc(`${fmt(b.value)} ${g.unit}`)}</text>`);
      y += rowH;
    });
    y += 14;
  }
  const height = y + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`;
}
