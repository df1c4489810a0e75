// Faas dashboard: on the Functions tab of an app with an HTTP handler, a form that sends a request to
// /fn/{app}: method, path, query, headers and body, then the full response (status, headers, body, time).
'use strict';

(() => {
  const { h, api, report } = window.Faas;
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

  function headerLines(text) {
    const headers = new Headers();
    for (const line of text.split('\n')) {
      const colon = line.indexOf(':');
      if (line.trim() && colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      else if (line.trim()) throw new Error(`Not a header line (Name: value): ${line}`);
    }
    return headers;
  }

  async function httpPanel(app, panel) {
    let handler = 'handler';
    try {
      handler = (await api('GET', `/api/apps/${encodeURIComponent(app.suffix)}`)).handler || handler;
    } catch (error) {
      report(error);
      return;
    }
    if (!window.Faas.functionsOf(app).some((f) => f.name === handler)) return;
    const base = `/fn/${encodeURIComponent(app.suffix)}`;
    const method = h('select', { id: 'http-method', 'aria-label': 'Method' }, METHODS.map((m) => h('option', { value: m }, m)));
    const path = h('input', { type: 'text', id: 'http-path', value: '/', spellcheck: 'false', 'aria-label': 'Path after ' + base, size: 18 });
    const query = h('input', { type: 'text', id: 'http-query', placeholder: 'name=Ada&tag=x', spellcheck: 'false', 'aria-label': 'Query string', size: 24 });
    const headers = h('textarea', { class: 'code', id: 'http-headers', spellcheck: 'false', rows: 2, placeholder: 'X-Example: value' });
    const body = h('textarea', { class: 'code', id: 'http-body-input', spellcheck: 'false', rows: 3, placeholder: '{"hello": "world"}' });
    const bodyLabel = h('label', { hidden: true }, 'Body', body);
    const send = h('button', { type: 'submit', id: 'http-send' }, 'Send');
    const output = h('div', { id: 'http-result', 'aria-live': 'polite' });
    const url = () => {
      const p = path.value.trim();
      const q = query.value.trim().replace(/^\?/, '');
      return `${base}${p && p !== '/' ? (p.startsWith('/') ? p : `/${p}`) : ''}${q ? `?${q}` : ''}`;
    };
    const shown = h('code', { class: 'muted', id: 'http-url' }, url());
    const form = h('form', { class: 'panel', id: 'http-form' },
      h('h2', {}, 'HTTP request to ', h('code', {}, handler)),
      h('div', { class: 'row' }, method, h('code', {}, base), path, h('span', {}, '?'), query),
      h('label', {}, 'Headers, one per line', headers), bodyLabel,
      h('div', { class: 'row end' }, shown, h('span', { class: 'spacer' }), send), output);
    const update = () => { shown.textContent = `${method.value} ${url()}`; bodyLabel.hidden = method.value === 'GET'; };
    for (const input of [method, path, query]) input.addEventListener('input', update);
    // Just made on the New function page: its template's example request, ready to send.
    const example = sessionStorage.getItem(`faas.try.${app.suffix}`);
    sessionStorage.removeItem(`faas.try.${app.suffix}`);
    if (example !== null) query.value = example.replace(/^\?/, '');
    update();
    form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      let init;
      try {
        init = { method: method.value, headers: headerLines(headers.value), credentials: 'same-origin' };
      } catch (error) {
        output.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, error.message));
        return;
      }
      if (method.value !== 'GET' && body.value) init.body = body.value;
      send.disabled = true;
      output.replaceChildren(h('p', { class: 'muted' }, 'Sending…'));
      const started = performance.now();
      try {
        const response = await fetch(url(), init);
        const text = await response.text();
        const ms = performance.now() - started;
        output.replaceChildren(
          h('div', { class: 'result-meta' }, h('span', { class: `badge ${response.ok ? 'ok' : 'bad'}`, id: 'http-status' }, `${response.status} ${response.statusText}`),
            h('span', { class: 'muted' }, `${ms.toFixed(0)} ms`)),
          h('pre', { class: 'http-headers' }, [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n')),
          h('pre', { id: 'http-body', class: response.ok ? null : 'error-box' }, text === '' ? '(empty body)' : text));
      } catch (error) {
        output.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, `Cannot reach the server (${error.message}). Is it running?`));
      } finally {
        send.disabled = false;
      }
    });
    panel.append(form);
    if (example !== null) {
      form.scrollIntoView({ block: 'nearest' });
      send.focus();
    }
  }

  (window.Faas.after.functions = window.Faas.after.functions || []).push(httpPanel);
})();
