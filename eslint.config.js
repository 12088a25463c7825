import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// DOM properties a page can clobber on its nodes (see the content-script block below).
const DOM_READS = '/^(parentNode|parentElement|firstChild|lastChild|nextSibling|previousSibling|firstElementChild|lastElementChild|nextElementSibling|previousElementSibling|childNodes|children|childElementCount|nodeName|localName|tagName|attributes|getAttribute|getAttributeNames|hasAttribute|getRootNode|shadowRoot|host|ownerDocument|nodeType|isConnected|getBoundingClientRect)$/';
const DOM_READ_MESSAGE = 'A page can clobber this property on its nodes: read it through src/content/dom-safe.ts.';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'bench/.tmp/', 'test-results/', '.tmp/', '.profile/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The browser's APIs are reached only through src/platform/ (what differs per browser: src/platform/host/),
  // so another browser, or a change in one, touches that folder alone.
  {
    files: ['src/**/*.{ts,tsx}', 'popup/**/*.{ts,tsx}', 'options/**/*.{ts,tsx}', 'review/**/*.{ts,tsx}'],
    ignores: ['src/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', message: 'Reach the browser through src/platform/.' }] }],
      'no-restricted-globals': ['error',
        { name: 'chrome', message: 'Reach the browser through src/platform/.' },
        { name: 'browser', message: 'Reach the browser through src/platform/.' }],
    },
  },
  // Page nodes are read through src/content/dom-safe.ts alone: a page's <form> whose controls are named
  // parentNode, firstChild, attributes… replaces those properties on the form (DOM clobbering), which made a
  // walk up from a control loop forever (issue 24). The prototypes' own getters cannot be replaced that way.
  {
    files: ['src/content/**/*.ts'],
    ignores: ['src/content/dom-safe.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: `MemberExpression[object.type!='ThisExpression'][computed=false][property.name=${DOM_READS}]`, message: DOM_READ_MESSAGE },
        { selector: `MemberExpression[computed=true][property.value=${DOM_READS}]`, message: DOM_READ_MESSAGE },
        { selector: `ObjectPattern > Property[key.name=${DOM_READS}]`, message: DOM_READ_MESSAGE }],
    },
  },
  // A page's document is read through src/content/dom-safe.ts too: its named elements (<img name="defaultView">,
  // <form name="documentElement">…) replace even its built-in members, and a snapshot then threw or read only
  // that <img>. So are these members of any node (a form's controls clobber them the same way).
  {
    files: ['src/content/**/*.ts'],
    ignores: ['src/content/dom-safe.ts'],
    rules: {
      'no-restricted-properties': ['error', ...['documentElement', 'defaultView', 'getElementById', 'querySelector', 'querySelectorAll',
        'styleSheets', 'createRange', 'createDocumentFragment', 'elementFromPoint', 'visibilityState', 'addEventListener',
        'removeEventListener'].map((property) => ({ property, message: 'A page can clobber this member of its document or form: use src/content/dom-safe.ts.' }))],
    },
  },
  // Observers get an ObserverParam (src/content/observers/observer-param.ts), never the Recorder: they report to it
  // and it alone writes its state (issue 25, item 6: observers had written its public fields directly).
  {
    files: ['src/content/observers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'webextension-polyfill', message: 'Reach the browser through src/platform/.' },
        { name: '../recorder', importNames: ['Recorder'], message: 'An observer takes an ObserverParam (observers/observer-param.ts), not the Recorder.' },
      ] }],
    },
  },
);
