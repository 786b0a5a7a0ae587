import { chromiumPath } from '../scripts/lib/chromiumFinder';

/**
 * Debian's Chromium with real WebGPU on SwiftShader (no GPU on these machines), and the flags
 * that keep it off the network. See ../shared/TFJS-WEBGPU.md. Which binary: CHROMIUM_PATH, else
 * Debian's /usr/bin/chromium, else Playwright's own (scripts/lib/chromiumFinder.ts, the same
 * finder `npm test` runs first in scripts/check-chromium.ts).
 */
export const CHROMIUM_PATH = chromiumPath();

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
  // A synthetic camera that needs no permission prompt: the webcam import is tested with it.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

/**
 * For npm run bench:gpu on a machine with a GPU: Chromium on the real adapter (Vulkan / ANGLE),
 * no SwiftShader, the same quiet-network flags.
 */
export const GPU_CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
  '--use-angle=vulkan',
  '--ignore-gpu-blocklist',
  '--enable-gpu',
  ...CHROMIUM_ARGS.filter((a) => !/webgpu|vulkan|swiftshader|Vulkan/.test(a)),
];
