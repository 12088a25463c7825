// What one action type is made of, end to end: its fields, how each string
// field is scrubbed, its default thought, its two agent action styles, its
// replay step, whether it causes a navigation and its dataset columns. Each
// action type is one file exporting one ActionKind; registry.ts gathers them
// and the compiler checks that every ActionType has its entry.
import type { z } from 'zod';
import type { Target } from '../schema';
import type { Field } from '../dataset/columns';
import type { FieldScrub } from '../scrub/step-fields';
import type { FlowSelector, FlowStep } from './replay-parts';

/**
 * Every action field besides type, coordinates and element_id, in the order the step schema (and so every
 * exported line and the JSON Schema) writes them: the order is part of the contract, a new field is placed here.
 */
export const ACTION_FIELD_ORDER = ['text', 'key', 'value', 'label', 'checked', 'url', 'navigation', 'scroll', 'files', 'to'] as const;
export type ActionFieldName = (typeof ACTION_FIELD_ORDER)[number];
export type ActionFieldShape = Partial<Record<ActionFieldName, z.ZodType>>;
/** A field missing from ACTION_FIELD_ORDER fails here, by name. */
type NoOtherFields<F> = { [P in Exclude<keyof F, ActionFieldName>]: never };

/** What every action has. */
export interface ActionBase<K extends string = string> {
  type: K;
  coordinates: [number, number] | null;
  element_id: number | null;
}

type Inferred<F extends ActionFieldShape> = {
  [P in keyof F as undefined extends z.output<NonNullable<F[P]>> ? never : P]: z.output<NonNullable<F[P]>>;
} & {
  [P in keyof F as undefined extends z.output<NonNullable<F[P]>> ? P : never]?: z.output<NonNullable<F[P]>>;
};

/**
 * One action type's action: its own fields typed, every other kind's field named as absent, so a reader of any
 * step can still ask `a.url` (undefined unless the kind has one) while no kind can be built with another's field.
 */
export type ActionOf<K extends string, F extends ActionFieldShape & NoOtherFields<F>> = ActionBase<K> & Inferred<F> & {
  [P in Exclude<ActionFieldName, keyof F>]?: undefined;
};

/** The fields an action of type A carries besides the common three. */
export type OwnField<A> = {
  [P in Exclude<keyof A, keyof ActionBase>]-?: [Exclude<A[P], undefined>] extends [never] ? never : P;
}[Exclude<keyof A, keyof ActionBase>] & string;

/** Paths of the string values under a field, as scrub/step-fields writes them: "text", "files[]", "scroll.selector". */
type StringPaths<P extends string, V> = V extends string ? P
  : V extends readonly unknown[] ? (V extends readonly string[] ? `${P}[]` : never)
    : V extends object ? { [S in keyof V & string]-?: StringPaths<`${P}.${S}`, Exclude<V[S], undefined>> }[keyof V & string]
      : never;

/** Every string path of an action's own fields, each with how it is scrubbed (the compiler names a missing one). */
export type ScrubbedFields<A> = { [P in OwnField<A> as StringPaths<P, Exclude<A[P & keyof A], undefined>>]: FieldScrub };

/** One dataset column of an action field, with how a row reads it (undefined is written as null). */
export interface ActionColumn<A> { column: Field; read(action: A): unknown }

/** Where a style can find what it needs beyond the action. */
export interface StyleContext {
  /** The element id as BrowserGym's bid (a Python string), null when the action has none. */
  bid: string | null;
  /** Where the action happened: its coordinates, else the centre of its target's box. */
  point: [number, number] | null;
  /** The address of the page the step was taken on. */
  pageUrl: string;
  /** The scroll offset before this step, for styles that scroll by a delta. */
  previousScroll: { x: number; y: number } | undefined;
}

/** Where a replay step can find what it needs beyond the action. */
export interface ReplayContext {
  /** The target's selectors, most robust first; empty when no element was recorded. */
  selectors: FlowSelector[];
  /** The frame path of the target, when it sits in a frame. */
  inFrame: { frame?: number[] };
  /** The action's point inside its target's box. */
  offset(): { offsetX: number; offsetY: number };
  pageUrl: string;
}

/** A step's replay: the Recorder flow steps it becomes, or why it has none. */
export type ReplayDecision = { flow: FlowStep[] } | { skip: string };

/**
 * An action type. Its functions are methods so that a kind of one action type fits the registry's general
 * entry (method parameters are checked both ways); the registry only ever calls a kind with its own actions.
 */
export interface ActionKind<A extends ActionBase> {
  readonly type: A['type'];
  /** Zod fields besides type, coordinates and element_id; their descriptions go into the JSON Schema. */
  readonly fields: ActionFieldShape;
  /** How each string field is scrubbed (step-fields lists the same under `action.`). */
  readonly scrubbed: ScrubbedFields<A>;
  /** A navigation right after this action may have been caused by it (a followed link, a submitted form). */
  readonly causesNavigation: boolean;
  /** The dataset columns of each own field, in the order they are written. */
  readonly columns: { [P in OwnField<A>]: ActionColumn<A>[] };
  /** The default thought, from fields already scrubbed (see scrub/step-boundary). */
  thought(action: A, target: Target | null): string;
  /** BrowserGym's high-level action. */
  browserGym(action: A, at: StyleContext): string;
  /** pyautogui's call, in pixels of the screenshot. */
  pyAutoGui(action: A, at: StyleContext): string;
  replay(action: A, at: ReplayContext): ReplayDecision;
}

/** A column of one action field, nullable (an action of another type writes null). */
export function column<A>(field: Field, read: (action: A) => unknown): ActionColumn<A> {
  return { column: field, read };
}

/** A nullable string column. */
export function stringColumn<A>(name: string, doc: string, read: (action: A) => unknown): ActionColumn<A> {
  return column({ name, type: 'string', optional: true, doc }, read);
}
