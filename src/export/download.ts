/** Saving a file the app made, the way a link with a download attribute does. DOM only. */

/** Starts a download of `blob` as `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a tick later it has started.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Starts a download of `text` (UTF-8) as `fileName`. */
export function downloadText(fileName: string, text: string, mime = 'text/plain'): void {
  downloadBlob(fileName, new Blob([text], { type: `${mime};charset=utf-8` }));
}
