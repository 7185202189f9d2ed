'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import type { LintRules } from '@captionary/shared';
import { useTRPC } from '../../../../../trpc/client';
import { errorMessage, fieldError, formLevelError } from '../../../../../trpc/errors';
import { FormError, TextAreaField, TextField } from '../../../../../ui/field';

/** One phrase per line in the form; empty lines are dropped. */
function phrases(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function optionalCount(value: FormDataEntryValue | null): number | undefined {
  const text = String(value ?? '').trim();
  return text ? Number(text) : undefined;
}

/**
 * The project's caption lint rules: the editor shows their hits before submit, and review steps
 * can route on them. Admins edit them; everyone else sees them.
 */
export function LintRulesEditor({
  projectId,
  canManage,
}: {
  projectId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.review.lintRules.queryOptions({ projectId }));
  const save = useMutation(
    trpc.review.updateLintRules.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.review.lintRules.pathFilter()),
    }),
  );

  if (rules.isPending) return <p className="muted">Loading lint rules…</p>;
  if (rules.error) return <FormError message={errorMessage(rules.error)} />;
  const current: LintRules = rules.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      projectId,
      rules: {
        minWords: optionalCount(form.get('minWords')),
        maxWords: optionalCount(form.get('maxWords')),
        bannedOpeners: phrases(form.get('bannedOpeners')),
        bannedWords: phrases(form.get('bannedWords')),
        flagUnchangedFromPrelabel: form.get('flagUnchangedFromPrelabel') === 'on',
        flagPii: form.get('flagPii') === 'on',
      },
    });
  }

  return (
    <form key={JSON.stringify(current)} className="form" onSubmit={onSubmit} noValidate>
      <fieldset disabled={!canManage || save.isPending}>
        <div className="form-row">
          <TextField
            label="Minimum words"
            name="minWords"
            type="number"
            min={1}
            max={500}
            defaultValue={current.minWords ?? ''}
            error={fieldError(save.error, 'rules.minWords')}
          />
          <TextField
            label="Maximum words"
            name="maxWords"
            type="number"
            min={1}
            max={500}
            defaultValue={current.maxWords ?? ''}
            error={fieldError(save.error, 'rules.maxWords')}
          />
        </div>
        <TextAreaField
          label="Banned openers"
          name="bannedOpeners"
          rows={3}
          hint="One per line. A caption may not start with these words."
          defaultValue={current.bannedOpeners.join('\n')}
          error={fieldError(save.error, 'rules.bannedOpeners')}
        />
        <TextAreaField
          label="Banned words"
          name="bannedWords"
          rows={3}
          hint="One word or phrase per line, matched as whole words."
          defaultValue={current.bannedWords.join('\n')}
          error={fieldError(save.error, 'rules.bannedWords')}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            name="flagUnchangedFromPrelabel"
            defaultChecked={current.flagUnchangedFromPrelabel}
          />
          Flag captions submitted exactly as the model wrote them
        </label>
        <label className="checkbox">
          <input type="checkbox" name="flagPii" defaultChecked={current.flagPii} />
          Flag e-mail addresses and phone numbers
        </label>
        {canManage ? (
          <button type="submit" className="button">
            {save.isPending ? 'Saving…' : 'Save lint rules'}
          </button>
        ) : null}
      </fieldset>
      <FormError message={formLevelError(save.error)} />
      {save.isSuccess && !save.isPending ? (
        <p role="status" className="success">
          Lint rules saved.
        </p>
      ) : null}
    </form>
  );
}
