/** A short clip from the webcam, recorded to webm with MediaRecorder; decoded like a dropped video. */
import { englishText } from '../i18n/render';
import { text, type Text } from '../shared/text';

/** The webcam could not give a clip: `text` says why (its English is the message). */
export class WebcamError extends Error {
  constructor(readonly text: Text) {
    super(englishText(text));
  }
}

const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export async function recordWebcamClip(seconds: number, onTick: (elapsed: number) => void, signal: AbortSignal, preview?: HTMLVideoElement): Promise<Blob> {
  if (!navigator.mediaDevices?.getUserMedia) throw new WebcamError(text('data.webcam.noAccess'));
  if (typeof MediaRecorder === 'undefined') throw new WebcamError(text('data.webcam.noRecorder'));
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 320 }, height: { ideal: 240 } }, audio: false });
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError') throw new WebcamError(text('data.webcam.refused'));
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new WebcamError(text('data.webcam.notFound'));
    throw new WebcamError(text('data.webcam.openFailed', { error: e instanceof Error ? e.message : String(e) }));
  }
  try {
    if (preview) {
      preview.srcObject = stream;
      preview.muted = true;
      await preview.play().catch(() => undefined);
    }
    const mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
    const stopped = new Promise<void>((resolve) => { recorder.onstop = () => resolve(); });
    const started = performance.now();
    recorder.start(250);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = (performance.now() - started) / 1000;
        onTick(Math.min(seconds, elapsed));
        if (elapsed >= seconds || signal.aborted) { clearInterval(timer); resolve(); }
      }, 100);
    });
    recorder.stop();
    await stopped;
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    const blob = new Blob(chunks, { type: mimeType.split(';')[0] || 'video/webm' });
    if (blob.size === 0) throw new WebcamError(text('data.webcam.nothingRecorded'));
    return blob;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    if (preview) preview.srcObject = null;
  }
}
