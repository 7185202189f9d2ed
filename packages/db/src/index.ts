export { createDb, type Db, type DbTransaction } from './client';
// Migrations are a separate entry (@captionary/db/migrate): they read the migrations folder from
// disk, which the web app's bundle must not trace.
export { hashPassword, verifyPassword } from './security/passwords';
export { API_KEY_PREFIX, generateApiKey, hashToken, randomToken } from './security/tokens';
export { seedDemoTeam, type DemoCredentials } from './seed/demo-team';
export { ObjectStorage, StorageKeyError } from './storage/object-storage';
export { publishPresence, type PresenceOptions } from './presence/publish-presence';
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
export {
  cancelCaptionJob,
  describeProgress,
  finishJobIfSettled,
  lockCaptionJob,
  retryFailedRows,
  type CaptionJobProgress,
} from './caption-jobs/caption-job-control';
export { failCaptionBatch, type AbandonedBatch } from './caption-jobs/fail-caption-batch';
export { sweepCaptionBatches, type SweepResult } from './caption-jobs/sweep-caption-batches';
export * from './generated/prisma/client';
