// Faas dashboard: on the Versions tab, the diff between any two kept versions (GET /api/apps/{app}/diff/{a}/{b}),
// unified or side by side; long runs of unchanged lines fold to a few lines of context.
'use strict';

(() => {
  const { h, api, report } = window.Faas;
  const CONTEXT = 3;

  // Unchanged runs longer than 2 × CONTEXT keep CONTEXT lines each side of the changes and a "… n unchanged lines" row.
  function fold(lines) {
    const out = [];
    let i = 0;
    while (i < lines.length) {
      if (lines[i].type !== 'unchanged') { out.push(lines[i++]); continue; }
      let j = i;
      while (j < lines.length && lines[j].type === 'unchanged') j++;
      const keepHead = i === 0 ? 0 : CONTEXT;
      const keepTail = j === lines.length ? 0 : CONTEXT;
      if (j - i > keepHead + keepTail + 1) {
        out.push(...lines.slice(i, i + keepHead), { type: 'fold', count: j - i - keepHead - keepTail }, ...lines.slice(j - keepTail, j));
      } else {
        out.push(...lines.slice(i, j));
      }
      i = j;
    }
    return out;
  }

  const SIGN = { added: '+', removed: '−', unchanged: ' ' };
  const num = (n) => h('td', { class: 'ln' }, n === null || n === undefined ? '' : String(n));
  const foldRow = (line, span) => h('tr', { class: 'fold' }, h('td', { colspan: span }, `… ${line.count} unchanged line${line.count === 1 ? '' : 's'}`));

  // Fixed layout takes its widths from the first row, which may be a fold: the columns say them instead.
  const cols = (...kinds) => h('colgroup', {}, kinds.map((kind) => h('col', { class: kind })));

  function unified(lines) {
    return h('table', { class: 'diff unified' }, cols('ln', 'ln', 'sign', 'text'), h('tbody', {}, fold(lines).map((line) => (line.type === 'fold' ? foldRow(line, 4)
      : h('tr', { class: line.type }, num(line.oldLine), num(line.newLine), h('td', { class: 'sign', 'aria-label': line.type }, SIGN[line.type]), h('td', { class: 'text' }, line.content))))));
  }

  // Side by side: a removed run faces the added run that follows it, line for line.
  function sideBySide(lines) {
    const rows = [];
    const folded = fold(lines);
    for (let i = 0; i < folded.length;) {
      const line = folded[i];
      if (line.type === 'fold') { rows.push(foldRow(line, 4)); i++; continue; }
      if (line.type === 'unchanged') {
        rows.push(h('tr', { class: 'unchanged' }, num(line.oldLine), h('td', { class: 'text' }, line.content), num(line.newLine), h('td', { class: 'text' }, line.content)));
        i++;
        continue;
      }
      const removed = []; const added = [];
      while (i < folded.length && folded[i].type === 'removed') removed.push(folded[i++]);
      while (i < folded.length && folded[i].type === 'added') added.push(folded[i++]);
      for (let k = 0; k < Math.max(removed.length, added.length); k++) {
        const a = removed[k]; const b = added[k];
        rows.push(h('tr', {},
          num(a && a.oldLine), h('td', { class: `text ${a ? 'removed' : 'empty'}` }, a ? a.content : ''),
          num(b && b.newLine), h('td', { class: `text ${b ? 'added' : 'empty'}` }, b ? b.content : '')));
      }
    }
    return h('table', { class: 'diff split-view' }, cols('ln', 'text', 'ln', 'text'), h('tbody', {}, rows));
  }

  function fileDiff(file, mode) {
    const head = h('div', { class: 'diff-head' }, h('code', {}, file.path), h('span', { class: `badge ${file.status === 'removed' ? 'bad' : file.status === 'added' ? 'ok' : 'warn'}` }, file.status),
      h('span', { class: 'diff-count added' }, `+${file.added}`), h('span', { class: 'diff-count removed' }, `−${file.removed}`));
    return h('section', { class: 'diff-file', 'data-path': file.path }, head,
      file.binary ? h('p', { class: 'muted' }, 'A binary or large file: its lines are not compared.') : mode === 'split' ? sideBySide(file.lines) : unified(file.lines));
  }

  async function diffPanel(app, panel) {
    const versions = app.versions || [];
    if (versions.length < 2) return;
    const options = (selected) => versions.map((v) => h('option', { value: v.version, selected: v.version === selected }, `${v.version}${v.active ? ' (active)' : ''}`));
    // By default: the active version against the one before it (or the two newest).
    const activeIndex = Math.max(0, versions.findIndex((v) => v.active));
    const to = versions[Math.min(activeIndex, versions.length - 2)].version;
    const from = versions[Math.min(activeIndex, versions.length - 2) + 1].version;
    const fromSelect = h('select', { id: 'diff-from', 'aria-label': 'From version' }, options(from));
    const toSelect = h('select', { id: 'diff-to', 'aria-label': 'To version' }, options(to));
    const mode = h('select', { id: 'diff-mode', 'aria-label': 'Layout' }, h('option', { value: 'unified' }, 'Unified'), h('option', { value: 'split' }, 'Side by side'));
    mode.value = localStorage.getItem('faas.diffMode') === 'split' ? 'split' : 'unified';
    const swap = h('button', { type: 'button', class: 'ghost small', id: 'diff-swap', title: 'Swap the versions' }, '⇄');
    const output = h('div', { id: 'diff', 'aria-live': 'polite' });
    panel.append(h('div', { class: 'panel' },
      h('div', { class: 'row' }, h('h2', {}, 'Compare versions'), h('span', { class: 'spacer' }), fromSelect, swap, toSelect, mode), output));
    let answer = null;
    const draw = () => {
      if (!answer) return;
      const summary = answer.files.length
        ? `${answer.files.length} file${answer.files.length === 1 ? '' : 's'} changed from ${answer.from} to ${answer.to}.`
        : `${answer.from} and ${answer.to} have the same files.`;
      output.replaceChildren(h('p', { class: 'muted' }, summary), ...answer.files.map((f) => fileDiff(f, mode.value)));
    };
    const load = async () => {
      if (fromSelect.value === toSelect.value) {
        answer = null;
        output.replaceChildren(h('p', { class: 'muted' }, 'Pick two different versions.'));
        return;
      }
      output.replaceChildren(h('p', { class: 'muted' }, 'Comparing…'));
      try {
        answer = await api('GET', `/api/apps/${encodeURIComponent(app.suffix)}/diff/${encodeURIComponent(fromSelect.value)}/${encodeURIComponent(toSelect.value)}`);
        draw();
      } catch (error) {
        report(error, output);
      }
    };
    fromSelect.addEventListener('change', load);
    toSelect.addEventListener('change', load);
    swap.addEventListener('click', () => { [fromSelect.value, toSelect.value] = [toSelect.value, fromSelect.value]; load(); });
    mode.addEventListener('change', () => { localStorage.setItem('faas.diffMode', mode.value); draw(); });
    await load();
  }

  (window.Faas.after.versions = window.Faas.after.versions || []).push(diffPanel);
})();
