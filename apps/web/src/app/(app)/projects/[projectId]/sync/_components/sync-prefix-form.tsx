'use client';

import { DEFAULT_S3_SYNC_PREFIX } from '@captionary/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';

/** Changes the key prefix an S3 connection's captions are written under. */
export function SyncPrefixForm({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.sync.setS3Prefix.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.sync.connections.pathFilter()),
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({ connectionId, syncPrefix: String(form.get('syncPrefix') ?? '') });
  }
  return (
    <form className="form form--inline" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`prefix-${connectionId}`}>Sync prefix</label>
        <input
          id={`prefix-${connectionId}`}
          name="syncPrefix"
          placeholder={DEFAULT_S3_SYNC_PREFIX}
          maxLength={512}
        />
      </div>
      <button type="submit" className="button button--secondary button--small">
        Save prefix
      </button>
      <FormError message={errorMessage(save.error)} />
    </form>
  );
}
