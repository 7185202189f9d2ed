'use client';

import { LINT_RULE_NAMES, QueueLintFilter } from '@captionary/shared';

/** What each lint queue filter keeps, as the filter menu names it. */
const LINT_FILTER_LABELS: Record<QueueLintFilter, string> = {
  any: 'With any lint hit',
  minWords: 'Too few words',
  maxWords: 'Too many words',
  bannedOpener: 'Banned opener',
  bannedWord: 'Banned word',
  unchangedFromPrelabel: 'Unchanged pre-label',
  pii: 'Looks like personal data',
};

/** The `?lint=` of a review URL, or undefined (all items) when missing or unknown. */
export function lintFilterFrom(value: string | null): QueueLintFilter | undefined {
  const parsed = QueueLintFilter.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** `?lint=…` (with a leading `&` when `more` is true) for links that keep the filter. */
export function lintQuery(filter: QueueLintFilter | undefined, more = false): string {
  if (!filter) return '';
  return `${more ? '&' : '?'}lint=${filter}`;
}

export function lintFilterLabel(filter: QueueLintFilter): string {
  return LINT_FILTER_LABELS[filter];
}

/** Narrows the queues to captions with lint hits: all of them, or one rule's. */
export function LintFilterSelect({
  value,
  onChange,
}: {
  value: QueueLintFilter | undefined;
  onChange: (filter: QueueLintFilter | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor="lint-filter">Items</label>
      <select
        id="lint-filter"
        value={value ?? ''}
        onChange={(event) => onChange(lintFilterFrom(event.target.value))}
      >
        <option value="">All items</option>
        {(['any', ...LINT_RULE_NAMES] as const).map((filter) => (
          <option key={filter} value={filter}>
            {LINT_FILTER_LABELS[filter]}
          </option>
        ))}
      </select>
    </div>
  );
}
