'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import styles from '../rows.module.css';

const ACTION_LABELS: Record<string, string> = {
  PRELABEL: 'Pre-labelled by the model',
  EDIT: 'Edited',
  SUBMIT: 'Submitted',
  APPROVE: 'Approved',
  REJECT: 'Rejected',
  REROUTE: 'Moved',
};

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function describeParams(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '';
  const p = params as Record<string, unknown>;
  const parts = [
    `max ${String(p.maxNewTokens)} tokens`,
    `min ${String(p.minNewTokens ?? 0)}`,
    `${String(p.numBeams)} beam${p.numBeams === 1 ? '' : 's'}`,
  ];
  if (typeof p.prompt === 'string') parts.push(`prompt "${p.prompt}"`);
  return parts.join(', ');
}

/** One row: the image, its current caption, every prediction with provenance, and its history. */
export function RowDetailView({ projectId, rowId }: { projectId: string; rowId: string }) {
  const trpc = useTRPC();
  const row = useQuery(trpc.dataRows.get.queryOptions({ rowId }));
  if (row.isPending) return <p className="muted">Loading row…</p>;
  if (row.error) {
    return (
      <section className="panel narrow">
        <h1>Row unavailable</h1>
        <FormError message={errorMessage(row.error)} />
        <Link href={`/projects/${projectId}/rows`}>Back to rows</Link>
      </section>
    );
  }
  const data = row.data;
  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">
            <Link href={`/projects/${projectId}/rows`}>Rows</Link> / {data.externalId}
          </p>
          <h1>{data.externalId}</h1>
        </div>
      </div>
      <div className={styles.detail}>
        <section className="panel" aria-label="Image">
          {/* The original, served by our image route with its stored content type. */}
          <img
            src={`/api/images/${data.id}?variant=original`}
            alt={data.label?.caption ?? data.externalId}
            className={styles.image}
          />
          <dl className="facts">
            <dt>Size</dt>
            <dd>
              {data.width} × {data.height} px, {formatBytes(data.byteSize)}, {data.mimeType}
            </dd>
            <dt>Source</dt>
            <dd>{data.sourceUri}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code>{data.sha256.slice(0, 16)}…</code>
            </dd>
          </dl>
        </section>
        <div className="stack">
          <section className="panel" aria-labelledby="caption-heading">
            <h2 id="caption-heading">Current caption</h2>
            {data.label ? (
              <>
                <p className={styles.predictionCaption} data-testid="current-caption">
                  {data.label.caption}
                </p>
                <p className="muted">
                  {data.label.status.toLowerCase()}
                  {data.step ? ` · step: ${data.step.name}` : ''} ·{' '}
                  {data.label.createdByName
                    ? `written by ${data.label.createdByName}`
                    : 'the model’s pre-label'}
                </p>
              </>
            ) : (
              <p className="empty">No caption yet.</p>
            )}
          </section>
          <section className="panel" aria-labelledby="predictions-heading">
            <h2 id="predictions-heading">Pre-labels</h2>
            {data.predictions.length === 0 ? (
              <p className="empty">No model has captioned this image yet.</p>
            ) : (
              data.predictions.map((prediction) => (
                <article key={prediction.id} className={styles.prediction} data-testid="prediction">
                  <p className={styles.predictionCaption}>{prediction.caption}</p>
                  <p className="muted">
                    {prediction.model.name} <code>{prediction.model.checksum.slice(0, 12)}</code>
                    {prediction.model.tiny ? (
                      <>
                        {' '}
                        <span className="badge badge--muted">tiny model — placeholder</span>
                      </>
                    ) : null}
                  </p>
                  <p className="muted">
                    score {prediction.score.toFixed(3)} · {prediction.latencyMs} ms ·{' '}
                    {describeParams(prediction.params)} ·{' '}
                    <Link href={`/projects/${projectId}/jobs/${prediction.jobId}`}>job</Link> ·{' '}
                    {prediction.createdAt.toLocaleString()}
                  </p>
                </article>
              ))
            )}
          </section>
          <section className="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">Label history</h2>
            {data.label && data.label.revisions.length > 0 ? (
              <ol className={styles.history}>
                {data.label.revisions.map((revision) => (
                  <li key={revision.id}>
                    <strong>{ACTION_LABELS[revision.action] ?? revision.action}</strong>
                    {revision.actorName ? ` by ${revision.actorName}` : ''}
                    {revision.stepId ? ` (${revision.stepId})` : ''} ·{' '}
                    <span className="muted">{revision.createdAt.toLocaleString()}</span>
                    {revision.after !== null && revision.after !== revision.before ? (
                      <div>“{revision.after}”</div>
                    ) : null}
                    {revision.comment ? <div className="muted">{revision.comment}</div> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="empty">No history yet.</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
