'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';

const STATUS_LABELS = {
  QUEUED: 'Pending',
  RUNNING: 'Sending',
  SUCCEEDED: 'Delivered',
  FAILED: 'Failed',
} as const;

/**
 * The latest deliveries of one webhook with each one's attempts, answer and error. A settled
 * delivery can be sent again: the redelivery appears as a new entry at the top.
 */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const redeliver = useMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.webhooks.pathFilter()),
    }),
  );
  const deliveries = useQuery(
    trpc.webhooks.deliveries.queryOptions(
      { webhookId, limit: 25 },
      {
        refetchInterval: (query) =>
          query.state.data?.some((delivery) => delivery.status === 'QUEUED') ? 2_000 : false,
      },
    ),
  );
  return (
    <section className="panel" aria-labelledby={`log-${webhookId}`}>
      <h2 id={`log-${webhookId}`}>Delivery log</h2>
      <FormError message={errorMessage(deliveries.error ?? redeliver.error)} />
      {deliveries.data && !deliveries.data.length ? (
        <p className="empty">Nothing sent yet.</p>
      ) : null}
      {deliveries.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Response</th>
              <th scope="col">Error</th>
              <th scope="col" className="table__actions">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((delivery) => (
              <tr key={delivery.id} data-delivery-id={delivery.id}>
                <td>{delivery.createdAt.toLocaleString()}</td>
                <td>
                  <code>{delivery.event}</code>
                  {delivery.redeliveryOfId ? (
                    <span className="badge badge--muted">Redelivery</span>
                  ) : null}
                </td>
                <td>{STATUS_LABELS[delivery.status]}</td>
                <td>{delivery.attempts}</td>
                <td>{delivery.responseCode ?? '—'}</td>
                <td className={delivery.error ? 'form-error' : 'muted'}>{delivery.error ?? '—'}</td>
                <td className="table__actions">
                  {delivery.status === 'SUCCEEDED' || delivery.status === 'FAILED' ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={redeliver.isPending}
                      onClick={() => redeliver.mutate({ deliveryId: delivery.id })}
                    >
                      Redeliver
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
