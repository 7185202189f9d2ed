import type { TeamRole } from '@captionary/shared';
import Link from 'next/link';
import type { SessionUser } from '../../../server/auth/session-user';
import { RoleBadge } from '../../../ui/role';
import { MainNav } from './main-nav';
import { SignOutButton } from './sign-out-button';
import { TeamSwitcher } from './team-switcher';

interface AppHeaderProps {
  user: SessionUser;
  activeTeam: { id: string; role: TeamRole } | null;
  teams: { id: string; name: string; role: TeamRole }[];
}

export function AppHeader({ user, activeTeam, teams }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/" className="brand">
          Captionary
        </Link>
        {activeTeam ? <MainNav role={activeTeam.role} /> : null}
        <div className="app-header__end">
          {activeTeam ? (
            <>
              <TeamSwitcher teams={teams} activeTeamId={activeTeam.id} />
              <RoleBadge role={activeTeam.role} />
            </>
          ) : null}
          <span className="app-header__user" title={user.email}>
            {user.name}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
