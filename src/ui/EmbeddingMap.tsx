/**
 * The map of held-out embeddings: t-SNE (animated, in its own worker) or PCA, coloured by class
 * (by video and time for video datasets). Hover shows the image under the pointer; a click shows
 * its nearest neighbours in embedding space (cosine), not on the map.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MapClient } from '../client/mapClient';
import type { MapPoints } from '../eval/types';
import type { FromMapWorker, MapMethod } from '../shared/mapProtocol';
import { isActive, type LatestEmbeddings, useFocusedRun } from '../store/runStore';
import { ImageStrip, type ImageRow } from './ImageStrip';
import { PngButton } from './chartParts';
import { formatFixed } from '../i18n/format';

const PAD = 14, NEIGHBOURS = 8;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

/** A colour per point: its class, or for video frames a hue per clip and lightness by time. */
function colours(points: MapPoints): string[] {
  const origin = points.origin;
  if (origin) {
    const frames = 1 + origin.frame.reduce((m, f) => Math.max(m, f), 0);
    return Array.from(origin.clip, (clip, i) => `hsl(${((clip * 137.508) % 360).toFixed(0)} 70% ${(30 + (45 * origin.frame[i]) / frames).toFixed(0)}%)`);
  }
  return Array.from(points.labels, (l) => (l >= 0 ? PALETTE[l % PALETTE.length] : '#57606a'));
}

/** Image i of the map's points as a one-image row. */
function thumbnail(points: MapPoints, indices: number[], caption: string): ImageRow {
  const bytes = points.height * points.width * 4;
  const rgba = new Uint8ClampedArray(indices.length * bytes);
  indices.forEach((p, k) => rgba.set(points.rgba.subarray(p * bytes, (p + 1) * bytes), k * bytes));
  return { caption, count: indices.length, height: points.height, width: points.width, rgba };
}

const describe = (t: TFunction, points: MapPoints, i: number) =>
  points.origin ? t('charts.map.frame', { clip: points.origin.clipNames[points.origin.clip[i]], frame: points.origin.frame[i] + 1 })
  : points.labels[i] >= 0 ? points.classNames[points.labels[i]] : t('charts.map.unlabelled');

/** Cosine nearest neighbours of point i among all points (excluding itself). */
function nearest(data: Float32Array, n: number, dim: number, i: number, k: number): number[] {
  const norm = (j: number) => Math.hypot(...data.subarray(j * dim, (j + 1) * dim)) || 1;
  const ni = norm(i);
  const sims: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += data[i * dim + d] * data[j * dim + d];
    sims.push([dot / (ni * norm(j)), j]);
  }
  return sims.sort((a, b) => b[0] - a[0]).slice(0, k).map(([, j]) => j);
}

/** The focused run's map (Training tab). */
export function EmbeddingMap() {
  const points = useFocusedRun((r) => r.mapPoints);
  const embeddings = useFocusedRun((r) => r.embeddings);
  const settled = useFocusedRun((r) => r.phase !== 'idle' && !isActive(r.phase));
  return <EmbeddingMapView points={points} embeddings={embeddings} settled={settled} />;
}

interface MapViewProps {
  points: MapPoints | null;
  embeddings: LatestEmbeddings | null;
  /** Canvas size in CSS px (the comparison view draws several small maps). */
  width?: number;
  height?: number;
  title?: string;
  testId?: string;
  /** The run is over: no evaluation will come, so a map without embeddings stays without one. */
  settled?: boolean;
}

