// Faas dashboard, the Settings tab's middle: the pool and timeout settings (read-only), the app's
// environment variables (values masked until shown; PUT /api/apps/{app}/env replaces them all) and its
// KV store (list by prefix, view, edit, delete). app.js puts it between "About" and the danger zone.
'use strict';

(() => {
  const { extensions, h, api, notify, report, confirmAction } = window.Faas;

  const ENV_NAME = /^[A-Za-z0-9_]{1,100}$/;
  const KV_PAGE = 20;
  const MASK = '••••••••';

  function error(where, message) {
    where.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, message));
  }

  function seconds(value) {
    if (value >= 3600 && value % 3600 === 0) return `${value / 3600} h`;
    if (value >= 60 && value % 60 === 0) return `${value / 60} min`;
    return `${value} s`;
  }

  // ---------- pool and timeouts ----------

  async function poolPanel(app) {
    const panel = h('div', { class: 'panel', id: 'pool-settings' }, h('h2', {}, 'Pool and timeouts'));
    try {
      const o = await api('GET', `/api/apps/${encodeURIComponent(app.suffix)}/settings`);
      const limit = (value, unit) => (value ? `${value} ${unit}` : 'none');
      const rows = [
        ['Workers per language', `${o.minWorkers} to ${o.maxWorkers}`], ['Queued calls, at most', o.maxQueuedCalls],
        ['Call timeout', seconds(o.callTimeoutSeconds)], ['Idle timeout (workers stop)', seconds(o.idleTimeoutSeconds)],
        ['Extra worker stops after', seconds(o.scaleDownAfterSeconds)], ['Memory per worker', limit(o.memoryLimitMb, 'MiB')],
        ['CPU time per worker', limit(o.cpuLimitSeconds, 's')], ['Open files', limit(o.maxOpenFiles, '')], ['Processes', limit(o.maxProcesses, '')],
        ['Largest file written', limit(o.maxFileSizeMb, 'MiB')], ['Network', o.network ? 'yes' : 'loopback only'], ['HTTP handler', h('code', {}, o.httpHandler)],
      ];
      panel.append(h('dl', { class: 'kv' }, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
        h('p', { class: 'muted' }, o.fromFile ? 'The server\'s defaults with the overrides of the active version\'s ' : 'The server\'s defaults (Faas:Pools): a ',
          h('code', {}, 'faas.json'), o.fromFile ? '.' : ' in a new version can change them.'));
    } catch (e) {
      report(e, panel.appendChild(h('div')));
    }
    return panel;
  }

  // ---------- environment variables ----------

  async function envPanel(app) {
    const path = `/api/apps/${encodeURIComponent(app.suffix)}/env`;
    const body = h('tbody');
    const result = h('div', { 'aria-live': 'polite' });
    const name = h('input', { type: 'text', id: 'env-name', placeholder: 'NAME', required: true, spellcheck: 'false', autocomplete: 'off', pattern: '[A-Za-z0-9_]{1,100}', title: 'Letters, digits or "_"' });
    const value = h('input', { type: 'text', id: 'env-value', placeholder: 'value', spellcheck: 'false', autocomplete: 'off' });
    const add = h('button', { type: 'submit', id: 'env-add' }, 'Add');
    const form = h('form', { class: 'row', id: 'env-form' }, h('label', {}, 'Name', name), h('label', { class: 'grow' }, 'Value', value), add);
    const panel = h('div', { class: 'panel', id: 'env-panel' }, h('h2', {}, 'Environment variables'),
      h('table', { id: 'env' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Value'), h('th', {}, h('span', { class: 'skip' }, 'Actions')))), body),
      form, result,
      h('p', { class: 'muted' }, 'Functions read them with env.get at their next call; saving restarts the app\'s workers (once their calls end) so their process environment has them too.'));
    let vars = {};

    const save = async (next, done) => {
      try {
        vars = await api('PUT', path, next);
        result.replaceChildren();
        fill();
        notify(done, 'success');
        return true;
      } catch (e) {
        report(e, result);
        return false;
      }
    };
    const fill = () => {
      const names = Object.keys(vars).sort();
      body.replaceChildren(...names.map(row));
      if (!names.length) body.append(h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'No variables.')));
    };
    const row = (key) => {
      const shown = h('span', { class: 'mono masked' }, MASK);
      const toggle = h('button', { type: 'button', class: 'ghost small', 'aria-pressed': 'false', 'aria-label': `Show ${key}` }, 'Show');
      toggle.addEventListener('click', () => {
        const on = toggle.getAttribute('aria-pressed') !== 'true';
        toggle.setAttribute('aria-pressed', String(on));
        toggle.textContent = on ? 'Hide' : 'Show';
        shown.textContent = on ? vars[key] : MASK;
        shown.classList.toggle('masked', !on);
      });
      const cell = h('td', {}, shown, ' ', toggle);
      const edit = h('button', { type: 'button', class: 'ghost small', 'aria-label': `Edit ${key}`, onclick: () => editRow(key, cell) }, 'Edit');
      const remove = h('button', { type: 'button', class: 'ghost small', 'aria-label': `Remove ${key}`, onclick: async () => {
        if (!await confirmAction(`Remove ${key}?`, `Functions of ${app.suffix} no longer see ${key}.`, 'Remove')) return;
        const next = { ...vars };
        delete next[key];
        await save(next, `Removed ${key}.`);
      } }, 'Remove');
      return h('tr', { 'data-name': key }, h('td', { class: 'mono' }, key), cell, h('td', { class: 'actions' }, edit, remove));
    };
    const editRow = (key, cell) => {
      const input = h('input', { type: 'text', class: 'mono grow', value: vars[key], 'aria-label': `Value of ${key}`, spellcheck: 'false', autocomplete: 'off' });
      const ok = h('button', { type: 'submit', class: 'small' }, 'Save');
      const cancel = h('button', { type: 'button', class: 'ghost small', onclick: fill }, 'Cancel');
      const editor = h('form', { class: 'row' }, input, ok, cancel);
      editor.addEventListener('submit', async (e) => {
        e.preventDefault();
        await save({ ...vars, [key]: input.value }, `Saved ${key}.`);
      });
      input.addEventListener('keydown', (e) => { if (e.key === 'Escape') fill(); });
      cell.replaceChildren(editor);
      input.focus();
    };
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const key = name.value.trim();
      if (!ENV_NAME.test(key)) { error(result, 'Names are 1 to 100 letters, digits or "_".'); return; }
      add.disabled = true;
      if (await save({ ...vars, [key]: value.value }, `Saved ${key}.`)) { name.value = ''; value.value = ''; name.focus(); }
      add.disabled = false;
    });
    try {
      vars = await api('GET', path);
      fill();
    } catch (e) {
      report(e, result);
    }
    return panel;
  }

  // ---------- the KV store ----------

  function kvPanel(app) {
    const base = `/api/apps/${encodeURIComponent(app.suffix)}/kv`;
    // Keys may hold "/": each segment is encoded on its own (the route takes the rest of the path).
    const keyPath = (key) => `${base}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const prefix = h('input', { type: 'search', id: 'kv-prefix', placeholder: 'prefix', spellcheck: 'false', 'aria-label': 'Key prefix' });
    const body = h('tbody');
    const pageInfo = h('span', { class: 'muted', id: 'kv-page' });
    const prev = h('button', { type: 'button', class: 'ghost small', id: 'kv-prev' }, '← Previous');
    const next = h('button', { type: 'button', class: 'ghost small', id: 'kv-next' }, 'Next →');
    const listResult = h('div');
    const key = h('input', { type: 'text', id: 'kv-key', placeholder: 'key', required: true, spellcheck: 'false', autocomplete: 'off' });
    const value = h('textarea', { class: 'code', id: 'kv-value', spellcheck: 'false', 'aria-label': 'Value' });
    const saveButton = h('button', { type: 'submit', id: 'kv-save' }, 'Save');
    const deleteButton = h('button', { type: 'button', class: 'ghost', id: 'kv-delete', disabled: true }, 'Delete');
    const clear = h('button', { type: 'button', class: 'ghost', id: 'kv-new' }, 'New entry');
    const editResult = h('div', { 'aria-live': 'polite' });
    const editor = h('form', { id: 'kv-editor' }, h('h3', {}, 'Entry'), h('label', {}, 'Key', key), h('label', {}, 'Value (text)', value),
      h('div', { class: 'row end' }, clear, deleteButton, saveButton), editResult);
    const panel = h('div', { class: 'panel', id: 'kv-panel' },
      h('div', { class: 'row' }, h('h2', {}, 'KV store'), h('span', { class: 'spacer' }), prefix),
      listResult,
      h('table', { id: 'kv' }, h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, h('span', { class: 'skip' }, 'Actions')))), body),
      h('div', { class: 'row end' }, pageInfo, prev, next), editor);
    let offset = 0;
    let timer = null;
    let latest = 0;

    // Only the newest listing fills the table (a prefix typed quickly answers out of order).
    const list = async () => {
      const ticket = ++latest;
      try {
        const page = await api('GET', `${base}?${new URLSearchParams({ prefix: prefix.value, limit: KV_PAGE, offset })}`);
        if (ticket !== latest) return;
        listResult.replaceChildren();
        const { total } = page.pagination;
        body.replaceChildren(...page.keys.map((k) => h('tr', { 'data-key': k },
          h('td', {}, h('button', { type: 'button', class: 'link mono', 'aria-label': `View ${k}`, onclick: () => view(k) }, k)),
          h('td', { class: 'actions' }, h('button', { type: 'button', class: 'ghost small', 'aria-label': `Delete ${k}`, onclick: () => remove(k) }, 'Delete')))));
        if (!page.keys.length) body.append(h('tr', {}, h('td', { colspan: 2, class: 'empty' }, prefix.value ? `No key starts with “${prefix.value}”.` : 'The store is empty.')));
        pageInfo.textContent = total ? `${offset + 1}–${offset + page.keys.length} of ${total}` : '';
        prev.disabled = offset === 0;
        next.disabled = offset + KV_PAGE >= total;
      } catch (e) {
        report(e, listResult);
      }
    };
    const view = async (k) => {
      try {
        value.value = await api('GET', keyPath(k), undefined, { raw: true });
        key.value = k;
        deleteButton.disabled = false;
        editResult.replaceChildren();
        value.focus();
      } catch (e) {
        report(e, editResult);
      }
    };
    const remove = async (k) => {
      if (!await confirmAction(`Delete ${k}?`, `The value of ${k} is removed from ${app.suffix}'s store.`, 'Delete')) return;
      try {
        await api('DELETE', keyPath(k));
        notify(`Deleted ${k}.`, 'success');
        if (key.value === k) { key.value = ''; value.value = ''; deleteButton.disabled = true; }
        await list();
      } catch (e) {
        report(e, editResult);
      }
    };
    editor.addEventListener('submit', async (e) => {
      e.preventDefault();
      const k = key.value;
      if (!k) { error(editResult, 'The key must not be empty.'); return; }
      saveButton.disabled = true;
      try {
        // The raw text is the value (sent as text/plain, which the KV route alone accepts).
        await api('PUT', keyPath(k), undefined, { form: value.value });
        editResult.replaceChildren();
        deleteButton.disabled = false;
        notify(`Saved ${k}.`, 'success');
        await list();
      } catch (err) {
        report(err, editResult);
      } finally {
        saveButton.disabled = false;
      }
    });
    deleteButton.addEventListener('click', () => remove(key.value));
    clear.addEventListener('click', () => { key.value = ''; value.value = ''; deleteButton.disabled = true; editResult.replaceChildren(); key.focus(); });
    prefix.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { offset = 0; list(); }, 250); });
    prev.addEventListener('click', () => { offset = Math.max(0, offset - KV_PAGE); list(); });
    next.addEventListener('click', () => { offset += KV_PAGE; list(); });
    list();
    return panel;
  }

  extensions.settings = async (app) => {
    const [pool, env] = await Promise.all([poolPanel(app), envPanel(app)]);
    return h('div', { id: 'app-settings' }, pool, env, kvPanel(app));
  };
})();
