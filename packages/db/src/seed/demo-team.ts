import { defaultWorkflow } from '@captionary/shared';
import type { Db } from '../client';
import { hashPassword } from '../security/passwords';
import { generateApiKey, randomToken } from '../security/tokens';

export interface DemoCredentials {
  team: { id: string; name: string };
  users: { email: string; password: string; role: string }[];
  apiKey: { key: string; role: string };
}

const DEMO_USERS = [
  { email: 'owner@demo.captionary.dev', name: 'Olivia Owner', role: 'OWNER' },
  { email: 'admin@demo.captionary.dev', name: 'Adam Admin', role: 'ADMIN' },
  { email: 'reviewer@demo.captionary.dev', name: 'Rita Reviewer', role: 'REVIEWER' },
  { email: 'labeler@demo.captionary.dev', name: 'Leo Labeler', role: 'LABELER' },
] as const;

/**
 * Creates the demo team on an empty database: four members with random passwords, a first
 * project, and an owner API key. Returns the secrets (they are stored only as hashes).
 * Returns null when the database already has users.
 */
export async function seedDemoTeam(db: Db): Promise<DemoCredentials | null> {
  if ((await db.user.count()) > 0) return null;
  const users = await Promise.all(
    DEMO_USERS.map(async (user) => ({ ...user, password: randomToken(12) })),
  );
  const hashes = await Promise.all(users.map((user) => hashPassword(user.password)));
  const apiKey = generateApiKey();
  const team = await db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name: 'Demo team', slug: 'demo' } });
    for (const [i, user] of users.entries()) {
      await tx.user.create({
        data: {
          email: user.email,
          name: user.name,
          passwordHash: hashes[i]!,
          memberships: { create: { teamId: team.id, role: user.role } },
        },
      });
    }
    const owner = await tx.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });
    await tx.project.create({
      data: {
        teamId: team.id,
        name: 'Demo captions',
        description: 'A first project to try the platform.',
        captionInstructions: 'Describe the main subject and the setting in one plain sentence.',
        workflowConfig: defaultWorkflow(),
      },
    });
    await tx.apiKey.create({
      data: {
        teamId: team.id,
        name: 'Demo owner key',
        role: 'OWNER',
        keyHash: apiKey.keyHash,
        prefix: apiKey.prefix,
        createdById: owner.id,
      },
    });
    return team;
  });
  return {
    team: { id: team.id, name: team.name },
    users: users.map(({ email, password, role }) => ({ email, password, role })),
    apiKey: { key: apiKey.key, role: 'OWNER' },
  };
}
