/**
 * Which dropped files are images, videos or archives, and the class label a file's path gives:
 * inside a dropped folder (or a zip), a file in a subfolder belongs to the class named by the
 * first subfolder; a loose file is unlabelled.
 */
export type FileRole = 'image' | 'video' | 'zip' | 'system' | 'other';

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'jfif', 'gif', 'webp', 'bmp', 'avif']);
const VIDEO_EXTENSIONS = new Set(['webm', 'mp4', 'm4v', 'mov', 'mkv', 'ogv', 'ogg']);

export const extensionOf = (path: string) => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** The role a file's name suggests (the worker then checks the bytes). */
export function roleFromName(path: string): FileRole {
  const segments = path.split('/');
  if (segments.some((s) => s === '__MACOSX' || s.startsWith('.')) || /^(thumbs\.db|desktop\.ini)$/i.test(segments[segments.length - 1])) return 'system';
  const ext = extensionOf(path);
  if (IMAGE_EXTENSIONS.has(ext)) return 'image';
  if (VIDEO_EXTENSIONS.has(ext)) return 'video';
  if (ext === 'zip') return 'zip';
  return 'other';
}

/**
 * Paths inside one zip, relative to its labelling root. A single top folder is dropped when it is
 * the zipped folder itself: it matches the zip's name, or the files sit deeper inside it
 * ("animals/cat/1.png"). A zip of class folders ("cat/1.png", "dog/2.png") keeps them.
 */
export function zipEntryPaths(zipName: string, entries: string[]): string[] {
  const files = entries.filter((e) => !e.endsWith('/'));
  const tops = new Set(files.map((e) => (e.includes('/') ? e.slice(0, e.indexOf('/')) : '')));
  if (tops.size !== 1 || tops.has('')) return files;
  const [top] = tops;
  const base = zipName.replace(/\.zip$/i, '').split('/').pop();
  const deeper = files.some((e) => e.split('/').length >= 3);
  return top === base || deeper ? files.map((e) => e.slice(top.length + 1)) : files;
}

/** The class of a file at `path` relative to its dropped folder or zip: its first folder, or null. */
export function labelFromPath(path: string): string | null {
  const segments = path.split('/').filter((s) => s.length > 0);
  return segments.length >= 2 ? segments[0] : null;
}

/** A dropped folder's files carry "folder/sub/file"; drop the folder itself to get the path relative to it. */
export function withinDroppedFolder(relativePath: string): string {
  const i = relativePath.indexOf('/');
  return i < 0 ? relativePath : relativePath.slice(i + 1);
}
