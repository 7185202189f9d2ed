import type { TeamRole } from '@captionary/shared';
import { describe, expect, it } from 'vitest';
import {
  assertCanChangeRole,
  assertCanCreateApiKey,
  assertCanInvite,
  assertCanRemoveMember,
  canManageRole,
} from './roles';

const member = (userId: string, role: TeamRole) => ({ userId, role });

describe('canManageRole', () => {
  it('lets owners manage every role and admins every role but owner', () => {
    expect(canManageRole('OWNER', 'OWNER')).toBe(true);
    expect(canManageRole('ADMIN', 'ADMIN')).toBe(true);
    expect(canManageRole('ADMIN', 'OWNER')).toBe(false);
    expect(canManageRole('REVIEWER', 'LABELER')).toBe(false);
  });
});

describe('assertCanChangeRole', () => {
  it('lets an admin promote a labeler to reviewer', () => {
    expect(() =>
      assertCanChangeRole(member('a', 'ADMIN'), member('b', 'LABELER'), 'REVIEWER', 1),
    ).not.toThrow();
  });

  it('refuses a reviewer acting as admin', () => {
    expect(() =>
      assertCanChangeRole(member('a', 'REVIEWER'), member('b', 'LABELER'), 'REVIEWER', 1),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses anyone changing their own role, owners included', () => {
    expect(() =>
      assertCanChangeRole(member('a', 'ADMIN'), member('a', 'ADMIN'), 'OWNER', 1),
    ).toThrow(/your own role/);
    expect(() =>
      assertCanChangeRole(member('a', 'OWNER'), member('a', 'OWNER'), 'ADMIN', 2),
    ).toThrow(/your own role/);
  });

  it('refuses an admin granting or removing the owner role', () => {
    expect(() =>
      assertCanChangeRole(member('a', 'ADMIN'), member('b', 'REVIEWER'), 'OWNER', 1),
    ).toThrow(/Only an owner/);
    expect(() =>
      assertCanChangeRole(member('a', 'ADMIN'), member('b', 'OWNER'), 'ADMIN', 2),
    ).toThrow(/Only an owner/);
  });

  it('protects the last owner', () => {
    expect(() =>
      assertCanChangeRole(member('a', 'OWNER'), member('b', 'OWNER'), 'ADMIN', 1),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() =>
      assertCanChangeRole(member('a', 'OWNER'), member('b', 'OWNER'), 'ADMIN', 2),
    ).not.toThrow();
  });
});

describe('assertCanRemoveMember', () => {
  it('refuses removing yourself, an owner as admin, and the last owner', () => {
    expect(() => assertCanRemoveMember(member('a', 'OWNER'), member('a', 'OWNER'), 2)).toThrow(
      /yourself/,
    );
    expect(() => assertCanRemoveMember(member('a', 'ADMIN'), member('b', 'OWNER'), 2)).toThrow(
      /Only an owner/,
    );
    expect(() => assertCanRemoveMember(member('a', 'OWNER'), member('b', 'OWNER'), 1)).toThrow(
      /at least one owner/,
    );
    expect(() =>
      assertCanRemoveMember(member('a', 'ADMIN'), member('b', 'LABELER'), 1),
    ).not.toThrow();
  });
});

describe('assertCanInvite', () => {
  it('lets admins invite up to admin and only owners invite owners', () => {
    expect(() => assertCanInvite('ADMIN', 'ADMIN')).not.toThrow();
    expect(() => assertCanInvite('ADMIN', 'OWNER')).toThrow(/Only an owner/);
    expect(() => assertCanInvite('OWNER', 'OWNER')).not.toThrow();
    expect(() => assertCanInvite('LABELER', 'LABELER')).toThrow(/Only admins/);
  });
});

describe('assertCanCreateApiKey', () => {
  it('caps a key at its creator role', () => {
    expect(() => assertCanCreateApiKey('ADMIN', 'ADMIN')).not.toThrow();
    expect(() => assertCanCreateApiKey('ADMIN', 'OWNER')).toThrow(/higher role/);
    expect(() => assertCanCreateApiKey('REVIEWER', 'LABELER')).toThrow(/Only admins/);
  });
});
