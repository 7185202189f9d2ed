'use client';

import { forwardRef, useImperativeHandle, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import styles from './review.module.css';

export interface ShortcutSheetHandle {
  /** Opens the sheet now (nothing when it is open already). */
  open: () => void;
}

/**
 * The list of keyboard shortcuts, as a modal dialog: `?` opens it, `?` or Esc closes it. It is
 * opened directly on the element rather than through React state, so it opens on the key press
 * itself, whatever React has or has not yet heard about an earlier close.
 */
export const ShortcutSheet = forwardRef<ShortcutSheetHandle>(function ShortcutSheet(_, ref) {
  const dialog = useRef<HTMLDialogElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      open: () => {
        const element = dialog.current;
        if (element && !element.open) element.showModal();
      },
    }),
    [],
  );
  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="shortcut-sheet-heading"
      onKeyDown={(event) => {
        if (event.key === '?') {
          event.preventDefault();
          event.currentTarget.close();
        }
      }}
    >
      <h2 id="shortcut-sheet-heading">Keyboard shortcuts</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.filter((shortcut) => shortcut.description).map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                <kbd className={styles.kbd}>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Single-key shortcuts wait until you leave the text box (Esc).</p>
      <form method="dialog">
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
});
