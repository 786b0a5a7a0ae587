/**
 * A row's actions as a compact menu: a labelled button (Enter, Space or ArrowDown opens it) and a
 * list of menu items (arrow keys move, Escape closes and returns to the button). The list is
 * placed on the page (fixed, below the button or above it near the page's bottom), so a table
 * that scrolls sideways never hides it.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';

export interface MenuAction {
  label: string;
  onSelect: () => void;
  /** Why the action is not available now (shown as its tooltip; the item stays focusable). */
  disabledWhy?: string;
  title?: string;
  danger?: boolean;
}

/** buttonText: the button's visible text (absent: ⋯, with `label` as its accessible name either way). */
export function RowMenu({ label, actions, testId, buttonText }: { label: string; actions: MenuAction[]; testId?: string; buttonText?: string }) {
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<{ top: number; right?: number; left?: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  const close = (refocus: boolean) => { setOpen(false); if (refocus) button.current?.focus(); };
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  /** Below the button, or above it when the page has no room below; kept there as the page scrolls. */
  const place = () => {
    if (!button.current) return;
    const r = button.current.getBoundingClientRect();
    const h = menu.current?.offsetHeight ?? 0;
    const below = r.bottom + 2;
    const top = below + h > window.innerHeight && r.top - h - 2 >= 0 ? r.top - h - 2 : below;
    // Opens toward the page's middle: from the button's left edge in the left half (the Training
    // tab's Export), else from its right edge (a table row's menu).
    const w = menu.current?.offsetWidth ?? 0;
    const fromLeft = r.left < window.innerWidth / 2 && r.left + w <= window.innerWidth - 4;
    setPos(fromLeft ? { top, left: Math.max(4, r.left) } : { top, right: Math.max(4, window.innerWidth - r.right) });
  };
  useLayoutEffect(() => { if (open) place(); else setPos(null); }, [open]);
  const placed = open && pos !== null;
  useEffect(() => { if (placed) items()[0]?.focus({ preventScroll: true }); }, [placed]);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => { if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('pointerdown', away);
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => { document.removeEventListener('pointerdown', away); window.removeEventListener('resize', place); window.removeEventListener('scroll', place, true); };
  }, [open]);

  const onMenuKey = (e: React.KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      list[(at + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      list[e.key === 'Home' ? 0 : list.length - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <span className="row-menu">
      <button ref={button} type="button" className="secondary small row-menu-button" aria-haspopup="menu" aria-expanded={open} aria-controls={open ? id : undefined}
        aria-label={label} title={label} data-testid={testId} onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown' && !open) { e.preventDefault(); setOpen(true); } }}>
        {buttonText ?? '⋯'}
      </button>
      {open && (
        <ul ref={menu} id={id} role="menu" aria-label={label} className="row-menu-list" onKeyDown={onMenuKey}
          style={pos ?? { visibility: 'hidden' }}>
          {actions.map((a) => (
            <li key={a.label} role="none">
              <button type="button" role="menuitem" className={a.danger ? 'danger' : undefined} aria-disabled={a.disabledWhy ? true : undefined}
                title={a.disabledWhy ?? a.title}
                onClick={() => { if (a.disabledWhy) return; close(true); a.onSelect(); }}>
                {a.label}
                {a.disabledWhy && <span className="row-menu-why">{a.disabledWhy}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
