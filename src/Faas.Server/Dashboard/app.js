// Faas dashboard: plain JavaScript, no framework, no build step. Routes live in the URL hash
// (#/, #/apps/<name>/<tab>) so the server serves one page at "/" and every other path keeps its 404.
'use strict';

(() => {
  const main = document.getElementById('main');
  const notices = document.getElementById('notices');
  const crumbs = document.getElementById('crumbs');

  // MetaCall type ids (metacall_value_id) as names; 20 (invalid) is what untyped languages report: "any".
  const TYPE_NAMES = ['bool', 'char', 'short', 'int', 'long', 'float', 'double', 'string', 'buffer', 'array', 'map',
    'ptr', 'future', 'function', 'null', 'class', 'object', 'exception', 'throwable', 'size', 'any'];
  const LANGUAGE_NAMES = { node: 'Node.js', py: 'Python', rb: 'Ruby', ts: 'TypeScript', cs: 'C#', file: 'Static files', lua: 'Lua' };

  // The app page's tabs; the other dashboard scripts draw code, executions and charts.
  const TABS = [
    { id: 'functions', title: 'Functions', render: renderFunctions },
    { id: 'versions', title: 'Versions', render: renderVersions },
    { id: 'logs', title: 'Logs', render: renderLogs },
    { id: 'code', title: 'Code' },
    { id: 'executions', title: 'Executions', render: (app, panel) => extensions.tabs.executions(app, panel) },
    { id: 'charts', title: 'Charts', render: (app, panel) => extensions.tabs.charts(app, panel) },
    { id: 'settings', title: 'Settings', render: renderSettings },
  ];

  // What executions.js, charts.js and settings.js add (they load after this file, before the first route).
  const extensions = { tabs: {}, settings: null };

  const state = { apps: null, prefix: null, view: null, cleanup: [], signedIn: sessionStorage.getItem('faas.signedIn') === '1' };

  // Hooks for the dashboard's other scripts (editor.js, newfunction.js, diff.js...), loaded after this one:
  // tabs[id](app, panel) draws an app tab, after[id] = [fn(app, panel)] add to one, views[name](route) draws #/<name>.
  const hooks = { tabs: {}, after: {}, views: {} };

  // ---------- small helpers ----------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function show(...nodes) {
    main.replaceChildren(...nodes);
  }

  function onCleanup(fn) {
    state.cleanup.push(fn);
  }

  function relativeTime(iso) {
    if (!iso) return '—';
    const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    if (Number.isNaN(seconds)) return iso;
    if (seconds < 45) return 'just now';
    const units = [[60, 'minute'], [3600, 'hour'], [86400, 'day']];
    let value = seconds / 60; let unit = 'minute';
    for (const [size, name] of units) { if (seconds >= size) { value = seconds / size; unit = name; } }
    value = Math.round(value);
    return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
  }

  function timeCell(iso) {
    return h('time', { datetime: iso || null, title: iso ? new Date(iso).toLocaleString() : null }, relativeTime(iso));
  }

  function statusBadge(status) {
    return h('span', { class: `badge ${status}` }, status);
  }

  // ---------- notices ----------

  function notify(message, kind = 'error', timeout = kind === 'error' ? 0 : 4000) {
    const close = h('button', { type: 'button', class: 'ghost small', 'aria-label': 'Dismiss' }, '×');
    const note = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-at': Date.now() }, h('div', { class: 'text' }, message), close);
    close.addEventListener('click', () => note.remove());
    notices.append(note);
    if (timeout) setTimeout(() => note.remove(), timeout);
    return note;
  }

  // On navigation: errors and older notes go; a success shown just before the navigation it caused stays.
  function clearNotices(onNavigation = false) {
    for (const note of [...notices.children]) {
      if (!onNavigation || note.classList.contains('error') || Date.now() - Number(note.dataset.at) > 1500) note.remove();
    }
  }

  // ---------- the API ----------

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  // Every admin call: JSON in (the browser guard wants Content-Type: application/json), text or JSON out.
  // 401 opens the login page; an unreachable server and 4xx/5xx become ApiErrors with a readable message.
  async function api(method, path, body, { form, expected = [], raw = false } = {}) {
    const init = { method, headers: {}, credentials: 'same-origin' };
    if (form) init.body = form;
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, `Cannot reach the server at ${location.origin} (${e.message}). Is it running?`);
    }
    const text = await response.text();
    if (response.ok || expected.includes(response.status)) {
      if (raw) return text;
      try { return text ? JSON.parse(text) : null; } catch { return text; }
    }
    if (response.status === 401 && path !== '/api/login') {
      showLogin(text);
      throw new ApiError(401, null);
    }
    throw new ApiError(response.status, `${method} ${path} answered ${response.status}: ${errorText(text) || response.statusText}`);
  }

  function errorText(text) {
    try { const json = JSON.parse(text); if (json && typeof json.error === 'string') return json.error; } catch { /* plain text */ }
    return text;
  }

  // Shows an ApiError (or anything thrown) on the page; a 401 already showed the login page.
  function report(error, where) {
    if (error instanceof ApiError && error.status === 401) return;
    const message = error && error.message ? error.message : String(error);
    if (where) where.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, message));
    else notify(message);
  }

  async function loadApps() {
    const apps = await api('GET', '/api/inspect');
    state.apps = apps;
    if (apps.length) state.prefix = apps[0].prefix;
    return apps;
  }

  function languagesOf(app) {
    return Object.keys(app.packages || {});
  }

  function functionsOf(app) {
    const funcs = [];
    for (const [language, handles] of Object.entries(app.packages || {})) {
      for (const handle of handles) {
        for (const func of (handle.scope && handle.scope.funcs) || []) funcs.push({ ...func, language, script: handle.name });
      }
    }
    return funcs;
  }

  // The newest version's time (versions come newest first), or a newer failed deploy's.
  function lastDeploy(app) {
    const newest = (app.versions || [])[0];
    const failed = app.lastFailure && app.lastFailure.at;
    if (!newest) return failed || null;
    return failed && new Date(failed) > new Date(newest.createdAt) ? failed : newest.createdAt;
  }

  function activeVersion(app) {
    return (app.versions || []).find((v) => v.active);
  }

  // ---------- router ----------

  function parseRoute() {
    const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'apps' && parts[1]) return { view: 'app', app: parts[1], tab: parts[2] || 'functions' };
    if (parts[0] && hooks.views[parts[0]]) return { view: parts[0], parts: parts.slice(1) };
    return { view: 'apps' };
  }

  // A render that awaited the API draws only if no navigation happened meanwhile (a quick click
  // must not be overwritten by the slower page it left).
  function navigation() {
    const n = state.navigations;
    return () => n === state.navigations;
  }

  async function route() {
    state.navigations = (state.navigations || 0) + 1;
    for (const fn of state.cleanup.splice(0)) { try { fn(); } catch { /* already gone */ } }
    const r = parseRoute();
    state.view = r;
    try {
      if (r.view === 'app') await renderApp(r.app, r.tab);
      else if (hooks.views[r.view]) await hooks.views[r.view](r);
      else await renderApps();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      show(h('div', { class: 'panel' }, h('h2', {}, 'Something went wrong'), h('div', { class: 'error-box', role: 'alert' }, e.message || String(e)),
        h('button', { type: 'button', onclick: () => route() }, 'Try again')));
    }
  }

  function setCrumbs(...items) {
    crumbs.replaceChildren(...items.flatMap((item, i) => [i ? ' / ' : '', item]));
  }

  // ---------- apps list ----------

  async function renderApps() {
    setCrumbs(h('a', { href: '#/' }, 'Apps'));
    document.title = 'Apps · Faas';
    const current = navigation();
    const apps = await loadApps();
    const calls = await loadCallCounts();
    if (!current()) return;
    const search = h('input', { type: 'search', placeholder: 'Search apps, languages, functions…  ( / )', 'aria-label': 'Search apps', id: 'search', size: 40 });
    const body = h('tbody');
    const table = h('table', { id: 'apps' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'App'), h('th', {}, 'Status'), h('th', {}, 'Languages'), h('th', {}, 'Version'), h('th', { class: 'num' }, 'Functions'),
        h('th', { class: 'num', title: 'Calls started in the last hour (the execution history)' }, 'Calls 1 h'),
        h('th', { class: 'num', title: 'Calls that ended in an error or a timeout in the last hour' }, 'Errors 1 h'),
        h('th', {}, 'Last deploy'), h('th', {}, h('span', { class: 'skip' }, 'Actions')))),
      body);

    const fill = () => {
      const query = search.value.trim().toLowerCase();
      const rows = apps.filter((app) => !query || [app.suffix, app.status, ...languagesOf(app), ...functionsOf(app).map((f) => f.name)]
        .some((text) => text.toLowerCase().includes(query)));
      body.replaceChildren(...rows.map((app) => appRow(app, calls.get(app.suffix))));
      if (!rows.length) {
        body.append(h('tr', {}, h('td', { colspan: 9, class: 'empty' },
          apps.length ? `No app matches “${search.value}”.` : 'No apps yet: drop a zip or a folder on this page, or deploy from a git repository below.')));
      }
    };
    search.addEventListener('input', fill);
    fill();

    show(
      h('div', { class: 'row title' }, h('h1', {}, 'Apps'), h('span', { class: 'muted' }, `${apps.length} deployed`), h('span', { class: 'spacer' }), search,
        h('button', { type: 'button', class: 'ghost', onclick: () => route(), title: 'Reload the list' }, 'Refresh')),
      h('div', { class: 'panel', style: null }, table),
      h('div', { class: 'grid2' }, uploadPanel({ title: 'Deploy a zip', app: null }), gitPanel()));
    const keys = (e) => {
      if (e.key === '/' && !['INPUT', 'TEXTAREA'].includes(document.activeElement.tagName)) { e.preventDefault(); search.focus(); }
    };
    document.addEventListener('keydown', keys);
    onCleanup(() => document.removeEventListener('keydown', keys));
    // While an app is being deployed (from here, the CLI or another tab), the list refreshes itself.
    if (apps.some((app) => app.deploying || app.status === 'create')) {
      const timer = setTimeout(() => { if (!search.value && document.activeElement !== search) route(); }, 3000);
      onCleanup(() => clearTimeout(timer));
    }
  }

  // Calls and errors in the last hour, by app name.
  async function loadCallCounts() {
    const summary = await api('GET', '/api/executions/summary?window=1h');
    return new Map(summary.apps.map((a) => [a.app, a]));
  }

  function appRow(app, calls = { calls: 0, errors: 0 }) {
    const version = activeVersion(app);
    const href = `#/apps/${encodeURIComponent(app.suffix)}`;
    return h('tr', { 'data-app': app.suffix },
      h('td', {}, h('a', { href }, h('strong', {}, app.suffix))),
      h('td', {}, statusBadge(app.status), app.deploying ? h('span', { class: 'muted' }, ` deploying ${app.deploying}`) : null,
        app.lastFailure && !app.error ? h('span', { class: 'badge bad', title: app.lastFailure.error }, `${app.lastFailure.version} failed`) : null),
      h('td', {}, languagesOf(app).map((l) => h('span', { class: 'badge lang', title: LANGUAGE_NAMES[l] || l }, l))),
      h('td', { class: 'mono' }, version ? version.version : '—'),
      h('td', { class: 'num' }, functionsOf(app).length),
      h('td', { class: calls.calls ? 'num calls' : 'num calls muted' }, calls.calls),
      h('td', { class: calls.errors ? 'num errors bad-text' : 'num errors muted' }, calls.errors),
      h('td', {}, timeCell(lastDeploy(app))),
      h('td', {}, h('button', { type: 'button', class: 'ghost small', 'aria-label': `Delete ${app.suffix}`, onclick: () => deleteApp(app.suffix) }, 'Delete')));
  }

  // ---------- deploying ----------

  const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

  function nameFromFile(file) {
    const base = file.name.replace(/\.(zip|tar\.gz|tgz)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
    return base.slice(0, 100) || 'app';
  }

  // The server's upload limits (GET /api/limits), asked once.
  let limits = null;
  async function uploadLimits() {
    limits = limits || await api('GET', '/api/limits');
    return limits;
  }

  // A zip or .tar.gz, or a folder zipped here (zip.js) → PUT /api/apps/{name}: a new app, or the next version of `app`.
  function uploadPanel({ title, app }) {
    const file = h('input', { type: 'file', accept: '.zip,.tar.gz,.tgz,application/zip,application/gzip', id: app ? 'version-file' : 'deploy-file' });
    const folderInput = h('input', { type: 'file', webkitdirectory: true, id: app ? 'version-folder' : 'deploy-folder' });
    const name = h('input', { type: 'text', id: 'deploy-name', placeholder: 'app name', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}', title: 'Letters, digits, ".", "_" or "-", starting with a letter or digit', value: app || null, readonly: app ? true : null });
    const button = h('button', { type: 'submit', id: app ? 'deploy-version' : 'deploy' }, app ? 'Deploy new version' : 'Deploy');
    const result = h('div', { class: 'deploy-result', 'aria-live': 'polite' });
    // The native inputs stay (keyboard focus, tests' setInputFiles) but out of sight: each is opened by its own labelled button.
    const hint = h('span', { class: 'drop-hint' }, 'Drop a ', h('code', {}, '.zip'), ', ', h('code', {}, '.tar.gz'), ' or a folder here, or choose one:');
    const drop = h('div', { class: 'drop' }, hint, h('span', { class: 'picks' },
      h('label', { class: 'pick' }, file, 'Choose a zip…'), h('label', { class: 'pick' }, folderInput, 'Choose a folder…')));
    const form = h('form', { class: 'panel', id: app ? 'version-form' : 'deploy-form' }, h('h2', {}, title), drop,
      h('div', { class: 'row', style: null }, app ? null : h('label', {}, 'Name', name), h('span', { class: 'spacer' }), button), result);
    let chosen = null;
    // A File, or a folder ({ name, files, size } from zip.js, zipped on submit).
    const choose = (f) => {
      if (!f) return;
      chosen = f;
      if (!app && (!name.value || name.dataset.auto === '1')) { name.value = nameFromFile(f); name.dataset.auto = '1'; }
      const what = f.files ? `${f.name}/ (${f.files.length} files, ${Math.ceil(f.size / 1024)} KiB)` : `${f.name} (${Math.ceil(f.size / 1024)} KiB)`;
      hint.replaceChildren(h('strong', {}, what), ' chosen. Drop or choose another:');
    };
    // A dropped folder is read (recursively) from its entry; a dropped file is used as it is.
    const take = (dataTransfer) => {
      const entry = window.FaasZip.droppedFolder(dataTransfer);
      if (entry) window.FaasZip.fromEntry(entry).then(choose, (error) => report(error, result));
      else choose(dataTransfer.files[0]);
    };
    file.addEventListener('change', () => choose(file.files[0]));
    folderInput.addEventListener('change', () => choose(window.FaasZip.fromFileList(folderInput.files)));
    name.addEventListener('input', () => { name.dataset.auto = '0'; });
    const over = (e) => { e.preventDefault(); drop.classList.add('over'); };
    drop.addEventListener('dragover', over);
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault(); drop.classList.remove('over');
      take(e.dataTransfer);
    });
    // A file dropped anywhere on the page lands in this form (the first one on the page).
    const pageDrop = (e) => {
      if (e.defaultPrevented || !e.dataTransfer || !e.dataTransfer.files.length) return;
      e.preventDefault();
      take(e.dataTransfer);
      form.scrollIntoView({ block: 'nearest' });
    };
    const pageOver = (e) => { if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault(); };
    document.addEventListener('dragover', pageOver);
    document.addEventListener('drop', pageDrop);
    onCleanup(() => { document.removeEventListener('dragover', pageOver); document.removeEventListener('drop', pageDrop); });

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const target = app || name.value.trim();
      if (!chosen) { result.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, 'Choose or drop a zip or a folder first.')); return; }
      if (!NAME_PATTERN.test(target)) {
        result.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, 'App names are 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit.'));
        return;
      }
      const data = new FormData();
      button.disabled = true;
      try {
        const { maxUploadBytes, maxPackageEntries } = await uploadLimits();
        const sizeText = (n) => (n < 1048576 ? `${Math.ceil(n / 1024)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
        const tooLarge = (size) => new Error(`${chosen.name} is ${sizeText(size)}: this server accepts uploads up to ${sizeText(maxUploadBytes)} (Faas:Storage:MaxPackageBytes). Nothing was sent.`);
        if (chosen.files && !chosen.files.length) throw new Error(`${chosen.name}/ has no files to deploy (hidden entries and node_modules, target, __pycache__, venv, dist, build folders are left out).`);
        if (chosen.files && chosen.files.length > maxPackageEntries) throw new Error(`${chosen.name}/ has ${chosen.files.length} files; this server accepts at most ${maxPackageEntries}.`);
        if (chosen.size > maxUploadBytes) throw tooLarge(chosen.size);
        if (chosen.files) {
          result.replaceChildren(h('p', { class: 'muted' }, `Zipping ${chosen.name}/…`));
          const zipped = await window.FaasZip.zip(chosen.files);
          if (zipped.size > maxUploadBytes) throw tooLarge(zipped.size);
          data.append('raw', zipped, `${chosen.name}.zip`);
        } else {
          data.append('raw', chosen, chosen.name);
        }
        result.replaceChildren(h('p', { class: 'muted' }, `Deploying ${target}… (installing dependencies can take a while)`));
        const answer = await api('PUT', `/api/apps/${encodeURIComponent(target)}`, undefined, { form: data });
        result.replaceChildren(h('p', {}, `Deployed ${answer.suffix} ${answer.version}.`));
        notify(`Deployed ${answer.suffix} ${answer.version}.`, 'success');
        if (app) await route();
        else location.hash = `#/apps/${encodeURIComponent(answer.suffix)}`;
      } catch (error) {
        report(error.status === 422 ? new Error(`The deploy failed (422):\n${error.message.replace(/^.*?answered 422: /s, '')}`) : error, result);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  function gitPanel() {
    // Text, not type=url: git also takes scp-like addresses (git@host:owner/repo.git) and, when allowed, local paths.
    const url = h('input', { type: 'text', inputmode: 'url', id: 'git-url', placeholder: 'https://github.com/owner/repo.git', required: true, spellcheck: 'false' });
    const branch = h('input', { type: 'text', id: 'git-branch', value: 'main', required: true, size: 12 });
    const button = h('button', { type: 'submit', id: 'git-deploy' }, 'Deploy');
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'panel', id: 'git-form' }, h('h2', {}, 'Deploy from git'),
      h('div', { class: 'row' }, h('label', { style: null }, 'Repository URL', url), h('label', {}, 'Branch', branch), h('span', { class: 'spacer' }), button),
      h('p', { class: 'muted' }, 'The app is named ', h('code', {}, '<owner>-<repo>'), '; deploying it again makes a new version.'), result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      button.disabled = true;
      result.replaceChildren(h('p', { class: 'muted' }, 'Cloning and deploying…'));
      try {
        const added = await api('POST', '/api/repository/add', { url: url.value.trim(), branch: branch.value.trim() });
        const answer = await api('POST', '/api/deploy/create', { suffix: added.id, resourceType: 'Repository' });
        notify(`Deployed ${answer.suffix} ${answer.version}.`, 'success');
        location.hash = `#/apps/${encodeURIComponent(answer.suffix)}`;
      } catch (error) {
        report(error, result);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  // ---------- confirmation ----------

  function confirmAction(title, text, action) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-ok').textContent = action;
    dialog.returnValue = 'cancel';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.showModal();
      document.getElementById('confirm-cancel').focus();
    });
  }

  async function deleteApp(name) {
    if (!await confirmAction(`Delete ${name}?`, `Its versions, files and logs are removed, and its functions stop answering. This cannot be undone.`, 'Delete')) return;
    for (const fn of state.cleanup.splice(0)) { try { fn(); } catch { /* already gone */ } }
    try {
      await api('POST', '/api/deploy/delete', { suffix: name, prefix: state.prefix, version: 'v1' });
      notify(`Deleted ${name}.`, 'success');
      if (location.hash === '' || location.hash === '#/') await route();
      else location.hash = '#/';
    } catch (error) {
      report(error);
      await route();
    }
  }

  // ---------- one app ----------

  async function renderApp(name, tabId) {
    setCrumbs(h('a', { href: '#/' }, 'Apps'), h('a', { href: `#/apps/${encodeURIComponent(name)}` }, name));
    document.title = `${name} · Faas`;
    const current = navigation();
    const apps = await loadApps();
    if (!current()) return;
    const app = apps.find((a) => a.suffix === name);
    if (!app) {
      show(h('div', { class: 'panel' }, h('h2', {}, `No app named “${name}”`), h('p', {}, 'It may have been deleted. ', h('a', { href: '#/' }, 'Back to the apps'), '.')));
      return;
    }
    const tab = TABS.find((t) => t.id === tabId) || TABS[0];
    const version = activeVersion(app);
    const header = h('div', { class: 'row title' }, h('h1', {}, app.suffix), statusBadge(app.status),
      h('span', { class: 'mono muted' }, version ? `${version.version} active` : 'no active version'),
      languagesOf(app).map((l) => h('span', { class: 'badge lang' }, LANGUAGE_NAMES[l] || l)),
      h('span', { class: 'muted' }, version ? ['deployed ', timeCell(version.createdAt)] : null));
    const problems = [];
    if (app.error) problems.push(h('div', { class: 'error-box', role: 'alert' }, `This app cannot serve: ${app.error}`));
    const tabs = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'App sections' }, TABS.map((t) => h('a', {
      role: 'tab', href: `#/apps/${encodeURIComponent(name)}/${t.id}`, 'aria-selected': String(t === tab), class: t.later ? 'later' : null,
      title: t.later ? 'Arrives with HTTP functions' : null, id: `tab-${t.id}`,
    }, t.title)));
    tabs.addEventListener('keydown', (e) => {
      const links = [...tabs.querySelectorAll('a')];
      const i = links.indexOf(document.activeElement);
      if (i < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      const next = links[(i + (e.key === 'ArrowRight' ? 1 : links.length - 1)) % links.length];
      next.focus();
      next.click();
    });
    const panel = h('section', { role: 'tabpanel', 'aria-labelledby': `tab-${tab.id}`, id: 'tab-panel' });
    show(header, problems, tabs, panel);
    const render = hooks.tabs[tab.id] || tab.render;
    if (!render) {
      panel.append(h('div', { class: 'panel empty' }, h('h2', {}, tab.title), h('p', {}, tab.later),
        h('p', { class: 'muted' }, 'This part of the dashboard arrives with HTTP functions and the execution history.')));
      return;
    }
    await render(app, panel);
    for (const extra of hooks.after[tab.id] || []) await extra(app, panel);
  }

  // ---------- functions: invoke and snippets ----------

  function typeName(type) {
    if (!type) return 'any';
    return type.name || TYPE_NAMES[type.id] || 'any';
  }

  function exampleValue(type) {
    switch (type && type.id) {
      case 0: return false;
      case 1: case 7: return '';
      case 2: case 3: case 4: case 5: case 6: case 19: return 0;
      case 9: return [];
      case 10: case 16: return {};
      default: return null;
    }
  }

  function signatureNode(func) {
    const sig = func.signature || {};
    const args = (sig.args || []).map((a, i) => [i ? ', ' : '', a.name, ': ', h('span', { class: 't' }, typeName(a.type))]);
    return h('span', { class: 'sig' }, func.async ? 'async ' : '', func.name, '(', args, ') → ', h('span', { class: 't' }, typeName(sig.ret && sig.ret.type)));
  }

  function callPath(app, func) {
    return `/${encodeURIComponent(app.prefix)}/${encodeURIComponent(app.suffix)}/latest/call/${encodeURIComponent(func.name)}`;
  }

  async function renderFunctions(app, panel) {
    const funcs = functionsOf(app);
    if (!funcs.length) {
      panel.append(h('div', { class: 'panel empty' }, app.status === 'ready' ? 'This app exports no functions.' : 'No functions yet: the app has no active version.'));
      return;
    }
    const list = h('ul', { class: 'funcs', id: 'functions' });
    const detail = h('div', {});
    panel.append(h('div', { class: 'split' }, h('div', { class: 'panel' }, h('h2', {}, `Functions (${funcs.length})`), list), detail));
    const select = (func) => {
      for (const b of list.querySelectorAll('button')) b.setAttribute('aria-current', String(b.dataset.func === func.name));
      const snippets = snippetPanel(app, func);
      detail.replaceChildren(invokePanel(app, func, snippets.update), snippets.node);
    };
    for (const func of funcs) {
      list.append(h('li', {}, h('button', { type: 'button', 'data-func': func.name, onclick: () => select(func) },
        h('strong', {}, func.name), ' ', h('span', { class: 'badge lang' }, func.language), signatureNode(func))));
    }
    select(funcs[0]);
  }

  function invokePanel(app, func, onArgs) {
    const args = (func.signature && func.signature.args) || [];
    const initial = JSON.stringify(args.map((a) => exampleValue(a.type)));
    const input = h('textarea', { class: 'code', id: 'invoke-args', spellcheck: 'false', 'aria-label': 'Arguments as JSON' }, initial);
    const send = h('button', { type: 'submit', id: 'invoke' }, 'Send');
    const output = h('div', { id: 'invoke-result', 'aria-live': 'polite' });
    const form = h('form', { class: 'panel' }, h('h2', {}, 'Invoke ', h('code', {}, func.name)), signatureNode(func),
      h('p', { class: 'muted' }, 'Arguments as JSON: an array (by position) or an object (by name). ', h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'), ' sends.'),
      input, h('div', { class: 'row end' }, h('code', { class: 'muted' }, `POST ${callPath(app, func)}`), h('span', { class: 'spacer' }), send), output);
    input.addEventListener('input', () => onArgs(input.value.trim()));
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (text) {
        try { JSON.parse(text); } catch (error) {
          output.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, `The arguments are not valid JSON: ${error.message}`));
          return;
        }
      }
      send.disabled = true;
      output.replaceChildren(h('p', { class: 'muted' }, 'Calling…'));
      const started = performance.now();
      try {
        const response = await fetch(callPath(app, func), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text || undefined, credentials: 'same-origin' });
        const body = await response.text();
        const ms = performance.now() - started;
        let pretty = body;
        try { pretty = body ? JSON.stringify(JSON.parse(body), null, 2) : ''; } catch { /* not JSON: as is */ }
        const headers = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
        output.replaceChildren(
          h('div', { class: 'result-meta' }, h('span', { class: `badge ${response.ok ? 'ok' : 'bad'}`, id: 'invoke-status' }, `${response.status} ${response.statusText}`),
            h('span', { class: 'muted', id: 'invoke-time' }, `${ms.toFixed(0)} ms`)),
          h('pre', { id: 'invoke-body', class: response.ok ? null : 'error-box' }, pretty === '' ? '(empty: the function returned nothing)' : pretty),
          h('details', {}, h('summary', {}, 'Response headers'), h('pre', {}, headers)));
      } catch (error) {
        output.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, `Cannot reach the server (${error.message}). Is it running?`));
      } finally {
        send.disabled = false;
      }
    });
    return form;
  }

  function snippetPanel(app, func) {
    const url = `${location.origin}${callPath(app, func)}`;
    const args = (func.signature && func.signature.args) || [];
    let body = JSON.stringify(args.map((a) => exampleValue(a.type)));
    // The snippets follow the arguments typed in the invoke form (while they are valid JSON).
    const snippet = (kind) => {
      const value = JSON.parse(body);
      const compact = JSON.stringify(value);
      switch (kind) {
        case 'curl': return `curl -X POST '${url}' \\\n  -H 'Content-Type: application/json' \\\n  -d '${compact.replace(/'/g, "'\\''")}'`;
        case 'fetch': return `const response = await fetch(${JSON.stringify(url)}, {\n  method: 'POST',\n  headers: { 'Content-Type': 'application/json' },\n  body: JSON.stringify(${compact}),\n});\nconsole.log(response.status, await response.text());`;
        default: return `import requests\n\nresponse = requests.post(\n    ${JSON.stringify(url)},\n    json=${pythonLiteral(value)},\n)\nprint(response.status_code, response.text)`;
      }
    };
    const kinds = ['curl', 'fetch', 'python'];
    let current = 'curl';
    const code = h('pre', { id: 'snippet' });
    const buttons = kinds.map((kind) => h('button', { type: 'button', class: 'ghost small', 'aria-pressed': 'false', 'data-kind': kind, onclick: () => pick(kind) },
      kind === 'python' ? 'Python requests' : kind));
    const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
    const copy = h('button', { type: 'button', class: 'small', onclick: async () => {
      try { await navigator.clipboard.writeText(code.textContent); copied.textContent = 'Copied.'; } catch { selectText(code); copied.textContent = 'Selected: press Ctrl+C.'; }
      setTimeout(() => { copied.textContent = ''; }, 2500);
    } }, 'Copy');
    function pick(kind) {
      current = kind;
      code.textContent = snippet(kind);
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.kind === kind));
    }
    pick('curl');
    const update = (text) => {
      try { JSON.parse(text || 'null'); } catch { return; }
      body = text || 'null';
      pick(current);
    };
    return { node: h('div', { class: 'panel' }, h('h2', {}, 'Call it from code'), h('div', { class: 'snippet-tabs' }, buttons, h('span', { class: 'spacer' }), copied, copy), code), update };
  }

  function pythonLiteral(value) {
    if (value === null) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
    if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
    return JSON.stringify(value);
  }

  function selectText(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // ---------- versions ----------

  async function renderVersions(app, panel) {
    const versions = app.versions || [];
    const rows = versions.map((v) => h('tr', { 'data-version': v.version },
      h('td', { class: 'mono' }, v.version), h('td', {}, v.active ? h('span', { class: 'badge ok' }, 'active') : null),
      h('td', {}, timeCell(v.createdAt)), h('td', {}, v.repositoryUrl ? `${v.repositoryUrl} (${v.branch})` : v.source),
      h('td', { class: 'mono', title: v.hash }, (v.hash || '').slice(0, 12)),
      h('td', {}, v.active ? null : h('button', { type: 'button', class: 'ghost small', 'aria-label': `Activate ${v.version}`, onclick: () => activate(app, v.version) }, 'Activate'))));
    panel.append(
      app.lastFailure ? h('div', { class: 'error-box', role: 'alert' }, `The last deploy (${app.lastFailure.version}, ${relativeTime(app.lastFailure.at)}) failed; the active version kept serving:\n${app.lastFailure.error}`) : null,
      h('div', { class: 'panel' }, h('h2', {}, 'Versions'),
        versions.length ? h('table', { id: 'versions' }, h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, ''), h('th', {}, 'Created'), h('th', {}, 'Source'), h('th', {}, 'Hash'), h('th', {}, ''))), h('tbody', {}, rows))
          : h('p', { class: 'muted' }, 'No version yet.'),
        h('p', { class: 'muted' }, 'Activating a kept version is instant: nothing is reinstalled.')),
      uploadPanel({ title: 'Deploy a new version', app: app.suffix }));
  }

  async function activate(app, version) {
    if (!await confirmAction(`Activate ${version}?`, `${app.suffix} will serve ${version} at once; the current version stays kept and can be activated again.`, `Activate ${version}`)) return;
    try {
      await api('POST', '/api/deploy/rollback', { suffix: app.suffix, version });
      notify(`${app.suffix} now serves ${version}.`, 'success');
    } catch (error) {
      report(error);
    }
    await route();
  }

  // ---------- logs ----------

  async function renderLogs(app, panel) {
    const log = h('pre', { class: 'log', id: 'log', tabindex: '0', 'aria-label': 'Live log' });
    const status = h('span', { class: 'badge', id: 'log-status' }, 'connecting');
    const pause = h('button', { type: 'button', class: 'ghost small', id: 'log-pause', 'aria-pressed': 'false' }, 'Pause');
    const clear = h('button', { type: 'button', class: 'ghost small', id: 'log-clear' }, 'Clear');
    panel.append(h('div', { class: 'panel' }, h('div', { class: 'row' }, h('h2', {}, 'Live log'), status, h('span', { class: 'spacer' }), pause, clear), log));
    let paused = false; let held = [];
    const append = (lines) => {
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.append(lines.join('\n') + '\n');
      // Bounded: the oldest text goes once the view holds more than ~5000 lines.
      while (log.childNodes.length > 5000) log.firstChild.remove();
      if (atBottom) log.scrollTop = log.scrollHeight;
    };
    pause.addEventListener('click', () => {
      paused = !paused;
      pause.textContent = paused ? 'Resume' : 'Pause';
      pause.setAttribute('aria-pressed', String(paused));
      if (!paused && held.length) { append(held); held = []; }
      status.textContent = paused ? 'paused' : 'live';
    });
    clear.addEventListener('click', () => { log.replaceChildren(); held = []; });
    const source = new EventSource(`/api/logs/${encodeURIComponent(app.suffix)}/stream?tail=200`);
    source.addEventListener('open', () => { status.textContent = paused ? 'paused' : 'live'; status.className = 'badge ok'; });
    source.addEventListener('message', (e) => { if (paused) held.push(e.data); else append([e.data]); });
    source.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.className = 'badge warn'; });
    onCleanup(() => source.close());
  }

  // ---------- settings ----------

  async function renderSettings(app, panel) {
    panel.append(
      h('div', { class: 'panel' }, h('h2', {}, 'About'), h('dl', { class: 'kv' },
        h('dt', {}, 'Call URL'), h('dd', { class: 'mono' }, `${location.origin}/${app.prefix}/${app.suffix}/latest/call/<function>`),
        h('dt', {}, 'Status'), h('dd', {}, statusBadge(app.status)),
        h('dt', {}, 'Versions kept'), h('dd', {}, String((app.versions || []).length)))),
      extensions.settings ? await extensions.settings(app) : null,
      h('div', { class: 'panel' }, h('h2', {}, 'Danger zone'), h('p', {}, 'Deleting removes every version, the files and the log.'),
        h('button', { type: 'button', class: 'danger', id: 'delete-app', onclick: () => deleteApp(app.suffix) }, `Delete ${app.suffix}`)));
  }

  // ---------- login ----------

  function showLogin(why) {
    for (const fn of state.cleanup.splice(0)) { try { fn(); } catch { /* already gone */ } }
    clearNotices();
    setCrumbs();
    document.title = 'Sign in · Faas';
    const key = h('input', { type: 'password', id: 'login-key', autocomplete: 'current-password', required: true, placeholder: 'faas_…' });
    const result = h('div', { 'aria-live': 'polite' });
    const button = h('button', { type: 'submit', id: 'login' }, 'Sign in');
    const form = h('form', { class: 'panel login', id: 'login-form' }, h('h1', {}, 'Sign in'),
      h('p', { class: 'muted' }, 'This server requires the admin key. It is kept for this browser in an HttpOnly session cookie, never in the page.'),
      h('label', {}, 'Admin key', key), h('div', { class: 'row end', style: null }, button), result,
      why ? h('p', { class: 'muted' }, why) : null);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      button.disabled = true;
      try {
        await api('POST', '/api/login', { key: key.value.trim() });
        state.signedIn = true;
        sessionStorage.setItem('faas.signedIn', '1');
        document.getElementById('logout').hidden = false;
        await route();
      } catch (error) {
        report(error.status === 401 ? new Error('That key is not valid (unknown or revoked).') : error, result);
        key.select();
      } finally {
        button.disabled = false;
      }
    });
    show(form);
    key.focus();
  }

  async function logout() {
    try { await api('POST', '/api/logout'); } catch (error) { report(error); }
    state.signedIn = false;
    sessionStorage.removeItem('faas.signedIn');
    document.getElementById('logout').hidden = true;
    await route();
  }

  // ---------- theme ----------

  function applyTheme(theme) {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    document.getElementById('theme').textContent = `Theme: ${theme}`;
  }

  function cycleTheme() {
    const order = ['auto', 'light', 'dark'];
    const next = order[(order.indexOf(localStorage.getItem('faas.theme') || 'auto') + 1) % order.length];
    localStorage.setItem('faas.theme', next);
    applyTheme(next);
  }

  // ---------- start ----------

  applyTheme(localStorage.getItem('faas.theme') || 'auto');
  document.getElementById('theme').addEventListener('click', cycleTheme);
  document.getElementById('logout').hidden = !state.signedIn;
  document.getElementById('logout').addEventListener('click', logout);
  document.addEventListener('keydown', (e) => {
    if (e.key === 't' && !e.ctrlKey && !e.metaKey && !e.altKey && !['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName)
      && !e.composedPath()[0].isContentEditable) cycleTheme();
  });
  window.addEventListener('hashchange', () => { clearNotices(true); route(); });
  window.addEventListener('unhandledrejection', (e) => { e.preventDefault(); report(e.reason); });
  // The helpers the other dashboard scripts use: editor.js, newfunction.js, diff.js, httpinvoke.js register
  // through tabs/after/views; executions.js, charts.js and settings.js through extensions.
  window.Faas = {
    ...hooks, extensions, h, api, ApiError, report, notify, route, show, setCrumbs, onCleanup, confirmAction,
    timeCell, relativeTime, statusBadge, activeVersion, functionsOf, LANGUAGE_NAMES, navigation,
  };
  // Deferred scripts all run before DOMContentLoaded: the first route sees every tab.
  document.addEventListener('DOMContentLoaded', () => route());
})();
