/** Starts `vite preview` on a free-ish port for scripts that drive the built app. */
import { spawn, type ChildProcess } from 'node:child_process';

export async function startPreviewServer(port = 4180): Promise<{ url: string; stop(): void }> {
  // A server already answering there belongs to someone else (e.g. another experiment): its
  // dist and lifetime are not ours, so refuse rather than race strictPort's exit.
  const answered = await fetch(`http://127.0.0.1:${port}`).then(() => true, () => false);
  if (answered) throw new Error(`port ${port} is already serving something; stop it or pick another port`);
  // Vite's own entry (not npx), so that kill() ends the server itself and the script can exit.
  const child: ChildProcess = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) { // up to 60 s: a loaded 2-core machine starts it slowly
    // strictPort: if the port is taken the child exits, and a stranger's server must not be used.
    if (exited) throw new Error(`vite preview could not start on port ${port} (in use?)`);
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
