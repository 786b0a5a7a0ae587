/**
 * A user-visible message made outside the UI (the store, the worker, the share-link parser) as
 * a catalog key and its values, so the page can show it in the reader's language. A value may
 * itself be a Text (a method's name inside a sentence). Plain strings still pass where a message
 * carries a detail we do not own (an exception's own message from the browser or tfjs).
 */
export interface Text {
  key: string;
  values?: Readonly<Record<string, string | number | Text>>;
}

export const text = (key: string, values?: Text['values']): Text => (values ? { key, values } : { key });

export const isText = (x: unknown): x is Text =>
  typeof x === 'object' && x !== null && typeof (x as Text).key === 'string';

/** A name inside a Text (a method's, a param's): its catalog key, with the spec's English when the catalog lacks it. */
export const named = (key: string, english: string): Text => ({ key, values: { defaultValue: english } });
