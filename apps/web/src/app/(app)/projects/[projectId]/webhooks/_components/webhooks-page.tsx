'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { OneTimeSecret } from '../../../../../../ui/copy-button';
import { FormError } from '../../../../../../ui/field';
import { DeliveryLog } from './delivery-log';
import { NewWebhookForm } from './new-webhook-form';

export function WebhooksPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const webhooks = useQuery(trpc.webhooks.list.queryOptions({ projectId }));
  const refresh = () => queryClient.invalidateQueries(trpc.webhooks.pathFilter());
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.webhooks.remove.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const [logFor, setLogFor] = useState<string | null>(null);

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">Webhooks</p>
          <h1>Webhooks</h1>
        </div>
      </div>
      <p className="muted">
        Captionary POSTs a JSON body to each webhook when a subscribed event happens, signed with
        the webhook&apos;s secret in the <code>Captionary-Signature</code> header (see the README,
        &quot;Webhooks&quot;, for how to verify it). Failed deliveries are retried with growing
        delays, six attempts in all.
      </p>

      <section className="panel" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Webhooks</h2>
        <FormError
          message={errorMessage(webhooks.error ?? update.error ?? remove.error ?? rotate.error)}
        />
        {webhooks.data && !webhooks.data.length ? <p className="empty">No webhooks yet.</p> : null}
        {webhooks.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Last delivery</th>
                <th scope="col" className="table__actions">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.data.map((webhook) => (
                <tr key={webhook.id} className={webhook.active ? undefined : 'table__row--muted'}>
                  <td>
                    <code>{webhook.url}</code>
                    {webhook.active ? null : <span className="badge badge--muted">Paused</span>}
                  </td>
                  <td>{webhook.events.join(', ')}</td>
                  <td>
                    {webhook.lastDelivery ? (
                      <>
                        {webhook.lastDelivery.status === 'SUCCEEDED' ? 'Delivered' : null}
                        {webhook.lastDelivery.status === 'FAILED' ? 'Failed' : null}
                        {webhook.lastDelivery.status === 'QUEUED' ? 'Pending' : null}
                        {webhook.lastDelivery.responseCode
                          ? ` (HTTP ${webhook.lastDelivery.responseCode})`
                          : ''}
                        <br />
                        <span className="muted">
                          {webhook.lastDelivery.createdAt.toLocaleString()}
                        </span>
                      </>
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setLogFor(logFor === webhook.id ? null : webhook.id)}
                    >
                      {logFor === webhook.id ? 'Hide log' : 'Delivery log'}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={update.isPending}
                      onClick={() =>
                        update.mutate({ webhookId: webhook.id, active: !webhook.active })
                      }
                    >
                      {webhook.active ? 'Pause' : 'Resume'}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={rotate.isPending}
                      onClick={() => {
                        if (
                          window.confirm('Replace the signing secret? The old one stops working.')
                        ) {
                          rotate.mutate({ webhookId: webhook.id });
                        }
                      }}
                    >
                      New secret
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--danger button--small"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(`Delete the webhook to ${webhook.url}?`)) {
                          remove.mutate({ webhookId: webhook.id });
                        }
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {rotate.data ? (
          <OneTimeSecret
            title="New signing secret"
            value={rotate.data.secret}
            testId="webhook-secret"
          />
        ) : null}
      </section>

      {logFor ? <DeliveryLog webhookId={logFor} /> : null}
      <NewWebhookForm projectId={projectId} />
    </div>
  );
}
