/** The Learn tab: what each method does, its loss, a live batch, what to watch, its paper. */
export function LearnPanel() {
  return null;
}
