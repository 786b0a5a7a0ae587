/** Whether the first-run guide shows: until dismissed (remembered in localStorage), and again from the header's Guide button. */
import { useSyncExternalStore } from 'react';

export const GUIDE_DISMISSED_KEY = 'pretext.guideDismissed';

function readDismissed(): boolean {
  try {
    return localStorage.getItem(GUIDE_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

let open = !readDismissed();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function setGuideOpen(next: boolean): void {
  open = next;
  try {
    if (next) localStorage.removeItem(GUIDE_DISMISSED_KEY); else localStorage.setItem(GUIDE_DISMISSED_KEY, '1');
  } catch {
    // Storage blocked: the guide still closes for this page.
  }
  notify();
}

export function useGuideOpen(): boolean {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => open);
}
