// Faas dashboard: #/new, a single-file function from a template (templates.js): name, language, template,
// the editor, then create (POST /api/apps) and land on the app page to call it.
'use strict';

(() => {
  const { h, api, report, notify, show, setCrumbs, confirmAction, LANGUAGE_NAMES } = window.Faas;
  const TEMPLATES = window.FaasTemplates;
  const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
  const FILE_NAMES = { node: 'index.js', ts: 'index.ts', py: 'main.py', rb: 'main.rb', cs: 'Handler.cs', lua: 'handler.lua' };

  async function renderNew() {
    setCrumbs(h('a', { href: '#/' }, 'Apps'), h('a', { href: '#/new', 'aria-current': 'page' }, 'New function'));
    document.title = 'New function · Faas';
    // Languages this server can run now; a missing runtime is listed, disabled, with why.
    let available = null;
    const current = window.Faas.navigation();
    try {
      available = new Map((await api('GET', '/api/runtimes')).map((r) => [r.id, r.available]));
    } catch (error) {
      report(error);
    }
    if (!current()) return;
    const languages = [...new Set(TEMPLATES.map((t) => t.language))];
    const name = h('input', { type: 'text', id: 'nf-name', required: true, autocomplete: 'off', spellcheck: 'false', placeholder: 'hello',
      pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}', title: 'Letters, digits, ".", "_" or "-", starting with a letter or digit' });
    const language = h('select', { id: 'nf-language' }, languages.map((id) => {
      const off = available && available.get(id) === false;
      return h('option', { value: id, disabled: off }, `${LANGUAGE_NAMES[id] || id}${off ? ' (not installed on this server)' : ''}`);
    }));
    const template = h('select', { id: 'nf-template' });
    const file = h('code', { id: 'nf-file' });
    const host = h('div', { class: 'editor', id: 'nf-editor' });
    const create = h('button', { type: 'submit', id: 'nf-create' }, 'Create and deploy');
    const result = h('div', { id: 'nf-result', 'aria-live': 'polite' });
    const form = h('form', { class: 'panel', id: 'nf-form' },
      h('div', { class: 'row' }, h('label', {}, 'Name', name), h('label', {}, 'Language', language), h('label', { class: 'grow' }, 'Template', template)),
      h('p', { class: 'muted' }, 'The file ', file, ' with its metacall.json, deployed as v1. Its ', h('code', {}, 'handler'), ' answers at ',
        h('code', { id: 'nf-url' }, `${location.origin}/fn/<name>`), '. ', h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'S'), ' in the editor creates it.'),
      host, h('div', { class: 'row end' }, create), result);
    show(h('div', { class: 'row title' }, h('h1', {}, 'New function')), form);
    const first = languages.find((id) => !(available && available.get(id) === false));
    if (first) language.value = first;

    let created = null; // The app's name once POST /api/apps made it (a failed v1 keeps the app): later saves are PUT .../code.
    let pristine = '';
    const editor = await window.Faas.editor.createEditor(host, { label: 'The function\'s code', minHeight: '280px', onSave: () => form.requestSubmit() });
    const fillTemplates = () => {
      template.replaceChildren(...TEMPLATES.filter((t) => t.language === language.value).map((t) => h('option', { value: t.id }, t.title)));
      file.textContent = FILE_NAMES[language.value] || language.value;
      editor.setLanguage(language.value);
    };
    const useTemplate = () => {
      const chosen = TEMPLATES.find((t) => t.id === template.value);
      pristine = chosen ? chosen.code : '';
      editor.setText(pristine);
    };
    // Changing the template throws away edits only when the user agrees.
    const keepEdits = async () => editor.getText() !== pristine
      && !await confirmAction('Replace your code?', 'The editor holds changes; the template replaces them.', 'Replace');
    let previousLanguage = language.value;
    language.addEventListener('change', async () => {
      if (created || await keepEdits()) { language.value = previousLanguage; return; }
      previousLanguage = language.value;
      fillTemplates();
      useTemplate();
    });
    let previousTemplate = '';
    template.addEventListener('change', async () => {
      if (await keepEdits()) { template.value = previousTemplate; return; }
      previousTemplate = template.value;
      useTemplate();
    });
    name.addEventListener('input', () => { document.getElementById('nf-url').textContent = `${location.origin}/fn/${name.value.trim() || '<name>'}`; });
    fillTemplates();
    useTemplate();
    previousTemplate = template.value;

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const app = created || name.value.trim();
      if (!NAME_PATTERN.test(app)) {
        result.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, 'Names are 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit.'));
        name.focus();
        return;
      }
      create.disabled = true;
      result.replaceChildren(h('p', { class: 'muted' }, `Deploying ${app}…`));
      try {
        if (created) await api('PUT', `/api/apps/${encodeURIComponent(app)}/code`, { code: editor.getText() });
        else await api('POST', '/api/apps', { name: app, language: language.value, code: editor.getText() });
        // The app page's HTTP form starts with the template's example request.
        const chosen = TEMPLATES.find((t) => t.id === template.value);
        if (chosen) sessionStorage.setItem(`faas.try.${app}`, chosen.try);
        notify(`Created ${app}: call it below.`, 'success');
        location.hash = `#/apps/${encodeURIComponent(app)}/functions`;
      } catch (error) {
        if (error.status === 401) return;
        if (error.status === 422) {
          // The app exists now, without a version serving: fix the code and save again.
          created = app;
          name.readOnly = true;
          language.disabled = true;
          create.textContent = 'Save and deploy again';
        }
        result.replaceChildren(error.status === 422
          ? window.Faas.editor.deployError(error, { file: FILE_NAMES[language.value] || '', editor, serving: null })
          : h('div', { class: 'error-box', role: 'alert' }, window.Faas.editor.apiMessage(error)));
      } finally {
        create.disabled = false;
      }
    });
    name.focus();
  }

  window.Faas.views.new = renderNew;
})();
