import { z } from 'zod';

/** Team roles, lowest to highest: each role can do everything the roles before it can. */
export const ROLES = ['LABELER', 'REVIEWER', 'ADMIN', 'OWNER'] as const;
export const TeamRole = z.enum(ROLES);
export type TeamRole = z.infer<typeof TeamRole>;

/** The lower of two roles. */
export function lowerRole(a: TeamRole, b: TeamRole): TeamRole {
  return ROLES[Math.min(ROLES.indexOf(a), ROLES.indexOf(b))]!;
}

/** True when `role` is `minimum` or above it. */
export function roleAtLeast(role: TeamRole, minimum: TeamRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
