/** Starts `vite preview` on a free-ish port for scripts that drive the built app. */
import { spawn, type ChildProcess } from 'node:child_process';

export async function startPreviewServer(port = 4180): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'pipe' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not start on ${url} (run npm run build first)`);
}
