'use client';

import type { TeamRole } from '@captionary/shared';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useId } from 'react';
import { useTRPC } from '../../../trpc/client';
import { errorMessage } from '../../../trpc/errors';

interface TeamSwitcherProps {
  teams: { id: string; name: string; role: TeamRole }[];
  activeTeamId: string;
}

/** Picks the active team; the server checks the choice against memberships on every request. */
export function TeamSwitcher({ teams, activeTeamId }: TeamSwitcherProps) {
  const trpc = useTRPC();
  const selectId = useId();
  const switchTeam = useMutation(
    trpc.teams.switch.mutationOptions({
      // A full reload: every page and cached query belongs to the previous team.
      onSuccess: () => window.location.assign('/'),
    }),
  );
  return (
    <div className="team-switcher">
      <label htmlFor={selectId} className="visually-hidden">
        Active team
      </label>
      <select
        id={selectId}
        value={activeTeamId}
        disabled={switchTeam.isPending}
        onChange={(event) => switchTeam.mutate({ teamId: event.target.value })}
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <Link href="/team/new" className="team-switcher__new">
        New team
      </Link>
      {switchTeam.error ? (
        <span role="alert" className="field__error">
          {errorMessage(switchTeam.error)}
        </span>
      ) : null}
    </div>
  );
}
