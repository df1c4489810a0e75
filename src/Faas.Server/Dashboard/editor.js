// Faas dashboard: the code editor (CodeMirror 6, loaded on first use from /dashboard/codemirror.min.js) and
// the app page's Code tab: a version's files as a read-only tree, and an editor for single-file apps whose
// save deploys the next version. window.Faas.editor is what newfunction.js uses.
'use strict';

(() => {
  const { h, api, report, notify, route, onCleanup } = window.Faas;

  let loading = null;

  // The 530 KB bundle loads only when a page shows code, so the apps list stays light on a cold browser.
  function loadCodeMirror() {
    if (window.FaasCodeMirror) return Promise.resolve(window.FaasCodeMirror);
    loading = loading || new Promise((resolve, reject) => {
      const script = h('script', { src: '/dashboard/codemirror.min.js' });
      script.addEventListener('load', () => resolve(window.FaasCodeMirror));
      script.addEventListener('error', () => { loading = null; script.remove(); reject(new Error('The code editor (/dashboard/codemirror.min.js) did not load: is the server reachable?')); });
      document.head.append(script);
    });
    return loading;
  }

  function isDark() {
    const theme = document.documentElement.dataset.theme;
    return theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  }

  const EXTENSIONS = { js: 'node', mjs: 'node', cjs: 'node', ts: 'ts', py: 'py', rb: 'rb', lua: 'lua', cs: 'cs' };

  function languageOfPath(path) {
    const dot = path.lastIndexOf('.');
    return dot < 0 ? null : EXTENSIONS[path.slice(dot + 1).toLowerCase()] || null;
  }

  // An editor in `parent` that follows the page's light/dark theme and goes away with the page.
  // options: doc, language (a server language id), readOnly, label, onChange(text), onSave().
  async function createEditor(parent, options) {
    const codeMirror = await loadCodeMirror();
    const editor = codeMirror.create(parent, { ...options, dark: isDark() });
    const media = matchMedia('(prefers-color-scheme: dark)');
    const follow = () => editor.setDark(isDark());
    const observer = new MutationObserver(follow);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    media.addEventListener('change', follow);
    let destroyed = false;
    editor.dispose = () => {
      if (destroyed) return;
      destroyed = true;
      observer.disconnect();
      media.removeEventListener('change', follow);
      editor.destroy();
    };
    onCleanup(editor.dispose);
    return editor;
  }

  // Where a deploy error points in `file`: "handler.lua:3: ...", 'File ".../main.py", line 3', "main.rb:3: ...",
  // "Handler.cs(3,5): ...", "/.../index.js:3". Null when the message names no line of that file.
  function errorLine(message, file) {
    const name = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`${name}(?::|"?, line |\\()(\\d+)`).exec(message);
    return match ? Number(match[1]) : null;
  }

  // The text of an ApiError without its "PUT /api/... answered 422: " lead.
  function apiMessage(error) {
    return (error && error.message ? error.message : String(error)).replace(/^[A-Z]+ \S+ answered \d+: /s, '');
  }

  // A failed save or create, on the page: what keeps serving, the file and line (with a button to go there) and the error.
  function deployError(error, { file, editor, serving }) {
    const message = apiMessage(error);
    const line = errorLine(message, file);
    if (line && editor) editor.markError(line);
    return h('div', { class: 'error-box deploy-error', role: 'alert' },
      h('strong', {}, `The deploy failed (${error.status || 'no answer'}): ${serving ? `${serving} keeps serving.` : 'the app has no version serving yet.'}`),
      line ? h('div', { class: 'row error-where' }, h('span', {}, 'In ', h('code', { class: 'error-line' }, `${file}, line ${line}`)),
        editor ? h('button', { type: 'button', class: 'ghost small', onclick: () => { editor.goToLine(line); editor.focus(); } }, `Go to line ${line}`) : null) : null,
      h('pre', { class: 'error-message' }, message));
  }

  // ---------- the Code tab ----------

  function fileTree(paths, onOpen) {
    const root = { folders: new Map(), files: [] };
    for (const path of paths) {
      const parts = path.split('/');
      let node = root;
      for (const folder of parts.slice(0, -1)) {
        if (!node.folders.has(folder)) node.folders.set(folder, { folders: new Map(), files: [] });
        node = node.folders.get(folder);
      }
      node.files.push({ name: parts[parts.length - 1], path });
    }
    const list = (node) => h('ul', {},
      [...node.folders.entries()].map(([name, child]) => h('li', {}, h('details', { open: true }, h('summary', {}, `${name}/`), list(child)))),
      node.files.map((f) => h('li', {}, h('button', { type: 'button', class: 'file', 'data-path': f.path, onclick: () => onOpen(f.path) }, f.name))));
    return list(root);
  }

  async function renderCode(app, panel) {
    const versions = app.versions || [];
    if (!versions.length) {
      panel.append(h('div', { class: 'panel empty' }, 'No version yet: there are no files to show.'));
      return;
    }
    const active = versions.find((v) => v.active);
    const select = h('select', { id: 'code-version', 'aria-label': 'Version' },
      versions.map((v) => h('option', { value: v.version, selected: v === (active || versions[0]) }, `${v.version}${v.active ? ' (active)' : ''}`)));
    const tree = h('nav', { class: 'file-tree', id: 'files', 'aria-label': 'Files' });
    const view = h('div', { class: 'panel file-view', id: 'file-view' });
    panel.append(h('div', { class: 'code-layout' },
      h('div', { class: 'panel' }, h('div', { class: 'row' }, h('h2', {}, 'Files'), h('span', { class: 'spacer' }), select), tree), view));
    let current = null;
    const base = `/api/apps/${encodeURIComponent(app.suffix)}/versions`;

    const open = async (detail, path) => {
      if (current) current.dispose();
      current = null;
      for (const b of tree.querySelectorAll('button.file')) b.setAttribute('aria-current', String(b.dataset.path === path));
      const single = detail.code !== null && path === mainFile(detail);
      const title = h('h2', {}, h('code', {}, path), ' ', h('span', { class: 'muted' }, detail.version.id));
      const host = h('div', { class: 'editor', id: single ? 'code-editor' : 'file-content' });
      if (single) {
        view.replaceChildren(title, host);
        current = await singleFileEditor(app, detail, path, host, view);
        return;
      }
      view.replaceChildren(title, h('p', { class: 'muted' }, 'Loading…'));
      const file = await api('GET', `${base}/${detail.version.id}/files/${path.split('/').map(encodeURIComponent).join('/')}`);
      if (file.binary) {
        view.replaceChildren(title, h('p', { class: 'muted', id: 'file-content' }, `A binary or large file (${file.size} bytes): not shown.`));
        return;
      }
      view.replaceChildren(title, detail.code !== null ? null : h('p', { class: 'muted' }, 'Read-only: an app deployed from an archive or a repository changes with its next deploy.'), host);
      current = await createEditor(host, { doc: file.content, language: languageOfPath(path), readOnly: true, label: `${path} (read-only)` });
    };

    const load = async () => {
      tree.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
      try {
        const detail = await api('GET', `${base}/${encodeURIComponent(select.value)}`);
        tree.replaceChildren(fileTree(detail.files, (path) => open(detail, path).catch((e) => report(e, view))));
        const first = detail.code !== null ? mainFile(detail) : detail.files.find((f) => languageOfPath(f)) || detail.files[0];
        if (first) await open(detail, first);
        else view.replaceChildren(h('p', { class: 'muted' }, 'This version has no source files.'));
      } catch (error) {
        report(error, tree);
      }
    };
    select.addEventListener('change', load);
    await load();
  }

  // A single-file app's source: the file that is not its metacall.json.
  function mainFile(detail) {
    return detail.files.find((f) => f !== 'metacall.json');
  }

  async function singleFileEditor(app, detail, path, host, view) {
    const save = h('button', { type: 'button', id: 'code-save' }, 'Save as new version');
    const dirty = h('span', { class: 'muted', id: 'code-dirty', 'aria-live': 'polite' });
    const result = h('div', { id: 'code-result', 'aria-live': 'polite' });
    const serving = (window.Faas.activeVersion(app) || {}).version;
    let saving = false;
    const editor = await createEditor(host, {
      doc: detail.code, language: languageOfPath(path), label: `${path}: the app's code`,
      onChange: (text) => { dirty.textContent = text === detail.code ? '' : 'Unsaved changes'; },
      onSave: () => doSave(),
    });
    async function doSave() {
      if (saving) return;
      saving = true;
      save.disabled = true;
      result.replaceChildren(h('p', { class: 'muted' }, 'Deploying the new version…'));
      try {
        const saved = await api('PUT', `/api/apps/${encodeURIComponent(app.suffix)}/code`, { code: editor.getText() });
        notify(`Saved ${app.suffix} ${saved.version.id}: it is active and serving.`, 'success');
        await route();
      } catch (error) {
        if (error.status === 401) return;
        result.replaceChildren(deployError(error, { file: path, editor, serving }));
      } finally {
        saving = false;
        save.disabled = false;
      }
    }
    save.addEventListener('click', doSave);
    view.append(h('div', { class: 'row editor-actions' },
      h('span', { class: 'muted' }, detail.version.active ? 'Saving deploys the next version; the active one serves until it has loaded. ' : `Saving deploys this ${detail.version.id} code as the next version. `,
        h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'S'), ' saves; ', h('kbd', {}, 'Esc'), ' then ', h('kbd', {}, 'Tab'), ' leaves the editor.'),
      h('span', { class: 'spacer' }), dirty, save), result);
    return editor;
  }

  window.Faas.tabs.code = renderCode;
  window.Faas.editor = { createEditor, deployError, apiMessage, languageOfPath };
})();
