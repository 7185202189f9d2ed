import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../server/request-team';
import { InvitationsPanel } from './invitations-panel';
import { MembersPanel } from './members-panel';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage() {
  const { user, active } = await requireRequestTeam('/team/members');
  if (!active) return null;
  const canManage = roleAtLeast(active.role, 'ADMIN');
  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{active.name}</p>
          <h1>Members</h1>
        </div>
      </div>
      <MembersPanel currentUserId={user.id} actorRole={active.role} />
      {canManage ? <InvitationsPanel actorRole={active.role} /> : null}
    </div>
  );
}
