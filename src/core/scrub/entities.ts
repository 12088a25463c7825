// Named-entity recognition behind a small interface, so a stronger model can
// replace compromise without touching the redactor.
import nlp from 'compromise';

export type EntityType = 'person' | 'place' | 'organization';

export interface EntitySpan { start: number; end: number; type: EntityType }

export interface EntityRecognizer {
  find(text: string, types: readonly EntityType[]): EntitySpan[];
}

/**
 * Text with no capitalised word after its first word (most UI labels: "Add to
 * cart", "Sign in") is skipped: compromise runs at tens of KB/s and finds
 * nothing there anyway.
 */
function worthChecking(text: string): boolean {
  return /[a-z0-9,;:'"]\s+[A-Z][a-z]/.test(text) || /^[A-Z][a-z]+\s+[A-Z][a-z]+/.test(text.trim())
    || /\b(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s+[A-Z]/.test(text) || /\b(?:Inc|Corp|LLC|Ltd|GmbH|University|Bank)\b/.test(text);
}

const TRIM = /[\s.,;:!?]+$/;

export class CompromiseRecognizer implements EntityRecognizer {
  private readonly cache = new Map<string, EntitySpan[]>();

  find(text: string, types: readonly EntityType[]): EntitySpan[] {
    if (types.length === 0 || text.length < 3 || !worthChecking(text)) return [];
    const key = `${types.join(',')}\u0000${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const doc = nlp(text);
    const spans: EntitySpan[] = [];
    const add = (view: { out: (format: 'offset') => unknown }, type: EntityType): void => {
      for (const o of view.out('offset') as { text: string; offset: { start: number; length: number } }[]) {
        const clean = o.text.replace(TRIM, '');
        if (clean.length < 2) continue;
        spans.push({ start: o.offset.start, end: o.offset.start + clean.length, type });
      }
    };
    if (types.includes('person')) add(doc.people(), 'person');
    if (types.includes('place')) add(doc.places(), 'place');
    if (types.includes('organization')) add(doc.organizations(), 'organization');
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, spans);
    return spans;
  }
}
