'use client';

import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import styles from './review.module.css';

/** The list of keyboard shortcuts, as a modal dialog (`?` toggles it, Esc closes it). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="shortcut-sheet-heading"
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.key === '?') {
          event.preventDefault();
          onClose();
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
}
