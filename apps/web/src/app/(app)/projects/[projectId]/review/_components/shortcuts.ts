// The caption editor's keyboard shortcuts: one table drives both the key handler and the
// shortcut sheet, so the sheet can never list a key that does nothing.

export type ShortcutAction =
  | 'finish'
  | 'reject'
  | 'skip'
  | 'release'
  | 'undo'
  | 'redo'
  | 'restorePrelabel'
  | 'focusCaption'
  | 'next'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown'
  | 'help';

interface KeyCombo {
  /** `KeyboardEvent.code` for letters (layout- and Alt-proof), `key` for the rest. */
  code?: string;
  key?: string;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  primary?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  combos: KeyCombo[];
  /** What the sheet shows, e.g. "Ctrl/⌘ + Enter". */
  keys: string;
  description: string;
  /** Unmodified keys would eat typed characters, so they only work outside text fields. */
  whileTyping: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  {
    action: 'finish',
    combos: [{ key: 'Enter', primary: true }],
    keys: 'Ctrl/⌘ + Enter',
    description: 'Submit the caption (label and rework steps) or approve it (review steps)',
    whileTyping: true,
  },
  {
    action: 'reject',
    combos: [
      { code: 'KeyR', alt: true },
      { code: 'KeyR', primary: true, shift: true },
    ],
    keys: 'Alt + R  or  Ctrl/⌘ + Shift + R',
    description: 'Reject: opens the comment box; Ctrl/⌘ + Enter there sends the rejection',
    whileTyping: true,
  },
  {
    action: 'skip',
    combos: [{ code: 'KeyS', alt: true }],
    keys: 'Alt + S',
    description: 'Skip this item and take the next one',
    whileTyping: true,
  },
  {
    action: 'release',
    combos: [{ code: 'KeyQ', alt: true }],
    keys: 'Alt + Q',
    description: 'Release this item to the queue and go back to the queues',
    whileTyping: true,
  },
  {
    action: 'undo',
    combos: [{ code: 'KeyZ', alt: true }],
    keys: 'Alt + Z',
    description: 'Undo the last edit of the caption (Ctrl/⌘ + Z also works while typing)',
    whileTyping: true,
  },
  {
    action: 'redo',
    combos: [{ code: 'KeyZ', alt: true, shift: true }],
    keys: 'Alt + Shift + Z',
    description: 'Redo',
    whileTyping: true,
  },
  {
    action: 'restorePrelabel',
    combos: [{ code: 'KeyP', alt: true }],
    keys: 'Alt + P',
    description: 'Put the model’s pre-label back in the draft (undo with Alt + Z)',
    whileTyping: true,
  },
  {
    action: 'focusCaption',
    combos: [{ code: 'KeyE', alt: true }, { key: 'e' }],
    keys: 'E  or  Alt + E',
    description: 'Edit the caption (Esc leaves the text box so single keys work again)',
    whileTyping: false,
  },
  {
    action: 'next',
    combos: [{ key: 'n' }, { key: 'N' }],
    keys: 'N',
    description: 'Next item, once this one is finished or the queue was empty',
    whileTyping: false,
  },
  {
    action: 'zoomIn',
    combos: [{ key: '+' }, { key: '=' }],
    keys: '+',
    description: 'Zoom in on the image (the mouse wheel also zooms)',
    whileTyping: false,
  },
  {
    action: 'zoomOut',
    combos: [{ key: '-' }],
    keys: '−',
    description: 'Zoom out',
    whileTyping: false,
  },
  {
    action: 'zoomReset',
    combos: [{ key: '0' }],
    keys: '0',
    description: 'Fit the whole image',
    whileTyping: false,
  },
  {
    action: 'panLeft',
    combos: [{ key: 'ArrowLeft' }],
    keys: '← ↑ → ↓',
    description: 'Move around a zoomed image (dragging works too)',
    whileTyping: false,
  },
  {
    action: 'panRight',
    combos: [{ key: 'ArrowRight' }],
    keys: '',
    description: '',
    whileTyping: false,
  },
  { action: 'panUp', combos: [{ key: 'ArrowUp' }], keys: '', description: '', whileTyping: false },
  {
    action: 'panDown',
    combos: [{ key: 'ArrowDown' }],
    keys: '',
    description: '',
    whileTyping: false,
  },
  {
    action: 'help',
    combos: [{ key: '?' }],
    keys: '?',
    description: 'Show or hide this list',
    whileTyping: false,
  },
];

/** True when keys typed now land in a text field, so plain keys must be left alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type);
  }
  return false;
}

function comboMatches(combo: KeyCombo, event: KeyboardEvent): boolean {
  const primary = event.ctrlKey || event.metaKey;
  if (Boolean(combo.primary) !== primary) return false;
  if (Boolean(combo.alt) !== event.altKey) return false;
  // Shift is part of what produces "?" and "+", so it only counts when a combo names it.
  if (combo.shift !== undefined && combo.shift !== event.shiftKey) return false;
  if (combo.shift === undefined && (combo.alt || combo.primary) && event.shiftKey) return false;
  if (combo.code) return event.code === combo.code;
  return event.key === combo.key;
}

/** The action a key press asks for, or null (also null for plain keys while typing). */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  const typing = isTypingTarget(event.target);
  for (const shortcut of SHORTCUTS) {
    if (typing && !shortcut.whileTyping) continue;
    if (shortcut.combos.some((combo) => comboMatches(combo, event))) return shortcut.action;
  }
  return null;
}