export function EmbeddingMapView({ points, embeddings, width: WIDTH = 520, height: HEIGHT = 400, title: givenTitle, testId = 'embedding-map', settled = false }: MapViewProps) {
  const { t } = useTranslation();
  const title = givenTitle ?? t('charts.map.title');
  const name = (i: number) => (points ? describe(t, points, i) : '');
  const [method, setMethod] = useState<MapMethod>('tsne');
  const [layout, setLayout] = useState<FromMapWorker | null>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const figure = useRef<HTMLElement>(null);
  const client = useRef<MapClient | null>(null);
  const methodId = useId();

  // A fresh worker (and a fresh layout) for each run's points; evaluations within a run warm-start it.
  useEffect(() => {
    const c = new MapClient(setLayout);
    client.current = c;
    setLayout(null);
    setSelected(null);
    return () => c.terminate();
  }, [points]);
  useEffect(() => {
    if (!embeddings || !points || embeddings.data.length !== points.count * embeddings.dim) return;
    client.current?.setPoints(embeddings.step, embeddings.data, points.count, embeddings.dim, method);
  }, [embeddings, points, method]);

  // Screen positions of the current layout, fitted to the canvas.
  const screen = useMemo(() => {
    if (!layout || !points || layout.coords.length !== points.count * 2) return null;
    const c = layout.coords;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < points.count; i++) { x0 = Math.min(x0, c[2 * i]); x1 = Math.max(x1, c[2 * i]); y0 = Math.min(y0, c[2 * i + 1]); y1 = Math.max(y1, c[2 * i + 1]); }
    const scale = Math.min((WIDTH - 2 * PAD) / (x1 - x0 || 1), (HEIGHT - 2 * PAD) / (y1 - y0 || 1));
    const out = new Float32Array(points.count * 2);
    for (let i = 0; i < points.count; i++) {
      out[2 * i] = PAD + (c[2 * i] - x0) * scale + (WIDTH - 2 * PAD - (x1 - x0) * scale) / 2;
      out[2 * i + 1] = PAD + (c[2 * i + 1] - y0) * scale + (HEIGHT - 2 * PAD - (y1 - y0) * scale) / 2;
    }
    return out;
  }, [layout, points, WIDTH, HEIGHT]);

  const pointColours = useMemo(() => (points ? colours(points) : []), [points]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = WIDTH * dpr;
    el.height = HEIGHT * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    if (!screen || !points) return;
    for (let i = 0; i < points.count; i++) {
      ctx.fillStyle = pointColours[i];
      ctx.beginPath();
      ctx.arc(screen[2 * i], screen[2 * i + 1], 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    for (const [i, style] of [[selected, '#000'], [hover?.index ?? null, '#0969da']] as const) {
      if (i === null) continue;
      ctx.strokeStyle = style;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(screen[2 * i], screen[2 * i + 1], 6, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }, [screen, points, pointColours, hover, selected, WIDTH, HEIGHT]);

  const pick = (e: React.MouseEvent<HTMLCanvasElement>): { index: number; x: number; y: number } | null => {
    if (!screen || !points) return null;
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    // A narrow card draws the canvas smaller than its pixels (max-width: 100%): pick in canvas pixels.
    const cx = r.width ? x * (WIDTH / r.width) : x, cy = r.height ? y * (HEIGHT / r.height) : y;
    let best = 64, index = -1; // within 8 px
    for (let i = 0; i < points.count; i++) {
      const d = (screen[2 * i] - cx) ** 2 + (screen[2 * i + 1] - cy) ** 2;
      if (d < best) { best = d; index = i; }
    }
    return index < 0 ? null : { index, x, y };
  };

  const neighbours = useMemo(() => {
    if (selected === null || !points || !embeddings || embeddings.data.length !== points.count * embeddings.dim) return null;
    return nearest(embeddings.data, points.count, embeddings.dim, selected, NEIGHBOURS);
  }, [selected, points, embeddings]);

  const legend = points && !points.origin ? points.classNames.slice(0, PALETTE.length) : [];
  const hasEmbeddings = !!(points && embeddings && embeddings.data.length === points.count * embeddings.dim);
  const imagesKept = points?.imagesKept !== false;
  const status = !points || !hasEmbeddings
    ? (settled ? t('charts.map.status.none') : t('charts.map.status.waiting'))
    : !layout ? t('charts.map.status.layingOut')
    : layout.method === 'tsne' ? t('charts.map.status.tsne', { count: points.count, step: layout.step, iteration: layout.iteration, iterations: layout.iterations, ms: formatFixed(layout.msPerIteration, 1) })
    : t('charts.map.status.pca', { count: points.count, step: layout.step });

  return (
    <figure
      ref={figure} className="chart map" data-testid={testId} data-points={screen ? points?.count ?? 0 : 0} data-iteration={layout?.iteration ?? 0} data-step={layout?.step ?? -1}
      data-first-point={screen ? `${screen[0].toFixed(1)},${screen[1].toFixed(1)}` : ''}
    >
      <figcaption>
        {title}{' '}
        <label htmlFor={methodId} className="muted">{t('charts.map.layout')}</label>{' '}
        <select id={methodId} data-testid="map-method" value={method} onChange={(e) => setMethod(e.target.value as MapMethod)}>
          <option value="tsne">{t('charts.map.tsne')}</option>
          <option value="pca">PCA</option>
        </select>
        {screen && <PngButton figure={figure} title={title} />}
      </figcaption>
      <div className="map-body" style={{ width: WIDTH }}>
        <canvas
          ref={canvas} style={{ width: WIDTH, height: HEIGHT }} data-testid="map-canvas" tabIndex={0}
          aria-label={t('charts.map.ariaLabel')}
          onMouseMove={(e) => setHover(pick(e))} onMouseLeave={() => setHover(null)} onClick={(e) => setSelected(pick(e)?.index ?? null)}
        />
        {hover && points && (
          <div className="map-tooltip" data-testid="map-tooltip" style={{ left: Math.min(hover.x + 12, WIDTH - 110), top: Math.max(0, hover.y - 70) }}>
            {imagesKept
              ? <ImageStrip row={thumbnail(points, [hover.index], name(hover.index))} scale={Math.max(2, Math.round(64 / points.height))} />
              : <span className="map-tooltip-text">{name(hover.index)}<br /><span className="muted">{t('charts.map.noThumbnail')}</span></span>}
          </div>
        )}
      </div>
      <p className="chart-note" data-testid="map-status">{status}</p>
      {points && !imagesKept && hasEmbeddings && <p className="chart-note" data-testid="map-images-note">{t('charts.map.imagesNote')}</p>}
      {legend.length > 0 && (
        <ul className="map-legend" data-user-text>{legend.map((name, i) => <li key={name}><span style={{ background: PALETTE[i] }} />{name}</li>)}</ul>
      )}
      {points?.origin && <p className="chart-note">{t('charts.map.videoColour')}</p>}
      {neighbours && points && selected !== null && (
        <div data-testid="map-neighbours">
          {imagesKept ? (
            <>
              <ImageStrip row={thumbnail(points, [selected], t('charts.map.selected', { name: name(selected) }))} scale={2} />
              <ImageStrip row={thumbnail(points, neighbours, t('charts.map.nearest', { count: NEIGHBOURS, names: neighbours.map(name).join(t('charts.separator')) }))} scale={2} />
            </>
          ) : (
            <p className="chart-note">{t('charts.map.selectedText', { name: name(selected), count: NEIGHBOURS, names: neighbours.map(name).join(t('charts.separator')) })}</p>
          )}
        </div>
      )}
    </figure>
  );
}
