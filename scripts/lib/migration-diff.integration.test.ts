import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from './migration-diff';

describe('prisma/migrations', () => {
  it('match prisma/schema.prisma (no schema change without a migration)', async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run with npm run test:integration');
    expect(await diffMigrationsToSchema(url)).toBe('');
  });
});
