import styles from './review.module.css';

/** Caption lint hits for the draft, announced politely as the draft changes. */
export function LintHits({ hits }: { hits: { rule: string; message: string }[] }) {
  return (
    <div aria-live="polite" data-testid="lint-hits">
      {hits.length === 0 ? (
        <p className={styles.lintClean}>
          <span aria-hidden="true">✓ </span>No lint hits.
        </p>
      ) : (
        <ul className={styles.lintList} aria-label="Caption lint hits">
          {hits.map((hit) => (
            <li key={`${hit.rule}:${hit.message}`} className={styles.lintHit}>
              <span aria-hidden="true">⚠ </span>
              {hit.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
