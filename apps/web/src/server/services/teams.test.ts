import { describe, expect, it } from 'vitest';
import { pickActiveTeam, slugForTeamName, type MemberTeam } from './teams';

const team = (id: string): MemberTeam => ({
  id,
  name: id,
  slug: id,
  role: 'LABELER',
  membershipId: `m-${id}`,
});

describe('pickActiveTeam', () => {
  it('uses the requested team when the user is a member of it', () => {
    expect(pickActiveTeam([team('a'), team('b')], 'b')?.id).toBe('b');
  });

  it('falls back to the first membership for an unknown or missing cookie', () => {
    expect(pickActiveTeam([team('a'), team('b')], 'someone-elses-team')?.id).toBe('a');
    expect(pickActiveTeam([team('a')], null)?.id).toBe('a');
  });

  it('is null for a user without teams', () => {
    expect(pickActiveTeam([], 'a')).toBeNull();
  });
});

describe('slugForTeamName', () => {
  it('makes a lowercase slug with a random suffix', () => {
    expect(slugForTeamName('Night Shift — Paris!')).toMatch(/^night-shift-paris-[0-9a-f]{6}$/);
    expect(slugForTeamName('***')).toMatch(/^team-[0-9a-f]{6}$/);
  });
});
