// Faas dashboard, the Charts tab: calls per minute, error rate and p50/p99 latency from the execution
// history (GET /api/apps/{app}/stats), drawn as small inline SVG charts. Colours come from classes in
// app.css (the page's CSP allows no inline style), so they follow the light and dark themes.
'use strict';

(() => {
  const { extensions, h, api, report, onCleanup } = window.Faas;

  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 600;
  const HEIGHT = 140;
  const PAD = { left: 44, right: 8, top: 8, bottom: 20 };
  const WINDOWS = ['1h', '6h', '24h'];
  const REFRESH_MS = 30000;

  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined) el.setAttribute(key, String(value));
    for (const child of children.flat(Infinity)) if (child !== null && child !== undefined) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return el;
  }

  function round(value) {
    return Math.round(value * 10) / 10;
  }

  function ms(value) {
    if (value === null || value === undefined) return '—';
    if (value === 0) return '0 ms';
    return value < 1000 ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  // A "nice" top for the y axis: 1, 2 or 5 times a power of ten, at least max.
  function niceMax(max) {
    if (!(max > 0)) return 1;
    const power = 10 ** Math.floor(Math.log10(max));
    return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max);
  }

  // series: [{ name, cls, values: (number|null)[] , kind: 'bar' | 'line' }]; one x slot per bucket.
  function chart({ id, title, unit, buckets, series, format }) {
    const n = buckets.length;
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const top = niceMax(Math.max(0, ...series.flatMap((x) => x.values.filter((v) => v !== null))));
    const x = (i) => PAD.left + (innerW * i) / n;
    const y = (v) => PAD.top + innerH - (innerH * v) / top;
    const slot = innerW / n;
    const grid = [0, 0.5, 1].map((f) => [
      s('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: round(y(top * f)), y2: round(y(top * f)) }),
      s('text', { class: 'axis', x: PAD.left - 4, y: round(y(top * f)) + 4, 'text-anchor': 'end' }, format(top * f)),
    ]);
    const ticks = [0, Math.floor(n / 2), n - 1].filter((i, k, all) => n && all.indexOf(i) === k).map((i) =>
      s('text', { class: 'axis', x: round(x(i) + slot / 2), y: HEIGHT - 4, 'text-anchor': 'middle' }, clock(buckets[i].start)));
    const marks = series.map((line) => {
      if (line.kind === 'bar') {
        return s('g', { class: line.cls }, line.values.map((v, i) => (v ? s('rect', {
          class: 'bar', x: round(x(i) + slot * 0.1), width: round(Math.max(1, slot * 0.8)), y: round(y(v)), height: round(y(0) - y(v)), 'data-value': v,
        }, s('title', {}, `${clock(buckets[i].start)}: ${format(v)} ${line.name}`)) : null)));
      }
      // A line broken where a bucket has no value (no call ended in it), with a dot on each value.
      let d = '';
      let pen = false;
      line.values.forEach((v, i) => {
        if (v === null) { pen = false; return; }
        d += `${pen ? 'L' : 'M'}${round(x(i) + slot / 2)} ${round(y(v))}`;
        pen = true;
      });
      return s('g', { class: line.cls },
        s('path', { class: 'line', d: d || null }),
        line.values.map((v, i) => (v === null ? null : s('circle', { class: 'dot', cx: round(x(i) + slot / 2), cy: round(y(v)), r: 2.2, 'data-value': v },
          s('title', {}, `${clock(buckets[i].start)}: ${line.name} ${format(v)}`)))));
    });
    const legend = series.length > 1 ? h('span', { class: 'legend' }, series.map((l) => h('span', { class: l.cls }, h('i', { class: 'swatch' }), ` ${l.name}`))) : null;
    const summary = `${title}, ${buckets.length} buckets from ${clock(buckets[0].start)}; highest ${format(top)}${unit}.`;
    return h('figure', { class: 'chart panel', id },
      h('figcaption', {}, h('strong', {}, title), legend),
      s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary }, s('title', {}, summary), grid, marks, ticks));
  }

  function tile(id, label, value) {
    return h('div', { class: 'tile', id }, h('span', { class: 'muted' }, label), h('strong', {}, value));
  }

  async function renderCharts(app, panel) {
    let span = '1h';
    const picker = h('div', { class: 'snippet-tabs', role: 'group', 'aria-label': 'Window' });
    const body = h('div', { id: 'charts' }, h('p', { class: 'muted' }, 'Loading…'));
    const updated = h('span', { class: 'muted', 'aria-live': 'polite' });
    const refresh = h('button', { type: 'button', class: 'ghost small', id: 'charts-refresh' }, 'Refresh');
    panel.append(h('div', { class: 'row title' }, h('h2', {}, 'Charts'), picker, h('span', { class: 'spacer' }), updated, refresh), body);

    let latest = 0;
    // Only the newest answer is drawn (a window picked during a refresh answers out of order).
    const load = async () => {
      const ticket = ++latest;
      try {
        const stats = await api('GET', `/api/apps/${encodeURIComponent(app.suffix)}/stats?window=${span}`);
        if (ticket !== latest) return;
        draw(stats);
        updated.textContent = `updated ${new Date().toLocaleTimeString([], { hour12: false })}`;
      } catch (error) {
        report(error, body);
      }
    };
    const pick = (w) => {
      span = w;
      for (const b of picker.children) b.setAttribute('aria-pressed', String(b.dataset.window === w));
      load();
    };
    for (const w of WINDOWS) picker.append(h('button', { type: 'button', class: 'ghost small', 'data-window': w, 'aria-pressed': String(w === span), onclick: () => pick(w) }, `last ${w}`));
    refresh.addEventListener('click', load);

    const draw = (stats) => {
      const { totals, buckets } = stats;
      const per = stats.bucketSeconds === 60 ? 'minute' : `${stats.bucketSeconds / 60} minutes`;
      const rate = (b) => (b.calls ? (100 * b.errors) / b.calls : null);
      const tiles = h('div', { class: 'tiles' },
        tile('total-calls', `Calls (${stats.window})`, totals.calls),
        tile('total-errors', 'Errors', totals.errors),
        tile('total-rate', 'Error rate', totals.calls ? `${round(rate(totals))} %` : '—'),
        tile('total-p50', 'p50', ms(totals.p50Ms)),
        tile('total-p99', 'p99', ms(totals.p99Ms)));
      if (!totals.calls) {
        body.replaceChildren(tiles, h('div', { class: 'panel empty' }, `No call in the last ${stats.window}: invoke a function, then refresh.`));
        return;
      }
      const count = (v) => String(Math.round(v * 10) / 10);
      body.replaceChildren(tiles, h('div', { class: 'grid2' },
        chart({ id: 'chart-calls', title: `Calls per ${per}`, unit: ' calls', buckets, format: count,
          series: [{ name: 'calls', cls: 's-calls', kind: 'bar', values: buckets.map((b) => b.calls) }] }),
        chart({ id: 'chart-errors', title: 'Error rate', unit: '', buckets, format: (v) => `${v < 10 && v % 1 ? v.toFixed(1) : Math.round(v)}%`,
          series: [{ name: 'errors', cls: 's-errors', kind: 'bar', values: buckets.map(rate) }] }),
        chart({ id: 'chart-latency', title: 'Latency p50 / p99', unit: '', buckets, format: ms,
          series: [
            { name: 'p50', cls: 's-p50', kind: 'line', values: buckets.map((b) => b.p50Ms) },
            { name: 'p99', cls: 's-p99', kind: 'line', values: buckets.map((b) => b.p99Ms) },
          ] })));
    };

    await load();
    const timer = setInterval(() => { if (!document.hidden) load(); }, REFRESH_MS);
    onCleanup(() => clearInterval(timer));
  }

  extensions.tabs.charts = renderCharts;
})();
