/**
 * Frames of a video file, in order, at a chosen rate and size: an HTMLVideoElement seeks to each
 * sample time and the frame is drawn (central square, downscaled) to a canvas. Whatever the
 * browser can play is accepted; each frame keeps its timestamp. Main thread only.
 */
import { englishText } from '../i18n/render';
import { text, type Text } from '../shared/text';

export interface VideoDecodeSettings {
  size: number;
  fps: number;
  maxFrames: number;
}

export interface DecodedVideo {
  frameCount: number;
  /** frameCount * size * size * 3 RGB bytes. */
  frames: Uint8Array;
  /** [frameCount] seconds. */
  timestamps: Float64Array;
  /** Seconds, as the browser reports it. */
  duration: number;
  sourceWidth: number;
  sourceHeight: number;
}

/** A video that could not be decoded: `text` says why (its English is the message). */
export class VideoDecodeError extends Error {
  constructor(readonly text: Text) {
    super(englishText(text));
  }
}

const MEDIA_ERRORS: Record<number, Text> = {
  1: text('data.video.aborted'),
  2: text('data.video.network'),
  3: text('data.video.corrupt'),
  4: text('data.video.unsupported'),
};

const LOAD_TIMEOUT_MS = 20_000;
const SEEK_TIMEOUT_MS = 10_000;

function once(video: HTMLVideoElement, events: string[], timeoutMs: number, what: Text, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      for (const e of [...events, 'error']) video.removeEventListener(e, handlers[e]);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const handlers: Record<string, () => void> = {};
    for (const e of events) handlers[e] = () => done(() => resolve(e));
    handlers.error = () => done(() => reject(new VideoDecodeError(MEDIA_ERRORS[video.error?.code ?? 4] ?? text('data.video.undecodable'))));
    const onAbort = () => done(() => reject(new DOMException('cancelled', 'AbortError')));
    const timer = setTimeout(() => done(() => reject(new VideoDecodeError(text('data.video.timeout', { what, seconds: timeoutMs / 1000 })))), timeoutMs);
    for (const e of [...events, 'error']) video.addEventListener(e, handlers[e]);
    signal?.addEventListener('abort', onAbort);
  });
}

async function seek(video: HTMLVideoElement, t: number, signal: AbortSignal): Promise<void> {
  const seeked = once(video, ['seeked'], SEEK_TIMEOUT_MS, text('data.video.seeking', { time: t }), signal);
  video.currentTime = t;
  await seeked;
}

/**
 * MediaRecorder files (webcam clips) often declare no duration: seeking far past the end makes
 * the browser find it.
 */
async function knownDuration(video: HTMLVideoElement, signal: AbortSignal): Promise<number> {
  if (Number.isFinite(video.duration) && video.duration > 0) return video.duration;
  await seek(video, 1e7, signal);
  const d = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : video.currentTime;
  return d;
}

export async function decodeVideo(
  file: Blob, name: string, settings: VideoDecodeSettings,
  onFrame: (done: number, total: number) => void, signal: AbortSignal,
): Promise<DecodedVideo> {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  const url = URL.createObjectURL(file);
  const fail = (why: Text) => new VideoDecodeError(text('data.video.failed', { name, why }));
  try {
    const loaded = once(video, ['loadeddata'], LOAD_TIMEOUT_MS, text('data.video.loading'), signal);
    video.src = url;
    try {
      await loaded;
    } catch (e) {
      if (e instanceof VideoDecodeError) throw fail(e.text);
      throw e;
    }
    if (video.videoWidth === 0 || video.videoHeight === 0) throw fail(text('data.video.noVideoTrack'));
    const duration = await knownDuration(video, signal);
    const { size, fps, maxFrames } = settings;
    const count = Math.max(1, Math.min(maxFrames, Math.floor(duration * fps + 1e-6)));
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw fail(text('data.video.noCanvas'));
    const side = Math.min(video.videoWidth, video.videoHeight);
    const sx = (video.videoWidth - side) / 2, sy = (video.videoHeight - side) / 2;
    const bytes = size * size * 3;
    const frames = new Uint8Array(count * bytes);
    const timestamps = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
      // The middle of each sampling interval: never ambiguous between two frames at a boundary.
      const t = Math.min((i + 0.5) / fps, Math.max(0, duration - 1e-3));
      try {
        await seek(video, t, signal);
      } catch (e) {
        if (e instanceof VideoDecodeError) throw fail(text('data.video.atFrame', { why: e.text, frame: i + 1, count }));
        throw e;
      }
      ctx.drawImage(video, sx, sy, side, side, 0, 0, size, size);
      const rgba = ctx.getImageData(0, 0, size, size).data;
      const out = frames.subarray(i * bytes, (i + 1) * bytes);
      for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) { out[q] = rgba[p]; out[q + 1] = rgba[p + 1]; out[q + 2] = rgba[p + 2]; }
      timestamps[i] = video.currentTime;
      onFrame(i + 1, count);
    }
    return { frameCount: count, frames, timestamps, duration, sourceWidth: video.videoWidth, sourceHeight: video.videoHeight };
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
