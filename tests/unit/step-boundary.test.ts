// The worker's boundary: every string of a stored step is scrubbed once final, then cut; the default thought is
// made from the scrubbed fields and scrubbed whole. Drafts here carry what a page failed to scrub (an older
// page, a held draft, a rule the page lacked): each case reached storage before.
import { describe, expect, it } from 'vitest';
import { buildStep } from '../../src/core/build-step';
import { finishStep, scrubThought, STEP_FIELD_MAX } from '../../src/core/scrub/step-boundary';
import { cutScrubbed } from '../../src/core/scrub/cut';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';
import { StepSchema, type Target } from '../../src/core/schema';
import type { StepDraft } from '../../src/core/step-draft';
import { step as fixtureStep, stepDraft } from './fixtures';

/** The worker's scrubber: the shipped config, no NER (the page ran it). */
const scrubber = createScrubber(defaultConfig(), null);
const TOKEN = 'ghp_Zq8RkT2vLm9XwN4pYs7HjC3bQx1Ae5Uo6Ii0';
const CARD = '4111 1111 1111 1111';
const EMAIL = 'ops-lead@example-corp.net';

const target = (over: Partial<Target>): Target => ({ ...stepDraft().target!, ...over });
const stored = (draft: Partial<StepDraft>) => buildStep({ draft: stepDraft(draft), seq: 1, tabId: 1, frameId: 0, image: null, scrubber });

describe('the step boundary in the worker', () => {
  it('a card in the target name leaves neither the name nor the default thought', () => {
    const s = stored({ target: target({ name: `Pay ${CARD}`, text: `Pay ${CARD}` }) }).step;
    expect(JSON.stringify(s)).not.toContain('1111 1111');
    expect(s.thought_trace).toMatch(/^Click the 'Pay <[A-Z]+>' button\.$/);
  });

  it('a name longer than 200 characters is scrubbed before it is cut: no half token', () => {
    const name = `${'Deploy keys for the staging cluster '.repeat(6).slice(0, 190)} ${TOKEN} rotated`;
    const s = stored({ target: target({ name, text: name }) }).step;
    for (const out of [s.target!.name, s.target!.text]) {
      expect(out.length).toBeLessThanOrEqual(STEP_FIELD_MAX['target.name']);
      expect(out).not.toContain('ghp_');
    }
    expect(s.thought_trace).not.toContain('ghp_');
  });

  it("the thought's own cut (60 characters of the name) falls on scrubbed text", () => {
    const name = `${'a'.repeat(50)} ${CARD}`;
    const s = stored({ target: target({ name, text: '' }) }).step;
    expect(s.thought_trace).not.toMatch(/4111/);
    expect(s.thought_trace).not.toMatch(/<[A-Z]*…/);
  });

  it('typed text, a select label and a URL in the thought are scrubbed as the thought', () => {
    const typed = stored({ action: { type: 'type', coordinates: null, element_id: 42, text: `reach me at ${EMAIL}` } }).step;
    expect(typed.thought_trace).not.toContain(EMAIL);
    expect(typed.action.text).not.toContain(EMAIL);
    const chosen = stored({ action: { type: 'select', coordinates: null, element_id: 42, value: EMAIL, label: EMAIL } }).step;
    expect(JSON.stringify(chosen)).not.toContain(EMAIL);
    const nav = stored({ target: null, action: { type: 'navigate', coordinates: null, element_id: null, url: `https://x.example/cb?code=abc123secret&state=1`, navigation: 'link' } }).step;
    expect(nav.thought_trace).not.toContain('abc123secret');
  });

  it('what the boundary finds is counted with the step', () => {
    const r = stored({ target: target({ name: `Mail ${EMAIL}`, text: '' }) });
    expect(r.redactions.email).toBeGreaterThanOrEqual(2); // the page's 1, and the name
  });

  it('a clean step comes through as it was, and valid', () => {
    const r = stored({});
    expect(StepSchema.safeParse(r.step).success).toBe(true);
    expect(r.step.thought_trace).toBe("Click the 'Add to cart' button.");
    expect(r.step.target!.name).toBe('Add to cart');
    expect(r.redactions).toEqual({ email: 1 });
  });

  it('leaves the dom_tree to the page, which scrubbed it node by node (too costly to walk again per step)', () => {
    const { thought_trace: _t, ...rest } = fixtureStep(1);
    const tree = `<html id="1"><body id="2">${EMAIL}</body></html>`;
    const out = finishStep({ ...rest, observation: { ...rest.observation, dom_tree: tree } }, scrubber, {});
    expect(out.observation.dom_tree).toBe(tree);
  });
});

describe('a thought from the review page', () => {
  const withNer = createScrubber(defaultConfig(), defaultEntityRecognizer());
  it.each([
    ['an e-mail pasted in', `I write to ${EMAIL} about the refund.`, EMAIL],
    ['a token pasted in', `Paste the key ${TOKEN} into settings.`, TOKEN],
    ['a card pasted in', `Pay with ${CARD}.`, '1111 1111'],
  ])('%s is scrubbed', (_name, thought, secret) => {
    const counts: Record<string, number> = {};
    const out = scrubThought(thought, withNer, counts);
    expect(out).not.toContain(secret);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('a plain thought is kept as written', () => {
    expect(scrubThought('The cart needs a second item, so I add the HDMI adapter.', withNer)).toBe('The cart needs a second item, so I add the HDMI adapter.');
  });
});

describe('cutScrubbed', () => {
  it.each([
    ['short text is kept', 'Add to cart', 20, 'Add to cart'],
    ['a cut marks itself', 'abcdefghij', 5, 'abcd…'],
    ['a placeholder cut open moves the cut before it', 'Card <CARD> here', 8, 'Card…'],
    ['a long placeholder too', 'Typed <REDACTED:credential> x', 12, 'Typed…'],
    ['a cut right after a placeholder keeps it', 'Card <CARD> here', 12, 'Card <CARD>…'],
  ])('%s', (_name, text, max, expected) => {
    expect(cutScrubbed(text, max)).toBe(expected);
  });
});
