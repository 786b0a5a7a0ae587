/**
 * An Error that carries a Text (src/shared/text.ts): thrown where a message for the user is made
 * outside React (an export, the history store). `message` is the Text in English (read without i18next, so a worker can throw one too), for logs and for
 * catch sites that show `e.message`; `errorMessage(e)` gives the Text, which the page renders in
 * the reader's language with useText().
 */
import { isText, type Text } from '../shared/text';
import { catalogEnglish } from '../shared/catalogEnglish';

export class TextError extends Error {
  readonly text: Text;
  constructor(text: Text, options?: ErrorOptions) {
    super(catalogEnglish(text), options);
    this.name = 'TextError';
    this.text = text;
  }
}

/** What to show for something caught: a TextError's Text, an Error's message, or the value as text. */
export function errorMessage(e: unknown): Text | string {
  if (e instanceof TextError) return e.text;
  if (isText(e)) return e;
  return e instanceof Error ? e.message : String(e);
}
