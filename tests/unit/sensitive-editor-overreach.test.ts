// @vitest-environment happy-dom
// An editing host is judged by names of secrets only: the contact patterns ('account', 'user', 'e-?mail', 'mobile',
// 'login', 'address'), written for short account fields and matched anywhere in a label or id, would mask whole
// rich-text editors (a chat box named after its channel, an email composer, an inline-edited CMS article).
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

layOut((el) => (el.classList.contains('t') ? rect(10, 300, 600, 200) : rect(0, 0, 800, 600)));
const EDITOR_BOX = { x: 10, y: 300, width: 600, height: 200 };
const TEXT = 'Standup moved to 10:30 tomorrow';

function snapshotOf(editor: string) {
  document.body.innerHTML = editor;
  return startSnapshotter(document, new ElementIds(), scrubber).snapshot();
}

describe('ordinary rich-text editors judged sensitive', () => {
  it('control: a comment box (held)', () => {
    const s = snapshotOf(`<div class="ProseMirror t" contenteditable="true" role="textbox" aria-label="Add a comment"><p>${TEXT}</p></div>`);
    expect(s.xml).toContain(TEXT);
    expect(s.redactedRegions).not.toContainEqual(EDITOR_BOX);
  });

  // Slack, Discord and Teams name the message box after its channel; channel names are team and topic words.
  it.each(['Message #accounts-payable', 'Message #mobile-releases', 'Message #email-campaigns', 'Message #login-bugs', 'Message #user-research',
    'Message #compass-team', 'Message #adobe-migration'])('a chat box labelled %s', (label) => {
    const s = snapshotOf(`<div class="ql-editor t" contenteditable="true" role="textbox" aria-label="${label}"><p>${TEXT}</p></div>`);
    expect(s.xml).toContain(TEXT);
    expect(s.redactedRegions).not.toContainEqual(EDITOR_BOX);
  });

  // A help desk's or CRM's composer, a tracker's description field.
  it.each(['Email body', 'Reply by email', 'Describe the user story', 'Account notes'])('an editor labelled %s', (label) => {
    const s = snapshotOf(`<div data-slate-editor="true" class="t" contenteditable="true" role="textbox" aria-label="${label}"><p>${TEXT}</p></div>`);
    expect(s.xml).toContain(TEXT);
  });

  it('an inline-edited CMS article whose id names it (id="user-guide"): the whole page body is masked and blurred', () => {
    const s = snapshotOf(`<article id="user-guide" class="t" contenteditable="true"><h1>Getting started</h1><p>${TEXT}</p></article>`);
    expect(s.xml).toContain('Getting started');
    expect(s.redactedRegions).not.toContainEqual(EDITOR_BOX);
  });

  // "inherit" and any other invalid value are the inherit state in html: no editing host of its own.
  it('contenteditable="inherit" under a page that is not editable is no field at all', () => {
    const s = snapshotOf(`<div class="t" contenteditable="inherit" aria-label="Account notes"><p>${TEXT}</p></div>`);
    expect(s.xml).toContain(TEXT);
  });
});

// aria-labelledby now names every field, and a page names a field by its section heading and its own label
// together (aria-labelledby="section field"): every field of a "Create your account" section is judged sensitive.
describe('fields judged sensitive by their section\'s heading', () => {
  it('control: the same field labelled by its own text (held)', () => {
    const s = snapshotOf(`<span id="q">How did you hear about us?</span><textarea class="t" aria-labelledby="q">${TEXT}</textarea>`);
    expect(s.xml).toContain(TEXT);
  });

  it('a survey question in a "Create your account" section', () => {
    const s = snapshotOf(`<h2 id="h">Create your account</h2><span id="q">How did you hear about us?</span><textarea class="t" aria-labelledby="h q">${TEXT}</textarea>`);
    expect(s.xml).toContain(TEXT);
  });
});
