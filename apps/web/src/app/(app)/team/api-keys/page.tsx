import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../server/request-team';
import { ApiKeysPanel } from './api-keys-panel';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const { active } = await requireRequestTeam('/team/api-keys');
  if (!active) return null;
  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{active.name}</p>
          <h1>API keys</h1>
        </div>
      </div>
      {roleAtLeast(active.role, 'ADMIN') ? (
        <ApiKeysPanel actorRole={active.role} />
      ) : (
        <section className="panel narrow">
          <p>Only admins and owners can manage API keys.</p>
        </section>
      )}
    </div>
  );
}
