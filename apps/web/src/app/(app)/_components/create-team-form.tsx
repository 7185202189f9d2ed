'use client';

import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../../trpc/client';
import { fieldError, formLevelError } from '../../../trpc/errors';
import { FormError, TextField } from '../../../ui/field';
import type { FormEvent } from 'react';

/** Starts a new team; its creator becomes the owner and it becomes the active team. */
export function CreateTeamForm() {
  const trpc = useTRPC();
  const create = useMutation(
    trpc.teams.create.mutationOptions({ onSuccess: () => window.location.assign('/') }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '');
    create.mutate({ name });
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField label="Team name" name="name" required error={fieldError(create.error, 'name')} />
      <FormError message={formLevelError(create.error)} />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create team'}
      </button>
    </form>
  );
}
