import { InvitationToken } from '@captionary/shared';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getSessionUser } from '../../../server/auth/get-session-user';
import { getDb } from '../../../server/db';
import { previewInvitation, type InvitationPreview } from '../../../server/services/invitations';
import { ROLE_LABELS } from '../../../ui/role';
import { AcceptInvitationButton } from './accept-invitation-button';
import { NewAccountForm } from './new-account-form';

export const metadata: Metadata = { title: 'Join a team', referrer: 'no-referrer' };

const SPENT: Record<Exclude<InvitationPreview['status'], 'pending'>, string> = {
  accepted: 'This invite link has already been used.',
  revoked: 'This invite was withdrawn by the team.',
  expired: 'This invite link has expired.',
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = InvitationToken.safeParse(token);
  const preview = parsed.success ? await previewInvitation(getDb(), parsed.data) : null;
  const user = await getSessionUser();
  const invitePath = `/invite/${token}`;

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand brand--large">Captionary</p>
        {!preview ? (
          <>
            <h1>Invite not found</h1>
            <p role="alert">This invite link is not valid. Check that you copied all of it.</p>
          </>
        ) : preview.status !== 'pending' ? (
          <>
            <h1>Invite unavailable</h1>
            <p role="alert">
              {SPENT[preview.status]} Ask someone at {preview.teamName} for a new invite.
            </p>
            <Link href="/sign-in">Go to sign in</Link>
          </>
        ) : (
          <>
            <h1>Join {preview.teamName}</h1>
            <dl className="facts">
              <dt>Team</dt>
              <dd data-testid="invite-team">{preview.teamName}</dd>
              <dt>Email</dt>
              <dd data-testid="invite-email">{preview.email}</dd>
              <dt>Role</dt>
              <dd>{ROLE_LABELS[preview.role]}</dd>
            </dl>
            {user && user.email === preview.email ? (
              <AcceptInvitationButton token={token} teamName={preview.teamName} />
            ) : user ? (
              <p role="alert">
                You are signed in as {user.email}, but this invite is for {preview.email}. Sign out
                and sign in with that account to accept it.
              </p>
            ) : preview.hasAccount ? (
              <p>
                {preview.email} already has an account.{' '}
                <Link href={`/sign-in?callbackUrl=${encodeURIComponent(invitePath)}`}>
                  Sign in to accept the invite
                </Link>
                .
              </p>
            ) : (
              <NewAccountForm token={token} email={preview.email} />
            )}
          </>
        )}
      </div>
    </main>
  );
}
