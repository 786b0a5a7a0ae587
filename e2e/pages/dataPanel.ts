/** The Data panel: built-in dataset cards, imports (chooser, drop, webcam), the summary and preview. */
import { expect, type Locator, type Page } from '@playwright/test';
import { imageCentres } from './canvasPixels';

export interface DroppedFile { name: string; bytes: Buffer; type?: string }
export type ImportStatus = 'loaded' | 'failed' | 'cancelled';

export class DataPanel {
  constructor(readonly page: Page) {}

  /** A dataset's card (built-in id or user-…); clicking it selects the dataset. */
  card(id: string): Locator { return this.page.getByTestId(`dataset-card-${id}`); }
  /** The cards of imported datasets, optionally only those whose text has `hasText`. */
  userCards(hasText?: string): Locator { return this.page.locator('[data-testid^="dataset-card-user-"]', hasText ? { hasText } : {}); }

  get fileInput(): Locator { return this.page.getByTestId('file-input'); }
  get folderInput(): Locator { return this.page.getByTestId('folder-input'); }
  /** "Videos are synchronised views of one scene". */
  get syncViews(): Locator { return this.page.getByTestId('import-sync'); }
  get webcamButton(): Locator { return this.page.getByTestId('webcam-button'); }
  /** The webcam clip's length in seconds. */
  get webcamSeconds(): Locator { return this.page.getByRole('spinbutton', { name: 'Webcam clip length (s)' }); }
  get progress(): Locator { return this.page.getByTestId('import-progress'); }
  get progressBar(): Locator { return this.progress.locator('progress'); }
  get cancelButton(): Locator { return this.page.getByTestId('import-cancel'); }
  get report(): Locator { return this.page.getByTestId('import-report'); }
  get warnings(): Locator { return this.page.getByTestId('import-warnings'); }
  get decodeSpeed(): Locator { return this.page.getByTestId('decode-speed'); }
  get skippedList(): Locator { return this.page.getByTestId('skipped-list'); }
  get forgetButton(): Locator { return this.page.getByTestId('forget-dataset'); }
  /** Forget asks first, in place: these answer it. */
  get forgetConfirmButton(): Locator { return this.page.getByTestId('forget-dataset-confirm'); }
  get forgetCancelButton(): Locator { return this.page.getByTestId('forget-dataset-cancel'); }
  get forgottenMessage(): Locator { return this.page.getByTestId('forgotten-message'); }
  get tooShort(): Locator { return this.page.getByTestId('too-short'); }
  get preview(): Locator { return this.page.getByTestId('dataset-preview'); }
  get previewRows(): Locator { return this.preview.locator('canvas'); }
  /** A preview row by its caption (a class name, "unlabelled"). */
  previewRow(caption: string): Locator { return this.preview.locator(`canvas[aria-label^="${caption}:"]`); }

  /** A line of the selected dataset's summary: 'videos', 'fingerprint', 'size', 'unlabelled'. */
  summary(field: 'videos' | 'fingerprint' | 'size' | 'unlabelled'): Locator { return this.page.getByTestId(`summary-${field}`); }
  /** A class's row of the class table: name, train count, held-out count. */
  classRow(name: string): Locator { return this.page.getByTestId('class-counts').locator(`tr[data-class="${name}"] td`); }

  async importFiles(files: string | string[] | { name: string; mimeType: string; buffer: Buffer } | { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  async importFolder(path: string): Promise<void> {
    await this.folderInput.setInputFiles(path);
  }

  /** Dispatches a drop of these files on the drop zone, as a user dragging them from a file manager. */
  async drop(files: DroppedFile[]): Promise<void> {
    const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', data: f.bytes.toString('base64') }));
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.data);
        const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return dt;
    }, payload);
    const zone = this.page.getByTestId('drop-zone');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
  }

  /** Waits for the import in progress to end and returns what it reported. */
  async importStatus(): Promise<ImportStatus | null> {
    await expect(this.progress).toHaveCount(0, { timeout: 300_000 });
    return (await this.report.getAttribute('data-status')) as ImportStatus | null;
  }

  /** Opens the list of skipped files and returns it. */
  async showSkipped(): Promise<Locator> {
    await this.page.getByTestId('skipped-files').locator('summary').click();
    return this.skippedList;
  }

  /** Pixel colours at the centre (or near the bottom) of each image of a preview row. */
  async rowCentres(caption: string, at: 'centre' | 'bottom' = 'centre'): Promise<number[][]> {
    return imageCentres(this.previewRow(caption), at);
  }
}
