import styles from './jobs.module.css';

interface Counts {
  total: number;
  done: number;
  failed: number;
}

/** A job's progress: done (green) and failed (red) out of all planned rows. */
export function JobProgressBar({ counts, label }: { counts: Counts; label: string }) {
  const finished = counts.done + counts.failed;
  const percent = counts.total === 0 ? 100 : Math.floor((finished / counts.total) * 100);
  const share = (n: number) => (counts.total === 0 ? 0 : (n / counts.total) * 100);
  return (
    <div className={styles.progress}>
      <div
        className={styles.progressTrack}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% (${counts.done} done, ${counts.failed} failed of ${counts.total})`}
        data-testid="job-progress"
      >
        <span className={styles.progressDone} style={{ width: `${share(counts.done)}%` }} />
        <span className={styles.progressFailed} style={{ width: `${share(counts.failed)}%` }} />
      </div>
      <span className={styles.progressPercent}>{percent}%</span>
    </div>
  );
}
