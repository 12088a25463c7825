// The state of a page just before it goes away (navigation, tab switch):
// the "before" observation of a navigation step that the next page reports.
import type { Box } from './schema';

export interface PageState {
  at: number;
  domTree: string;
  title: string;
  url: string;
  lastChangeAt: number;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  redactedRegions: Box[];
  redactions: Record<string, number>;
}

export type NavigationKind = 'link' | 'typed' | 'back_forward' | 'reload' | 'route' | 'hash' | 'new_tab' | 'other';
