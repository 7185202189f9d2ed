'use client';

import { useState } from 'react';

/** Copies `value` to the clipboard and says so; the value stays selectable for manual copying. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Clipboard access needs a secure context; on plain http the person copies by hand.
      setState('failed');
    }
  }
  return (
    <button type="button" className="button button--secondary" onClick={copy}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy manually' : label}
    </button>
  );
}

/** A one-time secret with a copy button and a warning that it will not be shown again. */
export function OneTimeSecret({
  title,
  value,
  testId,
}: {
  title: string;
  value: string;
  testId: string;
}) {
  return (
    <div className="secret" role="status">
      <p className="secret__title">{title}</p>
      <div className="secret__row">
        <code className="secret__value" data-testid={testId}>
          {value}
        </code>
        <CopyButton value={value} />
      </div>
      <p className="secret__note">Copy it now: it will not be shown again.</p>
    </div>
  );
}
