// Seeds the review benchmark's project straight in SQL: one INSERT … SELECT generate_series per
// table, so a million pre-labelled rows take seconds, not hours of single-row writes.
import { generateApiKey, type Db } from '@captionary/db';
import { defaultWorkflow, type TeamRole } from '@captionary/shared';

export interface ReviewBenchSeed {
  teamId: string;
  projectId: string;
  /** One API key per simulated reviewer, each created by (and acting as) its own member. */
  keys: string[];
}

/** A member of the team with role `role` and an API key of that role, which acts as them. */
export async function createMemberWithKey(
  db: Db,
  teamId: string,
  handle: string,
  role: TeamRole,
): Promise<string> {
  const user = await db.user.create({
    // Simulated members never sign in; the hash is not a valid one on purpose.
    data: {
      email: `${handle}-${process.pid}@bench.captionary.dev`,
      name: handle,
      passwordHash: '!',
    },
  });
  await db.membership.create({ data: { teamId, userId: user.id, role } });
  const { key, keyHash, prefix } = generateApiKey();
  await db.apiKey.create({
    data: { teamId, name: handle, role, keyHash, prefix, createdById: user.id },
  });
  return key;
}

/** A team with `reviewers` members and keys, and a project of `rows` items in the label step. */
export async function seedReviewBench(
  db: Db,
  rows: number,
  reviewers: number,
): Promise<ReviewBenchSeed> {
  const team = await db.team.create({
    data: { name: 'Review benchmark', slug: `bench-review-${process.pid}` },
  });
  const project = await db.project.create({
    data: { teamId: team.id, name: 'Review benchmark', workflowConfig: defaultWorkflow() },
  });
  const keys: string[] = [];
  for (let n = 0; n < reviewers; n++) {
    keys.push(await createMemberWithKey(db, team.id, `reviewer-${n}`, 'REVIEWER'));
  }
  const projectId = project.id;
  await db.$executeRaw`
    INSERT INTO "DataRow" ("projectId", "externalId", "sourceUri", "storageKey", sha256, "mimeType",
                           "byteSize", width, height)
    SELECT ${projectId}::uuid, 'img-' || g || '.jpg', 'bench/img-' || g || '.jpg',
           'bench/' || g || '.jpg', lpad(to_hex(g), 64, '0'), 'image/jpeg', 1000, 640, 480
    FROM generate_series(1, ${rows}::int) AS g`;
  await db.$executeRaw`
    INSERT INTO "Label" ("projectId", "dataRowId", caption, "updatedAt")
    SELECT d."projectId", d.id, 'a photo of bench item ' || d."externalId", now()
    FROM "DataRow" d WHERE d."projectId" = ${projectId}::uuid`;
  await db.$executeRaw`
    INSERT INTO "LabelRevision" ("labelId", action, "stepId", after)
    SELECT l.id, 'PRELABEL', 'label', l.caption FROM "Label" l WHERE l."projectId" = ${projectId}::uuid`;
  // Distinct arrival times, oldest first, as items would have queued over time.
  await db.$executeRaw`
    INSERT INTO "WorkItem" ("projectId", "dataRowId", "stepId", "enteredStepAt", "updatedAt")
    SELECT d."projectId", d.id, 'label',
           now() - (${rows}::int - row_number() OVER (ORDER BY d."externalId")) * interval '1 ms', now()
    FROM "DataRow" d WHERE d."projectId" = ${projectId}::uuid`;
  // A project under review is not a bulk load a minute old: vacuum the tables now and flush the
  // load's WAL, so that the insert-triggered autovacuums and the checkpoint they would bring do not
  // run inside the measured minute, competing with the reviewers for the same two cores and disk.
  await db.$executeRawUnsafe('VACUUM (ANALYZE) "DataRow", "Label", "LabelRevision", "WorkItem"');
  await db.$executeRawUnsafe('CHECKPOINT').catch((error: Error) => {
    // CHECKPOINT needs a superuser (or pg_checkpoint); without one the load's WAL stays behind.
    console.log(`no checkpoint after seeding: ${error.message}`);
  });
  return { teamId: team.id, projectId, keys };
}
