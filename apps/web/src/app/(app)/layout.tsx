import type { ReactNode } from 'react';
import { getRequestTeam } from '../../server/request-team';
import { redirect } from 'next/navigation';
import { AppHeader } from './_components/app-header';
import { InferenceBanner } from './_components/inference-banner';
import { CreateTeamForm } from './_components/create-team-form';

/** The signed-in part of the app: header with team switcher, inference banner, content. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const requestTeam = await getRequestTeam();
  // The proxy redirects visitors without a cookie; this catches revoked or expired sessions.
  if (!requestTeam) redirect('/sign-in');
  const { user, active, teams } = requestTeam;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader
        user={user}
        activeTeam={active}
        teams={teams.map(({ id, name, role }) => ({ id, name, role }))}
      />
      <InferenceBanner />
      <main id="main" className="page">
        {active ? (
          children
        ) : (
          <section className="panel narrow">
            <h1>You are not in a team yet</h1>
            <p>Ask a team owner for an invite link, or start a team of your own.</p>
            <CreateTeamForm />
          </section>
        )}
      </main>
    </>
  );
}
