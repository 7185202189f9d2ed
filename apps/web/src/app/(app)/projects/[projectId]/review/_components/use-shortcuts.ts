'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcuts';

/** True while a modal dialog (shortcut sheet, conflict) is open in the page: it owns the keys. */
function modalDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * Calls `handlers[action]` for each shortcut pressed anywhere on the page, unless `suspended` or
 * a modal dialog is open. A handler returning false leaves the key to the browser.
 *
 * The listener stays attached for the component's whole life and decides per key press. Whether
 * a dialog is open is read from the page, not from React state: the browser closes a dialog on
 * Esc at once but tells React only with a later `close` event, and keys pressed in between must
 * still work (re-attaching the listener after that event lost them).
 */
export function useShortcuts(
  handlers: Partial<Record<ShortcutAction, () => boolean | void>>,
  suspended = false,
): void {
  // The latest handlers and flag, current before any key press that follows this render.
  const latest = useRef({ handlers, suspended });
  useLayoutEffect(() => {
    latest.current = { handlers, suspended };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (latest.current.suspended || modalDialogOpen()) return;
      const action = shortcutFor(event);
      if (!action) return;
      const handler = latest.current.handlers[action];
      if (!handler) return;
      if (handler() === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
