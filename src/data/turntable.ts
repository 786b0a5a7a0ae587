/**
 * "Multi-view turntable": small 3D scenes built from boxes (an articulated arm, a windmill, a
 * tumbling cube), each filmed by three cameras at the same time steps. Frame i of every view of
 * a scene is time step i: the ground truth multi-view TCN aligns against. Rendered by a tiny
 * z-buffered rasteriser in plain TypeScript (2x supersampled, flat Lambert shading), no DOM.
 */
import { text } from '../shared/text';
import { createRng, type Rng } from '../shared/rng';
import type { VideoClip, VideoDataset } from './dataset';
import { evenTimestamps } from './movingShapes';
import { hsvToRgb } from './shapes';

export const TURNTABLE_CLASSES = ['arm', 'windmill', 'cube'] as const;
export const TURNTABLE_DEFAULTS = { size: 32, fps: 10, frames: 48, scenesPerClass: 2, seed: 4242 };

type Vec3 = [number, number, number];
/** Row-major 3x3 rotation. */
type Mat3 = number[];
interface Pose { r: Mat3; t: Vec3 }
interface Box { pose: Pose; half: Vec3; colours: Vec3[] /* 6 faces: -x +x -y +y -z +z */ }

const mul = (a: Mat3, b: Mat3): Mat3 => {
  const o = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
  return o;
};
const apply = (m: Mat3, v: Vec3): Vec3 => [
  m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const rotY = (a: number): Mat3 => [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
const rotZ = (a: number): Mat3 => [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1];
const rotX = (a: number): Mat3 => [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
const compose = (parent: Pose, child: Pose): Pose => ({ r: mul(parent.r, child.r), t: add(parent.t, apply(parent.r, child.t)) });
const IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

interface SceneStyle { hue: number; speed: number; phase: number }

const shaded = (hue: number, s: number, v: number): Vec3[] => [0, 1, 2, 3, 4, 5].map((f) => hsvToRgb((hue + f * 0.09) % 1, s, v));

/** The boxes of scene `kind` at time step t. */
function sceneBoxes(kind: number, style: SceneStyle, t: number): Box[] {
  const w = style.speed * t + style.phase;
  const yaw: Pose = { r: rotY(0.35 * w), t: [0, 0, 0] };
  const c = (dh: number) => shaded((style.hue + dh) % 1, 0.75, 0.9);
  switch (TURNTABLE_CLASSES[kind]) {
    case 'arm': {
      const base: Box = { pose: yaw, half: [0.5, 0.12, 0.5], colours: c(0) };
      const shoulder = compose(yaw, { r: rotZ(0.5 + 0.6 * Math.sin(0.45 * w)), t: [0, 0.12, 0] });
      const upper: Box = { pose: compose(shoulder, { r: IDENTITY, t: [0, 0.45, 0] }), half: [0.16, 0.45, 0.16], colours: c(0.3) };
      const elbow = compose(shoulder, { r: rotZ(-1.0 + 0.8 * Math.sin(0.7 * w + 1)), t: [0, 0.9, 0] });
      const fore: Box = { pose: compose(elbow, { r: IDENTITY, t: [0, 0.35, 0] }), half: [0.13, 0.35, 0.13], colours: c(0.6) };
      return [base, upper, fore];
    }
    case 'windmill': {
      const post: Box = { pose: compose(yaw, { r: IDENTITY, t: [0, 0.6, 0] }), half: [0.12, 0.6, 0.12], colours: c(0.1) };
      const hub = compose(yaw, { r: rotZ(0.8 * w), t: [0, 1.15, 0.12] });
      const blades = [0, 1, 2].map((k): Box => ({
        pose: compose(hub, { r: rotZ((2 * Math.PI * k) / 3), t: [0, 0, 0] }),
        half: [0.13, 0.55, 0.05], colours: c(0.25 * (k + 1)),
      })).map((b) => ({ ...b, pose: compose(b.pose, { r: IDENTITY, t: [0, 0.5, 0] }) }));
      return [post, ...blades];
    }
    default: {
      const tumble: Pose = { r: mul(rotY(0.5 * w), mul(rotX(0.3 * w), rotZ(0.2 * w))), t: [0, 0.7, 0] };
      return [{ pose: tumble, half: [0.45, 0.45, 0.45], colours: c(0) }];
    }
  }
}

const CORNERS: Vec3[] = [[-1, -1, -1], [1, -1, -1], [1, 1, -1], [-1, 1, -1], [-1, -1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, 1]];
/** Faces as corner quads (outward order does not matter: flat shading uses |n . l|), with their normal axis. */
const FACES: { quad: number[]; normal: Vec3 }[] = [
  { quad: [0, 3, 7, 4], normal: [-1, 0, 0] }, { quad: [1, 2, 6, 5], normal: [1, 0, 0] },
  { quad: [0, 1, 5, 4], normal: [0, -1, 0] }, { quad: [3, 2, 6, 7], normal: [0, 1, 0] },
  { quad: [0, 1, 2, 3], normal: [0, 0, -1] }, { quad: [4, 5, 6, 7], normal: [0, 0, 1] },
];
const LIGHT: Vec3 = (() => { const v: Vec3 = [0.4, 0.8, 0.45]; const n = Math.hypot(...v); return [v[0] / n, v[1] / n, v[2] / n]; })();

export interface Camera { azimuth: number; elevation: number; distance: number }

class Raster {
  readonly colour: Float32Array;
  readonly depth: Float32Array;
  constructor(readonly size: number) {
    this.colour = new Float32Array(size * size * 3);
    this.depth = new Float32Array(size * size).fill(Infinity);
  }
  /** Triangle in screen pixels with camera depth per vertex, one colour. */
  triangle(p: [number, number, number][], rgb: Vec3): void {
    const [a, b, c] = p;
    const area = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]);
    if (Math.abs(area) < 1e-9) return;
    const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0], c[0]))), x1 = Math.min(this.size - 1, Math.ceil(Math.max(a[0], b[0], c[0])));
    const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1], c[1]))), y1 = Math.min(this.size - 1, Math.ceil(Math.max(a[1], b[1], c[1])));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5, py = y + 0.5;
        const w0 = ((b[0] - px) * (c[1] - py) - (c[0] - px) * (b[1] - py)) / area;
        const w1 = ((c[0] - px) * (a[1] - py) - (a[0] - px) * (c[1] - py)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * a[2] + w1 * b[2] + w2 * c[2];
        const i = y * this.size + x;
        if (z >= this.depth[i]) continue;
        this.depth[i] = z;
        this.colour.set(rgb, i * 3);
      }
    }
  }
}

