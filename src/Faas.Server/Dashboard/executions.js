// Faas dashboard, the Executions tab: an app's execution history, paginated and filtered, and one
// execution's detail (masked event, status, error with its source lines or the result, log lines).
'use strict';

(() => {
  const { extensions, h, api, report, timeCell, functionsOf } = window.Faas;

  const PAGE = 20;
  const STATUSES = ['success', 'error', 'timeout', 'pending'];
  const BADGE = { success: 'ok', error: 'bad', timeout: 'bad', pending: 'warn' };

  function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
  }

  function badge(status) {
    return h('span', { class: `badge ${BADGE[status] || ''}` }, status);
  }

  function select(id, label, values) {
    return h('label', {}, label, h('select', { id }, h('option', { value: '' }, 'all'), values.map((v) => h('option', { value: v }, v))));
  }

  async function renderExecutions(app, panel) {
    const names = [...new Set(functionsOf(app).map((f) => f.name))].sort();
    const status = select('exec-status', 'Status', STATUSES);
    const func = select('exec-function', 'Function', names);
    const trigger = select('exec-trigger', 'Trigger', ['call', 'http']);
    const refresh = h('button', { type: 'button', class: 'ghost', id: 'exec-refresh' }, 'Refresh');
    const body = h('tbody');
    const table = h('table', { id: 'executions' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Function'), h('th', {}, 'Trigger'), h('th', {}, 'Status'),
        h('th', { class: 'num' }, 'Duration'), h('th', {}, 'Version'))),
      body);
    const pageInfo = h('span', { class: 'muted', id: 'exec-page', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', class: 'ghost small', id: 'exec-prev' }, '← Newer');
    const next = h('button', { type: 'button', class: 'ghost small', id: 'exec-next' }, 'Older →');
    const listError = h('div');
    const detail = h('div', { id: 'execution-detail' });
    panel.append(
      h('div', { class: 'panel' },
        h('div', { class: 'row filters' }, h('h2', {}, 'Executions'), h('span', { class: 'spacer' }), status, func, trigger, refresh),
        listError, table, h('div', { class: 'row end' }, pageInfo, prev, next)),
      detail);

    let offset = 0;
    let selected = null;
    let latest = 0;
    // Only the newest request fills the table: filters changed quickly answer out of order.
    const load = async () => {
      const ticket = ++latest;
      const query = new URLSearchParams({ limit: PAGE, offset });
      for (const [name, control] of [['status', status], ['function', func], ['trigger', trigger]]) {
        const value = control.querySelector('select').value;
        if (value) query.set(name, value);
      }
      try {
        const page = await api('GET', `/api/apps/${encodeURIComponent(app.suffix)}/executions?${query}`);
        if (ticket !== latest) return;
        listError.replaceChildren();
        fill(page);
      } catch (error) {
        report(error, listError);
      }
    };
    const fill = (page) => {
      const { total } = page.pagination;
      body.replaceChildren(...page.executions.map(row));
      if (!page.executions.length) {
        body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, total || offset ? 'No execution on this page.' : 'No execution matches: call a function, then refresh.')));
      }
      pageInfo.textContent = total ? `${offset + 1}–${offset + page.executions.length} of ${total}` : '';
      if (page.dropped) pageInfo.textContent += ` (${page.dropped} records dropped by a busy history writer)`;
      prev.disabled = offset === 0;
      next.disabled = offset + PAGE >= total;
    };
    const row = (e) => h('tr', { 'data-id': e.id, 'data-status': e.status, 'aria-selected': String(e.id === selected) },
      h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Open execution ${e.id}`, onclick: () => open(e.id) }, timeCell(e.startedAt))),
      h('td', { class: 'mono' }, e.function),
      h('td', {}, e.trigger),
      h('td', {}, badge(e.status), e.httpStatus ? h('span', { class: 'muted' }, ` ${e.httpStatus}`) : null),
      h('td', { class: 'num' }, duration(e.durationMs)),
      h('td', { class: 'mono muted' }, e.version));
    const open = async (id) => {
      selected = id;
      for (const tr of body.querySelectorAll('tr[data-id]')) tr.setAttribute('aria-selected', String(tr.dataset.id === id));
      detail.replaceChildren(h('p', { class: 'muted' }, 'Loading the execution…'));
      try {
        const answer = await api('GET', `/api/executions/${encodeURIComponent(id)}`);
        if (selected !== id) return;
        detail.replaceChildren(detailPanel(answer.execution, answer.logs));
        detail.querySelector('h2').focus();
      } catch (error) {
        report(error, detail);
      }
    };
    for (const control of [status, func, trigger]) control.addEventListener('change', () => { offset = 0; load(); });
    refresh.addEventListener('click', load);
    prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
    next.addEventListener('click', () => { offset += PAGE; load(); });
    await load();
  }

  function detailPanel(e, logs) {
    const facts = [
      ['Id', h('code', {}, e.id)], ['Function', h('code', {}, e.function)], ['Version', e.version], ['Trigger', e.trigger],
      ['Status', [badge(e.status), e.httpStatus ? ` HTTP ${e.httpStatus}` : '']], ['Started', [timeCell(e.startedAt), ` (${new Date(e.startedAt).toLocaleString()})`]],
      ['Duration', duration(e.durationMs)],
    ];
    return h('div', { class: 'panel' },
      h('h2', { tabindex: '-1' }, 'Execution ', h('code', {}, e.id)),
      h('dl', { class: 'kv' }, facts.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
      h('h3', {}, e.error ? 'Error' : 'Result'),
      e.error ? errorNode(e.error)
        : e.result != null ? h('pre', { id: 'execution-result' }, prettyResult(e.result))
        : h('p', { class: 'muted', id: 'execution-result' }, e.status === 'pending' ? 'Still running.'
          : `Succeeded${e.httpStatus ? ` with HTTP ${e.httpStatus}` : ''}. No value kept (a binary body, a server app, or recorded before results were kept).`),
      h('h3', {}, 'Event ', h('span', { class: 'muted' }, '(secrets masked)')),
      e.event ? h('pre', { id: 'execution-event' }, JSON.stringify(e.event, null, 2))
        : h('p', { class: 'muted', id: 'execution-event' }, e.trigger === 'http' ? 'No event kept.' : 'A Hub call: its arguments are not kept.'),
      h('h3', {}, `Log lines (${logs.length})`),
      logs.length
        ? h('table', { id: 'execution-logs' }, h('tbody', {}, logs.map((l) => h('tr', {},
          h('td', { class: 'mono muted nowrap' }, new Date(l.at).toLocaleTimeString([], { hour12: false, fractionalSecondDigits: 3 })),
          h('td', {}, h('span', { class: `badge ${l.level === 'error' ? 'bad' : l.level === 'warn' ? 'warn' : ''}` }, l.level)),
          h('td', { class: 'mono pre' }, l.message)))))
        : h('p', { class: 'muted', id: 'execution-logs' }, 'The function logged nothing (console output goes to the app\'s log).'));
  }

  // The kept result: pretty-printed when it is JSON (not cut), else as stored.
  function prettyResult(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }

  // The error text: the message, then "  at file:line" and the source lines around it, the failing one marked "> ".
  function errorNode(text) {
    return h('pre', { class: 'error-box source', id: 'execution-error' },
      text.split('\n').map((line, i) => [i ? '\n' : '', /^> +\d+ \|/.test(line) ? h('mark', {}, line) : line]));
  }

  extensions.tabs.executions = renderExecutions;
})();
