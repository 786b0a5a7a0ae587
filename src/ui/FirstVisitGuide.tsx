/** The first-run guide: a card in the page flow (never over the controls), dismissible, back from the header's Guide button. */
import { setGuideOpen, useGuideOpen } from './guideState';

export function FirstVisitGuide() {
  const open = useGuideOpen();
  if (!open) return null;
  return (
    <section className="guide" aria-labelledby="guide-title" data-testid="guide">
      <h2 id="guide-title">New here? What this page does</h2>
      <p>
        Self-supervised learning trains an image encoder without labels: the network learns to tell
        two augmented views of the same image apart from views of other images. The labels are used
        only afterwards, to measure how useful the learned features are.
      </p>
      <ol>
        <li>Keep the defaults (Colour shapes, SimCLR) and press <strong>Train</strong> just below this card.</li>
        <li>
          Watch two curves on the Training tab: the <strong>training loss</strong> falling, and the
          <strong> held-out accuracy</strong> (kNN and linear probe) rising above the random-init and
          raw-pixel lines.
        </li>
        <li>Then train another method and open the <strong>Compare</strong> tab to put the runs side by side.</li>
      </ol>
      <button type="button" className="secondary small" data-testid="guide-dismiss" onClick={() => setGuideOpen(false)}>Got it, hide the guide</button>
    </section>
  );
}

/** The header's way back to the guide. */
export function GuideButton() {
  const open = useGuideOpen();
  return (
    <button type="button" className="secondary small guide-button" data-testid="guide-button" aria-expanded={open} onClick={() => setGuideOpen(!open)}>
      ? Guide
    </button>
  );
}