/** Renders the boxes from `camera` into size*size*3 bytes (rendered at 2x, averaged down). */
export function renderView(boxes: Box[], camera: Camera, size: number, background: { top: Vec3; floorA: Vec3; floorB: Vec3 }): Uint8Array {
  const s2 = size * 2;
  const raster = new Raster(s2);
  for (let y = 0; y < s2; y++) {
    const t = y / s2;
    for (let x = 0; x < s2; x++) raster.colour.set([background.top[0] * (1 - 0.5 * t), background.top[1] * (1 - 0.5 * t), background.top[2] * (1 - 0.3 * t)], (y * s2 + x) * 3);
  }
  // Camera looking at (0, 0.6, 0) from the given azimuth / elevation.
  const view = mul(rotX(camera.elevation), rotY(-camera.azimuth));
  const target: Vec3 = [0, 0.6, 0];
  const focal = 2.4 * s2 / 2;
  const project = (w: Vec3): [number, number, number] => {
    const v = apply(view, [w[0] - target[0], w[1] - target[1], w[2] - target[2]]);
    const depth = camera.distance - v[2];
    return [s2 / 2 + (focal * v[0]) / depth, s2 / 2 - (focal * v[1]) / depth, depth];
  };
  const quad = (corners: Vec3[], rgb: Vec3) => {
    const p = corners.map(project);
    raster.triangle([p[0], p[1], p[2]], rgb);
    raster.triangle([p[0], p[2], p[3]], rgb);
  };
  // A 6x6 chequered floor at y = 0: it tells the views apart and gives depth cues.
  const tiles = 6, extent = 1.8, step = (2 * extent) / tiles;
  for (let i = 0; i < tiles; i++) {
    for (let j = 0; j < tiles; j++) {
      const x = -extent + i * step, z = -extent + j * step;
      quad([[x, 0, z], [x + step, 0, z], [x + step, 0, z + step], [x, 0, z + step]], (i + j) % 2 ? background.floorA : background.floorB);
    }
  }
  for (const box of boxes) {
    const world = CORNERS.map((k) => add(box.pose.t, apply(box.pose.r, [k[0] * box.half[0], k[1] * box.half[1], k[2] * box.half[2]])));
    FACES.forEach((face, f) => {
      const n = apply(box.pose.r, face.normal);
      const light = 0.35 + 0.65 * Math.abs(n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
      quad(face.quad.map((k) => world[k]), [box.colours[f][0] * light, box.colours[f][1] * light, box.colours[f][2] * light]);
    });
  }
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let k = 0; k < 3; k++) {
        let sum = 0;
        for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) sum += raster.colour[((2 * y + dy) * s2 + 2 * x + dx) * 3 + k];
        out[(y * size + x) * 3 + k] = Math.max(0, Math.min(255, Math.round((sum / 4) * 255)));
      }
    }
  }
  return out;
}

