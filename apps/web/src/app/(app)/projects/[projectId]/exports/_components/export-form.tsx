'use client';

import {
  EXPORT_FORMAT_DETAILS,
  EXPORT_FORMATS,
  EXPORT_LABEL_STATUSES,
  type ExportFiltersInput,
  type ExportFormatName,
  type ExportLabelStatus,
} from '@captionary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import styles from './exports.module.css';

interface FilterState {
  status: ExportLabelStatus[];
  step: string;
  since: string;
  until: string;
  reviewer: string;
  job: string;
  model: string;
}

const INITIAL: FilterState = {
  status: ['APPROVED'],
  step: '',
  since: '',
  until: '',
  reviewer: '',
  job: '',
  model: '',
};

/** The form's state as export filters: empty fields are left out. */
function toFilters(state: FilterState): ExportFiltersInput {
  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    status: state.status,
    step: optional(state.step),
    since: optional(state.since),
    until: optional(state.until),
    reviewer: optional(state.reviewer),
    job: optional(state.job),
    model: optional(state.model),
  };
}

function Select({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Filters and one button per format; each button starts a background export. */
export function ExportForm({
  projectId,
  onStarted,
}: {
  projectId: string;
  onStarted: (exportId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.exports.filterOptions.queryOptions({ projectId }));
  const [state, setState] = useState<FilterState>(INITIAL);
  const sinceId = useId();
  const untilId = useId();
  const start = useMutation(
    trpc.exports.start.mutationOptions({
      onSuccess: async (started) => {
        onStarted(started.id);
        await queryClient.invalidateQueries(trpc.exports.list.pathFilter());
      },
    }),
  );
  const set = (patch: Partial<FilterState>) => setState((current) => ({ ...current, ...patch }));
  const toggleStatus = (status: ExportLabelStatus, on: boolean) =>
    set({
      status: on
        ? EXPORT_LABEL_STATUSES.filter((s) => s === status || state.status.includes(s))
        : state.status.filter((s) => s !== status),
    });
  const startExport = (format: ExportFormatName) =>
    start.mutate({ projectId, format, filters: toFilters(state) });
  return (
    <form aria-label="New export" onSubmit={(event) => event.preventDefault()}>
      <div className={styles.filters}>
        <fieldset className={styles.statuses}>
          <legend>Label status</legend>
          {EXPORT_LABEL_STATUSES.map((status) => (
            <label key={status} className="checkbox">
              <input
                type="checkbox"
                checked={state.status.includes(status)}
                onChange={(event) => toggleStatus(status, event.target.checked)}
              />
              {status.charAt(0) + status.slice(1).toLowerCase()}
            </label>
          ))}
        </fieldset>
        <Select
          label="Workflow step"
          value={state.step}
          onChange={(step) => set({ step })}
          options={(options.data?.steps ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <div className="field">
          <label htmlFor={sinceId}>Changed since</label>
          <input
            id={sinceId}
            type="date"
            value={state.since}
            onChange={(event) => set({ since: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={untilId}>Changed before</label>
          <input
            id={untilId}
            type="date"
            value={state.until}
            onChange={(event) => set({ until: event.target.value })}
          />
        </div>
        <Select
          label="Approved by"
          value={state.reviewer}
          onChange={(reviewer) => set({ reviewer })}
          options={(options.data?.reviewers ?? []).map((r) => ({
            value: r.id,
            label: `${r.name} (${r.email})`,
          }))}
        />
        <Select
          label="Caption job"
          value={state.job}
          onChange={(job) => set({ job })}
          options={(options.data?.jobs ?? []).map((j) => ({
            value: j.id,
            label: `${j.modelName}, ${j.createdAt.toLocaleString()}`,
          }))}
        />
        <Select
          label="Model version"
          value={state.model}
          onChange={(model) => set({ model })}
          options={(options.data?.models ?? []).map((m) => ({
            value: m.id,
            label: `${m.name} (${m.checksum.slice(0, 8)})`,
          }))}
        />
      </div>
      <div className={styles.formats}>
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={start.isPending || state.status.length === 0}
            onClick={() => startExport(format)}
          >
            Export {EXPORT_FORMAT_DETAILS[format].label}
          </button>
        ))}
      </div>
      <FormError message={errorMessage(options.error) ?? errorMessage(start.error)} />
    </form>
  );
}
