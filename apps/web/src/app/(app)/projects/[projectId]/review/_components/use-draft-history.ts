'use client';

import { useCallback, useRef, useState } from 'react';

// Typing within this pause counts as one edit, so one undo takes back a burst of typing rather
// than a single character (the same feel as the text box's own Ctrl+Z).
const COALESCE_MS = 800;
const MAX_STEPS = 200;

export interface DraftHistory {
  draft: string;
  /** A typed change: merged into the previous step while typing continues. */
  type: (next: string) => void;
  /** A whole replacement (restore pre-label, take theirs): always its own undo step. */
  replace: (next: string) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/** The caption draft with its own undo/redo, usable from shortcuts outside the text box. */
export function useDraftHistory(initial: string): DraftHistory {
  const [state, setState] = useState({
    past: [] as string[],
    draft: initial,
    future: [] as string[],
  });
  const lastTypedAt = useRef(0);

  const type = useCallback((next: string) => {
    const now = Date.now();
    const merge = now - lastTypedAt.current < COALESCE_MS;
    lastTypedAt.current = now;
    setState((current) => {
      if (next === current.draft) return current;
      const past =
        merge && current.past.length > 0
          ? current.past
          : [...current.past, current.draft].slice(-MAX_STEPS);
      return { past, draft: next, future: [] };
    });
  }, []);

  const replace = useCallback((next: string) => {
    lastTypedAt.current = 0;
    setState((current) =>
      next === current.draft
        ? current
        : { past: [...current.past, current.draft].slice(-MAX_STEPS), draft: next, future: [] },
    );
  }, []);

  const undo = useCallback(() => {
    lastTypedAt.current = 0;
    setState((current) => {
      const previous = current.past.at(-1);
      if (previous === undefined) return current;
      return {
        past: current.past.slice(0, -1),
        draft: previous,
        future: [current.draft, ...current.future],
      };
    });
  }, []);

  const redo = useCallback(() => {
    lastTypedAt.current = 0;
    setState((current) => {
      const [next, ...rest] = current.future;
      if (next === undefined) return current;
      return { past: [...current.past, current.draft], draft: next, future: rest };
    });
  }, []);

  return {
    draft: state.draft,
    type,
    replace,
    undo,
    redo,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
}
