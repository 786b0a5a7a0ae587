/** A short clip from the webcam, recorded to webm with MediaRecorder; decoded like a dropped video. */
export class WebcamError extends Error {}

const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export async function recordWebcamClip(seconds: number, onTick: (elapsed: number) => void, signal: AbortSignal, preview?: HTMLVideoElement): Promise<Blob> {
  if (!navigator.mediaDevices?.getUserMedia) throw new WebcamError('This browser gives no camera access here (it needs a secure origin such as localhost or https).');
  if (typeof MediaRecorder === 'undefined') throw new WebcamError('This browser cannot record video (no MediaRecorder).');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 320 }, height: { ideal: 240 } }, audio: false });
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError') throw new WebcamError('Camera access was refused. Allow the camera for this page and try again.');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new WebcamError('No camera was found.');
    throw new WebcamError(`The camera could not be opened: ${e instanceof Error ? e.message : String(e)}`);
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
    if (blob.size === 0) throw new WebcamError('The camera recorded nothing (no frames arrived).');
    return blob;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    if (preview) preview.srcObject = null;
  }
}
