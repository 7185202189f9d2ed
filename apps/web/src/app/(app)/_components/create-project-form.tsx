'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { useTRPC } from '../../../trpc/client';
import { fieldError, formLevelError } from '../../../trpc/errors';
import { FormError, TextField } from '../../../ui/field';

export function CreateProjectForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: async () => {
        formRef.current?.reset();
        await queryClient.invalidateQueries(trpc.projects.list.pathFilter());
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
    });
  }

  return (
    <form ref={formRef} className="form form--inline" onSubmit={onSubmit} noValidate>
      <TextField
        label="Name"
        name="name"
        required
        maxLength={100}
        error={fieldError(create.error, 'name')}
      />
      <TextField
        label="Description (optional)"
        name="description"
        maxLength={2000}
        error={fieldError(create.error, 'description')}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create project'}
      </button>
      <FormError message={formLevelError(create.error)} />
      {create.isSuccess ? (
        <p role="status" className="success">
          Created {create.data.name}.
        </p>
      ) : null}
    </form>
  );
}
