'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';

const STATUS_LABELS = {
  QUEUED: 'Pending',
  RUNNING: 'Sending',
  SUCCEEDED: 'Delivered',
  FAILED: 'Failed',
} as const;

/** The latest deliveries of one webhook with each one's attempts, answer and error. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const trpc = useTRPC();
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
      <FormError message={errorMessage(deliveries.error)} />
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
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((delivery) => (
              <tr key={delivery.id}>
                <td>{delivery.createdAt.toLocaleString()}</td>
                <td>
                  <code>{delivery.event}</code>
                </td>
                <td>{STATUS_LABELS[delivery.status]}</td>
                <td>{delivery.attempts}</td>
                <td>{delivery.responseCode ?? '—'}</td>
                <td className={delivery.error ? 'form-error' : 'muted'}>{delivery.error ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
