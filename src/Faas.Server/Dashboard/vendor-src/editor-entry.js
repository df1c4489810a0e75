// The dashboard's code editor: CodeMirror 6 with the languages the server runs, as one global,
// window.FaasCodeMirror. Bundled into ../codemirror.min.js by `npm run build` (see README.md here).
import { EditorState, Compartment, StateEffect, StateField } from '@codemirror/state';
import {
  EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, rectangularSelection, crosshairCursor, dropCursor,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  StreamLanguage, syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, foldGutter, foldKeymap,
} from '@codemirror/language';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { lua } from '@codemirror/legacy-modes/mode/lua';
import { ruby } from '@codemirror/legacy-modes/mode/ruby';
import { csharp } from '@codemirror/legacy-modes/mode/clike';
import { oneDark } from '@codemirror/theme-one-dark';

// Language ids as the server names them (GET /api/runtimes).
const LANGUAGES = {
  node: () => javascript(),
  ts: () => javascript({ typescript: true }),
  py: () => python(),
  lua: () => StreamLanguage.define(lua),
  rb: () => StreamLanguage.define(ruby),
  cs: () => StreamLanguage.define(csharp),
};

// The page's colours (custom properties inherit into the editor's shadow root).
const baseTheme = EditorView.theme({
  '&': { maxHeight: '560px', fontSize: '13px' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace' },
});

const lightTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)' },
});

// The line a failed deploy points at, marked until the text changes.
const markError = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) marks = Decoration.none;
    for (const effect of tr.effects) {
      if (effect.is(markError)) {
        const line = tr.state.doc.line(Math.max(1, Math.min(effect.value, tr.state.doc.lines)));
        marks = Decoration.set([Decoration.line({ class: 'cm-faas-error-line', attributes: { title: 'The deploy failed here' } }).range(line.from)]);
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const errorTheme = EditorView.baseTheme({
  '.cm-faas-error-line': { backgroundColor: 'var(--bad-soft)', boxShadow: 'inset 3px 0 0 var(--bad)' },
});

// Typing over a selection that spans lines is done here, not by the browser: Chrome's own contenteditable edit
// merges the lines' elements with inline style attributes, which the CSP refuses (a console error per keystroke).
const typeOverLines = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const { selection, doc } = view.state;
    const { main } = selection;
    if (event.inputType !== 'insertText' || !event.data || event.isComposing
      || (selection.ranges.length === 1 && doc.lineAt(main.from).number === doc.lineAt(main.to).number)) return false;
    event.preventDefault();
    const text = event.data;
    const insert = () => view.state.replaceSelection(text);
    if (!view.state.facet(EditorView.inputHandler).some((handler) => handler(view, main.from, main.to, text, insert))) {
      view.dispatch(insert(), { userEvent: 'input.type', scrollIntoView: true });
    }
    return true;
  },
});

// Creates an editor in `parent`, inside a shadow root: there CodeMirror's generated styles go to adoptedStyleSheets
// rather than <style> elements, which the dashboard's Content-Security-Policy (style-src 'self') refuses.
// Options: doc, language (a server language id), readOnly, dark, minHeight (CSS), label, onChange(text), onSave().
// Answers { view, getText(), setText(text), setDark(dark), setLanguage(id), focus(), destroy() }.
function create(parent, options = {}) {
  const language = new Compartment();
  const theme = new Compartment();
  const editable = new Compartment();
  const languageOf = (id) => (LANGUAGES[id] ? LANGUAGES[id]() : []);
  const themeOf = (dark) => (dark ? oneDark : [lightTheme, syntaxHighlighting(defaultHighlightStyle, { fallback: true })]);
  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(), drawSelection(), dropCursor(),
    EditorState.allowMultipleSelections.of(true), indentOnInput(), bracketMatching(), closeBrackets(), rectangularSelection(),
    crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(),
    keymap.of([
      { key: 'Mod-s', preventDefault: true, run: () => { if (options.onSave) options.onSave(); return true; } },
      ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap,
      // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented keyboard escape hatch).
      indentWithTab,
    ]),
    baseTheme, typeOverLines, errorLine, errorTheme,
    options.minHeight ? EditorView.theme({ '.cm-content, .cm-gutter': { minHeight: options.minHeight } }) : [],
    language.of(languageOf(options.language)),
    theme.of(themeOf(options.dark)),
    editable.of([EditorState.readOnly.of(!!options.readOnly), EditorView.editable.of(!options.readOnly)]),
    EditorView.updateListener.of((update) => { if (update.docChanged && options.onChange) options.onChange(update.state.doc.toString()); }),
    EditorView.contentAttributes.of({ 'aria-label': options.label || 'Code' }),
  ];
  const root = parent.shadowRoot || parent.attachShadow({ mode: 'open' });
  const view = new EditorView({ state: EditorState.create({ doc: options.doc || '', extensions }), root, parent: root });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setDark: (dark) => view.dispatch({ effects: theme.reconfigure(themeOf(dark)) }),
    setLanguage: (id) => view.dispatch({ effects: language.reconfigure(languageOf(id)) }),
    // Puts the cursor on a 1-based line and scrolls it into view.
    goToLine: (line) => {
      const target = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: { anchor: target.from }, scrollIntoView: true });
    },
    // Marks a 1-based line as where a deploy failed (until the next edit) and shows it.
    markError: (line) => {
      const target = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ effects: markError.of(line), selection: { anchor: target.from }, scrollIntoView: true });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

window.FaasCodeMirror = { create, languages: Object.keys(LANGUAGES) };
