'use client';

import { WEBHOOK_EVENTS, WebhookEvent } from '@captionary/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { fieldError, formLevelError } from '../../../../../../trpc/errors';
import { OneTimeSecret } from '../../../../../../ui/copy-button';
import { FormError, TextField } from '../../../../../../ui/field';

export const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  'label.approved': 'a caption was approved',
  'label.updated': 'a caption was edited or changed state',
  'job.completed': 'a captioning job finished',
  'export.ready': 'an export is ready to download',
};

/** Creates a webhook and shows its signing secret, once. */
export function NewWebhookForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return queryClient.invalidateQueries(trpc.webhooks.list.pathFilter());
      },
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      projectId,
      url: String(form.get('url') ?? ''),
      events: form.getAll('events').map((value) => WebhookEvent.parse(value)),
    });
  }
  return (
    <section className="panel" aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading">New webhook</h2>
      <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label="Payload URL"
          name="url"
          type="url"
          required
          placeholder="https://example.com/hooks/captionary"
          hint="Public http(s) addresses only, unless the operator allow-lists the host in IMPORT_ALLOW_HOSTS."
          error={fieldError(create.error, 'url')}
        />
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="checkbox">
              <input type="checkbox" name="events" value={event} defaultChecked />
              <code>{event}</code> <span className="muted">— {EVENT_DESCRIPTIONS[event]}</span>
            </label>
          ))}
          <FormError message={fieldError(create.error, 'events') ?? null} />
        </fieldset>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create webhook'}
        </button>
        <FormError message={formLevelError(create.error)} />
      </form>
      {create.data ? (
        <OneTimeSecret
          title={`Signing secret for ${create.data.webhook.url}`}
          value={create.data.secret}
          testId="webhook-secret"
        />
      ) : null}
    </section>
  );
}
