'use client';

import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcuts';

/**
 * Calls `handlers[action]` for each shortcut pressed anywhere on the page, unless `suspended`
 * (a dialog is open). A handler returning false leaves the key to the browser.
 */
export function useShortcuts(
  handlers: Partial<Record<ShortcutAction, () => boolean | void>>,
  suspended: boolean,
): void {
  // The latest handlers without re-subscribing on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (suspended) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor(event);
      if (!action) return;
      const handler = latest.current[action];
      if (!handler) return;
      if (handler() === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [suspended]);
}
