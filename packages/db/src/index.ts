export { createDb, type Db } from './client';
export { applyMigrations, listMigrations, MigrationError, MIGRATIONS_DIR } from './migrate';
export { hashPassword, verifyPassword } from './security/passwords';
export { API_KEY_PREFIX, generateApiKey, hashToken, randomToken } from './security/tokens';
export { seedDemoTeam, type DemoCredentials } from './seed/demo-team';
export * from './generated/prisma/client';
