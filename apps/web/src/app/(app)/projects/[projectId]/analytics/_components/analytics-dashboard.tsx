'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { BarChart } from './bar-chart';
import { EditClassBars } from './edit-class-bars';
import { formatDuration, formatNumber, formatPercent } from './format';
import styles from './analytics.module.css';

/** Acceptance of pre-labels per model and person, pace per person, rejections per step. */
export function AnalyticsDashboard({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const analytics = useQuery(trpc.analytics.project.queryOptions({ projectId }));
  const data = analytics.data;
  const ratio = data ? formatPercent(data.lightEditMaxRatio) : '30%';

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{project.data?.name ?? 'Project'}</p>
          <h1>Acceptance analytics</h1>
        </div>
      </div>
      <FormError message={errorMessage(analytics.error)} />
      {analytics.isPending ? <p className="muted">Computing figures…</p> : null}
      {data ? (
        <>
          <section className="panel" aria-labelledby="definitions-heading">
            <h2 id="definitions-heading">How these are measured</h2>
            <dl className={styles.definitions}>
              <dt>Edit classes</dt>
              <dd>
                The word edit distance is the fewest word insertions, deletions and substitutions
                that turn the pre-label into the caption (punctuation and spacing ignored, case
                kept). <strong>Accepted unchanged</strong>: distance 0.{' '}
                <strong>Lightly edited</strong>: at most {ratio} of the pre-label’s words.{' '}
                <strong>Rewritten</strong>: more than that.
              </dd>
              <dt>Per model version</dt>
              <dd>Captions a person has worked on, as they stand now, against their pre-label.</dd>
              <dt>Per person</dt>
              <dd>The caption each labeler first submitted for a row, against its pre-label.</dd>
              <dt>Time per item</dt>
              <dd>
                For each submit, approval or rejection: the time since the later of the item
                entering that step and the same person’s previous one in this project — the
                claim-to-submit time of someone working through a queue. Spans over one claim lease
                ({formatDuration(data.leaseSeconds)}) count as one lease.
              </dd>
              <dt>Items per hour</dt>
              <dd>Items finished ÷ clock hours in which the person finished at least one.</dd>
              <dt>Rejection rate</dt>
              <dd>Rejections ÷ (approvals + rejections) taken in each review step.</dd>
            </dl>
          </section>

          <section className="panel" aria-labelledby="models-heading">
            <h2 id="models-heading">Pre-label acceptance by model version</h2>
            <EditClassBars
              caption="Pre-labels by model version and edit class"
              rows={data.models.map((model) => ({
                key: model.modelVersionId,
                label: `${model.name} ${model.checksum.slice(0, 8)}${model.tiny ? ' (tiny)' : ''}`,
                counts: model,
              }))}
            />
          </section>

          <section className="panel" aria-labelledby="people-heading">
            <h2 id="people-heading">Pre-label acceptance by labeler</h2>
            <EditClassBars
              caption="First submissions by labeler and edit class"
              rows={data.people.flatMap((person) =>
                person.acceptance
                  ? [{ key: person.userId, label: person.name, counts: person.acceptance }]
                  : [],
              )}
            />
          </section>

          <section className="panel" aria-labelledby="pace-heading">
            <h2 id="pace-heading">Pace per person</h2>
            <div className={styles.chartGrid}>
              <BarChart
                title="Mean time per item"
                format={formatDuration}
                data={data.people.map((p) => ({
                  key: p.userId,
                  label: p.name,
                  value: p.pace?.meanSecondsPerItem ?? null,
                }))}
              />
              <BarChart
                title="Items per hour"
                format={formatNumber}
                data={data.people.map((p) => ({
                  key: p.userId,
                  label: p.name,
                  value: p.pace?.itemsPerHour ?? null,
                }))}
              />
            </div>
            <table className="table">
              <caption className={styles.tableCaption}>Pace per person</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Items finished</th>
                  <th scope="col">Mean time per item</th>
                  <th scope="col">Items per hour</th>
                </tr>
              </thead>
              <tbody>
                {data.people.map((person) => (
                  <tr key={person.userId} data-testid="pace-row">
                    <th scope="row">{person.name}</th>
                    <td>{person.pace?.items ?? 0}</td>
                    <td>
                      {person.pace?.meanSecondsPerItem != null
                        ? formatDuration(person.pace.meanSecondsPerItem)
                        : '—'}
                    </td>
                    <td>{person.pace ? formatNumber(person.pace.itemsPerHour) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="panel" aria-labelledby="steps-heading">
            <h2 id="steps-heading">Rejection rate per review step</h2>
            <BarChart
              title="Share of decisions that were rejections"
              format={formatPercent}
              data={data.steps.map((step) => ({
                key: step.stepId,
                label: step.name,
                value: step.rejectionRate,
              }))}
            />
            <table className="table">
              <caption className={styles.tableCaption}>Decisions per review step</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Approved</th>
                  <th scope="col">Rejected</th>
                  <th scope="col">Rejection rate</th>
                </tr>
              </thead>
              <tbody>
                {data.steps.map((step) => (
                  <tr key={step.stepId} data-testid="step-rejection-row">
                    <th scope="row">{step.name}</th>
                    <td>{step.approved}</td>
                    <td>{step.rejected}</td>
                    <td>{step.rejectionRate === null ? '—' : formatPercent(step.rejectionRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );
}