/** The three cameras: front, left and right, at different heights. */
export const TURNTABLE_CAMERAS: Camera[] = [
  { azimuth: 0, elevation: 0.35, distance: 4.6 },
  { azimuth: -0.9, elevation: 0.6, distance: 4.8 },
  { azimuth: 1.0, elevation: 0.2, distance: 4.4 },
];

function sceneStyle(rng: Rng): SceneStyle {
  return { hue: rng.next(), speed: rng.uniform(0.12, 0.22), phase: rng.uniform(0, 2 * Math.PI) };
}

export function generateTurntable(options: Partial<typeof TURNTABLE_DEFAULTS> = {}): VideoDataset {
  const { size, fps, frames, scenesPerClass, seed } = { ...TURNTABLE_DEFAULTS, ...options };
  const rng = createRng(seed);
  const bytes = size * size * 3;
  const clips: VideoClip[] = [];
  for (let scene = 0; scene < scenesPerClass * TURNTABLE_CLASSES.length; scene++) {
    const kind = scene % TURNTABLE_CLASSES.length;
    const style = sceneStyle(rng);
    const background = {
      top: hsvToRgb(rng.next(), 0.25, 0.85), floorA: hsvToRgb(rng.next(), 0.15, 0.55), floorB: hsvToRgb(rng.next(), 0.15, 0.3),
    };
    TURNTABLE_CAMERAS.forEach((camera, view) => {
      const out = new Uint8Array(frames * bytes);
      for (let t = 0; t < frames; t++) out.set(renderView(sceneBoxes(kind, style, t), camera, size, background), t * bytes);
      clips.push({
        name: `${TURNTABLE_CLASSES[kind]}-${Math.floor(scene / TURNTABLE_CLASSES.length)}-view${view + 1}`,
        label: kind, scene, view, frameCount: frames, frames: out, timestamps: evenTimestamps(frames, fps),
      });
    });
  }
  return {
    kind: 'video', id: 'turntable', name: 'Multi-view turntable', height: size, width: size, channels: 3, fps,
    classNames: [...TURNTABLE_CLASSES], clips,
    source: text('data.sources.turntable', { seed, cameras: TURNTABLE_CAMERAS.length }),
  };
}
