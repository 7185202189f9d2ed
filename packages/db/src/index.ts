export { createDb, type Db, type DbTransaction } from './client';
export { applyMigrations, listMigrations, MigrationError, MIGRATIONS_DIR } from './migrate';
export { hashPassword, verifyPassword } from './security/passwords';
export { API_KEY_PREFIX, generateApiKey, hashToken, randomToken } from './security/tokens';
export { seedDemoTeam, type DemoCredentials } from './seed/demo-team';
export { ObjectStorage, StorageKeyError } from './storage/object-storage';
export {
  planCaptionJob,
  DEFAULT_CAPTION_BATCH_SIZE,
  type PlanCaptionJobInput,
  type PlannedCaptionJob,
} from './caption-jobs/plan-caption-job';
export {
  CAPTION_BATCH_ATTEMPTS,
  createCaptionQueue,
  enqueueCaptionBatches,
  redisConnection,
} from './caption-jobs/caption-queue';
export * from './generated/prisma/client';
