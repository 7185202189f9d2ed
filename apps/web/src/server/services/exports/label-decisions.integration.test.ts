// Label.decisions, the copy of a label's APPROVE and REJECT revisions that exports read, is kept by
// a database trigger: whoever writes revisions, and however many in one statement, it must equal
// the revisions themselves, oldest first.
import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTeam, testDb } from '../../testing/fixtures';
import {
  approveCaption,
  createCaptionedProject,
  rejectCaption,
  submitCaption,
  type ReviewPeople,
} from './testing/export-fixtures';

let db: Db;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let people: ReviewPeople;

beforeAll(async () => {
  db = testDb();
  team = await createTestTeam(db);
  people = { labelerId: team.members.LABELER.id, reviewerId: team.members.REVIEWER.id };
});

afterAll(async () => {
  await db.$disconnect();
});

/** The decisions as the revisions say they are: [action, actorId, stepId, comment, at]. */
async function decisionsFromRevisions(labelId: string) {
  const revisions = await db.labelRevision.findMany({
    where: { labelId, action: { in: ['APPROVE', 'REJECT'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return revisions.map((r) => [
    r.action,
    r.actorId,
    r.stepId,
    r.comment,
    r.createdAt.toISOString(),
  ]);
}

async function storedDecisions(labelId: string) {
  const label = await db.label.findUniqueOrThrow({ where: { id: labelId } });
  return label.decisions;
}

describe('Label.decisions', () => {
  it('starts empty and ignores revisions that are not decisions', async () => {
    const { rows } = await createCaptionedProject(db, team.teamId, 1);
    const row = await submitCaption(db, rows[0]!, people, 'a red kite over the dunes');
    expect(await storedDecisions(row.labelId)).toEqual([]);
  });

  it('follows rejections and approvals, comments included, oldest first', async () => {
    const { rows } = await createCaptionedProject(db, team.teamId, 1);
    const row = await submitCaption(db, rows[0]!, people, 'a kite');
    await rejectCaption(db, row, people.reviewerId, 'Say what colour the kite is');
    await approveCaption(db, row, people.reviewerId, { comment: 'better' });
    // Written last but dated first: the copy is ordered by time, like the history.
    await approveCaption(db, row, people.reviewerId, { at: new Date('2020-01-02T03:04:05.600Z') });

    const expected = await decisionsFromRevisions(row.labelId);
    expect(expected.map((decision) => decision[0])).toEqual(['APPROVE', 'REJECT', 'APPROVE']);
    expect(expected[0]![4]).toBe('2020-01-02T03:04:05.600Z');
    expect(expected[1]![3]).toBe('Say what colour the kite is');
    expect(await storedDecisions(row.labelId)).toEqual(expected);
  });

  it('covers every label of a bulk insert in one statement', async () => {
    const { rows } = await createCaptionedProject(db, team.teamId, 5);
    const submitted = await Promise.all(
      rows.map((row, i) => submitCaption(db, row, people, `caption ${i}`)),
    );
    await db.labelRevision.createMany({
      data: submitted.flatMap((row, i) => [
        {
          labelId: row.labelId,
          actorId: people.reviewerId,
          action: 'REJECT' as const,
          stepId: 'review',
          comment: `fix ${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        },
        {
          labelId: row.labelId,
          actorId: people.reviewerId,
          action: 'APPROVE' as const,
          stepId: 'review',
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 1, i)),
        },
      ]),
    });
    for (const row of submitted) {
      const stored = await storedDecisions(row.labelId);
      expect(stored).toHaveLength(2);
      expect(stored).toEqual(await decisionsFromRevisions(row.labelId));
    }
  });
});
