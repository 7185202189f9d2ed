'use client';

import type { RowFilter, RowLabelStatusFilter } from '@captionary/shared';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTRPC } from '../../../../../trpc/client';
import styles from './rows.module.css';

const STATUS_OPTIONS: { value: RowLabelStatusFilter; label: string }[] = [
  { value: 'NONE', label: 'No caption yet' },
  { value: 'DRAFT', label: 'Draft' },
  { value: 'SUBMITTED', label: 'Submitted' },
  { value: 'APPROVED', label: 'Approved' },
  { value: 'REJECTED', label: 'Rejected' },
];

/** The browser's filter bar; applies on submit so typing a search does not query per key. */
export function RowFilters({
  projectId,
  filter,
  onChange,
}: {
  projectId: string;
  filter: RowFilter;
  onChange: (filter: RowFilter) => void;
}) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const jobs = useQuery(trpc.captionJobs.list.queryOptions({ projectId, limit: 50 }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const raw = String(form.get(name) ?? '').trim();
      return raw === '' ? undefined : raw;
    };
    const prelabel = value('hasPrelabel');
    onChange({
      hasPrelabel: prelabel === undefined ? undefined : prelabel === 'yes',
      stepId: value('stepId'),
      labelStatus: value('labelStatus') as RowLabelStatusFilter | undefined,
      jobId: value('jobId'),
      text: value('text'),
    });
  }

  return (
    // Keyed by the filter so "Clear" resets every control to the applied values.
    <form
      key={JSON.stringify(filter)}
      className={styles.filters}
      onSubmit={onSubmit}
      role="search"
      aria-label="Filter rows"
    >
      <div className="field">
        <label htmlFor="filter-text">Caption contains</label>
        <input id="filter-text" name="text" type="search" defaultValue={filter.text ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-prelabel">Pre-label</label>
        <select
          id="filter-prelabel"
          name="hasPrelabel"
          defaultValue={filter.hasPrelabel === undefined ? '' : filter.hasPrelabel ? 'yes' : 'no'}
        >
          <option value="">Any</option>
          <option value="yes">Has a pre-label</option>
          <option value="no">No pre-label</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-step">Workflow step</label>
        <select id="filter-step" name="stepId" defaultValue={filter.stepId ?? ''}>
          <option value="">Any</option>
          {project.data?.workflow.steps.map((step) => (
            <option key={step.id} value={step.id}>
              {step.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">Label status</label>
        <select id="filter-status" name="labelStatus" defaultValue={filter.labelStatus ?? ''}>
          <option value="">Any</option>
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-job">Caption job</label>
        <select id="filter-job" name="jobId" defaultValue={filter.jobId ?? ''}>
          <option value="">Any</option>
          {filter.jobId && !jobs.data?.jobs.some((j) => j.id === filter.jobId) ? (
            <option value={filter.jobId}>Job {filter.jobId.slice(0, 8)}</option>
          ) : null}
          {jobs.data?.jobs.map((job) => (
            <option key={job.id} value={job.id}>
              {job.createdAt.toLocaleString()} · {job.modelName}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filterActions}>
        <button type="submit" className="button">
          Apply
        </button>
        <button type="button" className="button button--ghost" onClick={() => onChange({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
