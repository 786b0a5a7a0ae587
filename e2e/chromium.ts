/**
 * Debian's Chromium with real WebGPU on SwiftShader (no GPU on these machines), and the flags
 * that keep it off the network. See ../shared/TFJS-WEBGPU.md.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
