'use client';

import type { CaptionJobSelection, RowFilter } from '@captionary/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage, fieldError, formLevelError } from '../../../../../../trpc/errors';
import { FormError, TextAreaField, TextField } from '../../../../../../ui/field';
import styles from './jobs.module.css';

type SelectionKind = CaptionJobSelection['kind'];

interface LaunchJobFormProps {
  projectId: string;
  /** The browser's current filter, when launched from the dataset browser. */
  filter?: RowFilter;
  /** Rows ticked in the browser. */
  selectedRowIds?: string[];
}

const DEFAULT_PARAMS = { maxNewTokens: '30', numBeams: '1', minNewTokens: '0', prompt: '' };

/** Picks rows, model and generation params, shows how many images will run, and starts a job. */
export function LaunchJobForm({ projectId, filter, selectedRowIds = [] }: LaunchJobFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<SelectionKind>(selectedRowIds.length > 0 ? 'rows' : 'all');
  const [modelChoice, setModelChoice] = useState<string | null>(null);
  const [params, setParams] = useState(DEFAULT_PARAMS);
  const [force, setForce] = useState(false);

  const models = useQuery(trpc.captionJobs.models.queryOptions({ projectId }));
  const modelName = modelChoice ?? models.data?.[0]?.name ?? '';
  const model = models.data?.find((m) => m.name === modelName);
  const selection: CaptionJobSelection =
    kind === 'rows' && selectedRowIds.length > 0
      ? { kind: 'rows', rowIds: selectedRowIds }
      : kind === 'filter' && filter
        ? { kind: 'filter', filter }
        : { kind: 'all' };
  const request = {
    projectId,
    selection,
    modelName,
    params: {
      maxNewTokens: Number(params.maxNewTokens),
      numBeams: Number(params.numBeams),
      minNewTokens: Number(params.minNewTokens),
      ...(params.prompt.trim() ? { prompt: params.prompt } : {}),
    },
    force,
  };
  const preview = useQuery({
    ...trpc.captionJobs.preview.queryOptions(request),
    enabled: modelName !== '',
    staleTime: 0,
  });
  const launch = useMutation(
    trpc.captionJobs.launch.mutationOptions({
      onSuccess: (job) => router.push(`/projects/${projectId}/jobs/${job.id}`),
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    launch.mutate(request);
  }
  const setParam = (name: keyof typeof DEFAULT_PARAMS) => (value: string) =>
    setParams((current) => ({ ...current, [name]: value }));
  // Validation messages arrive keyed by top-level field ("params"), shown under the settings.
  const paramsError = fieldError(launch.error, 'params') ?? fieldError(preview.error, 'params');
  const willRun = preview.data?.willRun ?? 0;

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Launch a caption job">
      <fieldset className={styles.selection}>
        <legend>Rows</legend>
        <label>
          <input
            type="radio"
            name="selection"
            checked={kind === 'all'}
            onChange={() => setKind('all')}
          />
          All rows of the project
        </label>
        {filter ? (
          <label>
            <input
              type="radio"
              name="selection"
              checked={kind === 'filter'}
              onChange={() => setKind('filter')}
            />
            Rows matching the current filter
          </label>
        ) : null}
        {selectedRowIds.length > 0 ? (
          <label>
            <input
              type="radio"
              name="selection"
              checked={kind === 'rows'}
              onChange={() => setKind('rows')}
            />
            Selected rows ({selectedRowIds.length})
          </label>
        ) : null}
      </fieldset>

      <div className="field">
        <label htmlFor="launch-model">Model</label>
        <select
          id="launch-model"
          value={modelName}
          onChange={(event) => setModelChoice(event.target.value)}
          disabled={!models.data?.length}
        >
          {models.data?.length ? null : <option value="">No model available</option>}
          {models.data?.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
              {m.workers > 0
                ? ` — ${m.workers} worker${m.workers > 1 ? 's' : ''}`
                : ' — no worker now'}
            </option>
          ))}
        </select>
        {model?.tiny ? (
          <p className="field__hint">
            <span className="badge badge--muted" data-testid="tiny-model-badge">
              tiny model — placeholder captions
            </span>
          </p>
        ) : null}
        {model && model.workers === 0 ? (
          <p className="field__hint">
            No worker serves this model now: the job waits until one starts.
          </p>
        ) : null}
        <FormError message={errorMessage(models.error) ?? fieldError(launch.error, 'modelName')} />
      </div>

      <div className={styles.paramsGrid}>
        <TextField
          label="Max new tokens"
          type="number"
          min={1}
          max={128}
          value={params.maxNewTokens}
          onChange={(event) => setParam('maxNewTokens')(event.target.value)}
        />
        <TextField
          label="Beams"
          type="number"
          min={1}
          max={5}
          value={params.numBeams}
          onChange={(event) => setParam('numBeams')(event.target.value)}
        />
        <TextField
          label="Min new tokens"
          type="number"
          min={0}
          max={128}
          value={params.minNewTokens}
          onChange={(event) => setParam('minNewTokens')(event.target.value)}
        />
      </div>
      <TextAreaField
        label="Prompt (optional)"
        rows={2}
        maxLength={500}
        value={params.prompt}
        hint='For prompted captioning, e.g. "Question: what is shown? Answer:"'
        onChange={(event) => setParam('prompt')(event.target.value)}
      />
      <FormError message={paramsError ? `Generation settings: ${paramsError}` : null} />
      <label className="checkbox">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force: caption again rows that this model already captioned with these settings
      </label>

      <p className={styles.willRun} role="status" data-testid="will-run">
        {preview.isFetching && !preview.data
          ? 'Counting images…'
          : preview.data
            ? `${willRun.toLocaleString()} image${willRun === 1 ? '' : 's'} will run` +
              (preview.data.skipped > 0
                ? ` (${preview.data.skipped.toLocaleString()} skipped: already captioned with these settings)`
                : '')
            : null}
      </p>
      <FormError message={formLevelError(preview.error)} />
      <FormError message={formLevelError(launch.error)} />
      <button
        type="submit"
        className="button"
        disabled={launch.isPending || !modelName || !preview.data || willRun === 0}
      >
        {launch.isPending ? 'Starting…' : 'Start captioning'}
      </button>
    </form>
  );
}
