// The equity curve: cumulative realized PnL of finished positions, as an SVG step line. One series and two axes
// do not need a chart library; this keeps the node's build free of a JavaScript toolchain.
import { money, time } from './dom.js';

const svgNs = 'http://www.w3.org/2000/svg';

function s(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/** points: [{at: Date, equity: number, label: string}], in time order. */
export function drawEquity(container, points) {
  container.replaceChildren();
  if (points.length === 0) {
    container.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'No finished position yet.' }));
    return;
  }

  const width = 520;
  const height = 220;
  const pad = { left: 64, right: 12, top: 12, bottom: 28 };
  const first = points[0].at.getTime();
  const last = points[points.length - 1].at.getTime();
  const start = first - Math.max(1000, (last - first) * 0.02);
  const end = last + Math.max(1000, (last - first) * 0.02);
  const values = [0, ...points.map((p) => p.equity)];
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high - low < 1e-9) {
    high += 1;
    low -= 1;
  }
  const x = (t) => pad.left + ((t - start) / (end - start)) * (width - pad.left - pad.right);
  const y = (v) => pad.top + ((high - v) / (high - low)) * (height - pad.top - pad.bottom);

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'equity' });
  for (const v of [high, (high + low) / 2, low]) {
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, money(v)));
  }
  svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'zero' }));
  svg.append(s('text', { x: pad.left, y: height - 8, class: 'axis' }, time(new Date(first).toISOString())));
  svg.append(s('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'axis' }, time(new Date(last).toISOString())));

  // A step line: equity changes only when a position closes.
  let path = `M ${x(start)} ${y(0)}`;
  let previous = 0;
  for (const point of points) {
    path += ` H ${x(point.at.getTime())} V ${y(point.equity)}`;
    previous = point.equity;
  }
  path += ` H ${x(end)}`;
  const area = `${path} V ${y(0)} H ${x(start)} Z`;
  svg.append(s('path', { d: area, class: previous >= 0 ? 'area gain' : 'area loss' }));
  svg.append(s('path', { d: path, class: 'line' }));
  for (const point of points) {
    const dot = s('circle', { cx: x(point.at.getTime()), cy: y(point.equity), r: 3.5, class: 'dot' });
    dot.append(s('title', {}, `${time(point.at.toISOString())}: ${money(point.equity)} (${point.label})`));
    svg.append(dot);
  }
  container.append(svg);
}
