/**
 * A chart of the page as a PNG at 2x: its title, the chart, and its legend as coloured text.
 * Charts are recharts SVGs (styled with attributes, so the SVG alone draws the same) or, for the
 * embedding map, a canvas. DOM only.
 */
import { chartFileName } from './fileNames';
import { text } from '../shared/text';
import { TextError } from '../i18n/textError';

const SCALE = 2;
const PAD = 12;
const TITLE_FONT = 'bold 13px system-ui, sans-serif';
const TITLE_HEIGHT = 18;
const LEGEND_FONT = '12px system-ui, sans-serif';
const LEGEND_ROW_HEIGHT = 18;
const SWATCH_WIDTH = 14;
const TEXT_COLOUR = '#24292f';

/** "Loss (InfoNCE) / step" -> "loss-infonce-step.png"; with the run's name first when given. */
export function pngFileName(title: string, subject?: string): string {
  return chartFileName(title, subject);
}

interface LegendItem { text: string; colour: string }

interface ChartPicture { source: CanvasImageSource; width: number; height: number }

/** A colour an SVG element paints with (stroke first: legend lines are stroked), or null. */
function paintOf(el: Element | null): string | null {
  if (!el) return null;
  for (const attr of ['stroke', 'fill']) {
    const value = el.getAttribute(attr);
    if (value && value !== 'none' && !value.startsWith('url(')) return value;
  }
  return null;
}

/** Legend entries: recharts' legend (HTML list with an SVG icon per item) or the map's class list. */
function legendItems(figure: HTMLElement): LegendItem[] {
  const items: LegendItem[] = [];
  for (const item of figure.querySelectorAll('.recharts-legend-wrapper .recharts-legend-item')) {
    const label = item.querySelector<HTMLElement>('.recharts-legend-item-text');
    const text = label?.textContent?.trim();
    if (!text) continue;
    const icon = item.querySelector('.recharts-legend-icon') ?? item.querySelector('svg path, svg line, svg circle, svg rect');
    items.push({ text, colour: paintOf(icon) || label?.style.color || TEXT_COLOUR });
  }
  // The reference lines' key under a chart (chance, random init, raw pixels): in the PNG too.
  for (const item of figure.querySelectorAll('.reference-key .reference-key-item')) {
    const text = item.textContent?.trim();
    if (text) items.push({ text, colour: paintOf(item.querySelector('svg line')) || TEXT_COLOUR });
  }
  for (const li of figure.querySelectorAll('.map-legend li')) {
    const text = li.textContent?.trim();
    const swatch = li.querySelector<HTMLElement>('span');
    if (text) items.push({ text, colour: swatch?.style.backgroundColor || TEXT_COLOUR });
  }
  return items;
}

/** The chart's SVG: the first recharts surface that is not a legend icon (those are recharts surfaces too). */
function chartSvg(figure: HTMLElement): SVGSVGElement | null {
  for (const svg of figure.querySelectorAll<SVGSVGElement>('svg.recharts-surface')) {
    if (!svg.closest('.recharts-legend-wrapper')) return svg;
  }
  return null;
}

function loadImage(url: string, what: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new TextError(text('compare.export.png.render', { title: what })));
    image.src = url;
  });
}

/** The SVG as a standalone image: explicit size and namespace, the page's font (CSS does not travel). */
async function svgPicture(svg: SVGSVGElement, title: string): Promise<ChartPicture> {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width || svg.width.baseVal.value);
  const height = Math.round(box.height || svg.height.baseVal.value);
  if (!width || !height) throw new TextError(text('compare.export.png.noSize', { title }));
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.fontFamily = getComputedStyle(svg).fontFamily || 'system-ui, sans-serif';
  const markup = new XMLSerializer().serializeToString(copy);
  const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`, title);
  return { source: image, width, height };
}

/** A canvas at its on-page (CSS) size; its backing store may be larger (device pixel ratio). */
function canvasPicture(canvas: HTMLCanvasElement, title: string): ChartPicture {
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  if (!width || !height) throw new TextError(text('compare.export.png.noSize', { title }));
  return { source: canvas, width, height };
}

/** Legend items laid out left to right, wrapping at maxWidth: each with its row and x. */
function layoutLegend(ctx: CanvasRenderingContext2D, items: LegendItem[], maxWidth: number): { item: LegendItem; row: number; x: number }[] {
  ctx.font = LEGEND_FONT;
  const placed: { item: LegendItem; row: number; x: number }[] = [];
  let row = 0, x = 0;
  for (const item of items) {
    const width = SWATCH_WIDTH + 4 + ctx.measureText(item.text).width;
    if (x > 0 && x + width > maxWidth) { row++; x = 0; }
    placed.push({ item, row, x });
    x += width + 14;
  }
  return placed;
}

function canvasBlob(canvas: HTMLCanvasElement, title: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new TextError(text('compare.export.png.encode', { title })))), 'image/png');
  });
}

/** Renders the chart in `figure` with `title` above and its legend below as a PNG (2x). */
export async function chartPng(figure: HTMLElement, title: string): Promise<Blob> {
  const sourceCanvas = figure.querySelector('canvas');
  const svg = sourceCanvas ? null : chartSvg(figure);
  if (!sourceCanvas && !svg) throw new TextError(text('compare.export.png.nothing', { title }));
  const picture = sourceCanvas ? canvasPicture(sourceCanvas, title) : await svgPicture(svg!, title);

  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new TextError(text('compare.export.png.noCanvas', { title }));
  const legend = layoutLegend(ctx, legendItems(figure), picture.width);
  const legendRows = legend.length ? legend[legend.length - 1].row + 1 : 0;
  const width = picture.width + 2 * PAD;
  const chartTop = PAD + TITLE_HEIGHT + 4;
  const legendTop = chartTop + picture.height + (legendRows ? 8 : 0);
  const height = legendTop + legendRows * LEGEND_ROW_HEIGHT + PAD;
  canvas.width = Math.ceil(width * SCALE);
  canvas.height = Math.ceil(height * SCALE);
  ctx.scale(SCALE, SCALE);

  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = TEXT_COLOUR;
  ctx.font = TITLE_FONT;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, PAD, PAD + TITLE_HEIGHT / 2, picture.width);
  ctx.drawImage(picture.source, PAD, chartTop, picture.width, picture.height);

  ctx.font = LEGEND_FONT;
  for (const { item, row, x } of legend) {
    const y = legendTop + row * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2;
    ctx.strokeStyle = item.colour;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(PAD + x, y);
    ctx.lineTo(PAD + x + SWATCH_WIDTH, y);
    ctx.stroke();
    ctx.fillStyle = TEXT_COLOUR;
    ctx.fillText(item.text, PAD + x + SWATCH_WIDTH + 4, y);
  }
  return canvasBlob(canvas, title);
}
