/// <reference lib="webworker" />
/** Reads a file the app ships under public/ (same origin; never another host). */
export async function fetchPublic(path: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}${path}`, self.location.origin);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
