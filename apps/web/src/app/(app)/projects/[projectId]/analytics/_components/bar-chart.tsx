import styles from './analytics.module.css';

export interface BarDatum {
  key: string;
  label: string;
  /** Null draws no bar and shows "—" (not measured yet). */
  value: number | null;
}

/**
 * A small horizontal bar chart in CSS, each bar labelled with its formatted value, so the chart
 * reads without colour and the numbers are in the text. `title` names it for assistive tech.
 */
export function BarChart({
  title,
  data,
  format,
}: {
  title: string;
  data: BarDatum[];
  format: (value: number) => string;
}) {
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  return (
    <figure className={styles.barChart}>
      <figcaption className={styles.chartTitle}>{title}</figcaption>
      {data.length === 0 ? (
        <p className="empty">Nothing measured yet.</p>
      ) : (
        <ul className={styles.bars}>
          {data.map((datum) => (
            <li key={datum.key} className={styles.barRow}>
              <span className={styles.rowLabel}>{datum.label}</span>
              <span className={styles.barTrack}>
                {datum.value !== null && max > 0 ? (
                  <span
                    className={styles.bar}
                    style={{ width: `${Math.max(1, (datum.value / max) * 100)}%` }}
                  />
                ) : null}
              </span>
              <span className={styles.barValue}>
                {datum.value === null ? '—' : format(datum.value)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
