import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../server/request-team';
import { CreateTeamForm } from '../../_components/create-team-form';

export const metadata: Metadata = { title: 'New team' };

export default async function NewTeamPage() {
  await requireRequestTeam('/team/new');
  return (
    <section className="panel narrow">
      <h1>Start a new team</h1>
      <p className="muted">You will be its owner. Switch between your teams from the header.</p>
      <CreateTeamForm />
    </section>
  );
}
