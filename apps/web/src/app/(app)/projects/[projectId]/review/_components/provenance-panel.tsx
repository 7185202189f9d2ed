import type { PrelabelProvenance } from '@captionary/shared';

function describeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key} ${typeof value === 'string' ? `“${value}”` : String(value)}`)
    .join(', ');
}

/** Where the pre-label came from: the model build, its score and the generation settings. */
export function ProvenancePanel({ prelabel }: { prelabel: PrelabelProvenance | null }) {
  if (!prelabel) return <p className="empty">This caption did not start from a model.</p>;
  return (
    <dl className="facts" data-testid="provenance">
      <dt>Model</dt>
      <dd>
        {prelabel.modelName}{' '}
        <code title={prelabel.modelChecksum}>{prelabel.modelChecksum.slice(0, 12)}</code>
        {prelabel.tiny ? (
          <>
            {' '}
            <span className="badge badge--muted" data-testid="tiny-model-badge">
              tiny model — placeholder captions
            </span>
          </>
        ) : null}
      </dd>
      <dt>Score</dt>
      <dd>
        {prelabel.score.toFixed(3)} <span className="muted">(mean token log-probability)</span>
      </dd>
      <dt>Settings</dt>
      <dd>{describeParams(prelabel.params) || '—'}</dd>
      <dt>Took</dt>
      <dd>{prelabel.latencyMs} ms</dd>
    </dl>
  );
}
