// Acceptance analytics on a known fixture: two model versions, two labelers and a reviewer whose
// every revision has a fixed time, so each figure on the page can be checked by hand.
import type { Db } from '@captionary/db';
import { classifyEdit, wordEditDistance } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModelVersion,
  createProjectWithRows,
  type SeededRow,
} from '../../testing/caption-fixtures';
import { createTestTeam, testDb, type TestUser } from '../../testing/fixtures';
import { acceptanceByModel } from './acceptance';
import { getProjectAnalytics } from './project-analytics';

const LEASE_SECONDS = 600;
const T0 = Date.parse('2025-03-03T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

let db: Db;

/** One completed job of `model` that pre-labelled `rows` with `captions`, at T0. */
async function prelabel(
  projectId: string,
  model: { id: string; name: string },
  rows: SeededRow[],
  captions: string[],
): Promise<string[]> {
  const job = await db.captionJob.create({
    data: {
      projectId,
      modelName: model.name,
      modelVersionId: model.id,
      params: {},
      status: 'COMPLETED',
    },
  });
  const labelIds: string[] = [];
  for (const [index, row] of rows.entries()) {
    const caption = captions[index]!;
    const prediction = await db.prediction.create({
      data: {
        jobId: job.id,
        dataRowId: row.id,
        modelVersionId: model.id,
        caption,
        score: -1,
        latencyMs: 10,
        params: {},
        createdAt: at(0),
      },
    });
    const label = await db.label.create({
      data: { projectId, dataRowId: row.id, caption, sourcePredictionId: prediction.id },
    });
    await db.labelRevision.create({
      data: { labelId: label.id, action: 'PRELABEL', after: caption, createdAt: at(0) },
    });
    labelIds.push(label.id);
  }
  return labelIds;
}

interface Step {
  labelId: string;
  actor: TestUser;
  action: 'SUBMIT' | 'APPROVE' | 'REJECT';
  stepId: string;
  caption: string;
  seconds: number;
  comment?: string;
}

/** Appends a revision and leaves the label as that revision says. */
async function act(step: Step) {
  const label = await db.label.findUniqueOrThrow({ where: { id: step.labelId } });
  await db.labelRevision.create({
    data: {
      labelId: step.labelId,
      actorId: step.actor.id,
      action: step.action,
      stepId: step.stepId,
      before: label.caption,
      after: step.caption,
      comment: step.comment ?? null,
      createdAt: at(step.seconds),
    },
  });
  const status =
    step.action === 'SUBMIT' ? 'SUBMITTED' : step.action === 'APPROVE' ? 'APPROVED' : 'REJECTED';
  await db.label.update({
    where: { id: step.labelId },
    data: { caption: step.caption, status, version: { increment: 1 } },
  });
}

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('project analytics on a known fixture', () => {
  it('reports edit classes per model and labeler, pace per person and rejections per step', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER', 'REVIEWER', 'LABELER', 'ADMIN']);
    const reviewer = members.REVIEWER;
    const leo = members.LABELER;
    const ada = members.ADMIN; // a second labeler; admins label too
    const { projectId, rows } = await createProjectWithRows(db, teamId, 5);
    const modelA = await createModelVersion(db);
    const modelB = await createModelVersion(db);
    const [dog, cat, untouched] = await prelabel(
      projectId,
      modelA,
      [rows[0]!, rows[1]!, rows[4]!],
      ['a dog on the grass', 'a cat sitting on a red sofa', 'a kite in the sky'],
    );
    const [horses, fruit] = await prelabel(
      projectId,
      modelB,
      [rows[2]!, rows[3]!],
      ['two men riding horses', 'a bowl of fruit'],
    );
    expect(untouched).toBeDefined();

    // Leo accepts one pre-label as is and changes one word of another.
    await act({
      labelId: dog!,
      actor: leo,
      action: 'SUBMIT',
      stepId: 'label',
      caption: 'a dog on the grass',
      seconds: 60,
    });
    await act({
      labelId: cat!,
      actor: leo,
      action: 'SUBMIT',
      stepId: 'label',
      caption: 'a cat sitting on a blue sofa',
      seconds: 150,
    });
    // Ada rewrites one and only adds a full stop to the other (punctuation is not a word).
    await act({
      labelId: horses!,
      actor: ada,
      action: 'SUBMIT',
      stepId: 'label',
      caption: 'a woman walking her dog in the park',
      seconds: 30,
    });
    await act({
      labelId: fruit!,
      actor: ada,
      action: 'SUBMIT',
      stepId: 'label',
      caption: 'a bowl of fruit.',
      seconds: 75,
    });
    // The reviewer approves three and rejects the fruit, which Ada fixes two hours later.
    await act({
      labelId: dog!,
      actor: reviewer,
      action: 'APPROVE',
      stepId: 'review',
      caption: 'a dog on the grass',
      seconds: 300,
    });
    await act({
      labelId: cat!,
      actor: reviewer,
      action: 'APPROVE',
      stepId: 'review',
      caption: 'a cat sitting on a blue sofa',
      seconds: 330,
    });
    await act({
      labelId: horses!,
      actor: reviewer,
      action: 'APPROVE',
      stepId: 'review',
      caption: 'a woman walking her dog in the park',
      seconds: 360,
    });
    await act({
      labelId: fruit!,
      actor: reviewer,
      action: 'REJECT',
      stepId: 'review',
      caption: 'a bowl of fruit.',
      seconds: 400,
      comment: 'say what fruit',
    });
    await act({
      labelId: fruit!,
      actor: ada,
      action: 'SUBMIT',
      stepId: 'rework',
      caption: 'a bowl of fresh fruit',
      seconds: 7200,
    });
    await act({
      labelId: fruit!,
      actor: reviewer,
      action: 'APPROVE',
      stepId: 'review',
      caption: 'a bowl of fresh fruit',
      seconds: 7300,
    });

    const analytics = await getProjectAnalytics(db, teamId, projectId, LEASE_SECONDS);
    expect(analytics.lightEditMaxRatio).toBe(0.3);

    const byModel = new Map(analytics.models.map((m) => [m.modelVersionId, m]));
    // A: dog unchanged (0), cat light (1 of 7 words); the untouched draft is not counted.
    expect(byModel.get(modelA.id)).toMatchObject({
      total: 2,
      unchanged: 1,
      light: 1,
      rewritten: 0,
      meanEditDistance: 0.5,
    });
    // B: horses rewritten (8), fruit as it stands now light (1 of 4 words).
    expect(byModel.get(modelB.id)).toMatchObject({
      total: 2,
      unchanged: 0,
      light: 1,
      rewritten: 1,
      meanEditDistance: 4.5,
    });

    const person = (user: TestUser) => analytics.people.find((p) => p.userId === user.id)!;
    expect(person(leo).acceptance).toEqual({
      total: 2,
      unchanged: 1,
      light: 1,
      rewritten: 0,
      meanEditDistance: 0.5,
    });
    // Ada is judged on her first submission of the fruit ("a bowl of fruit." = unchanged).
    expect(person(ada).acceptance).toEqual({
      total: 2,
      unchanged: 1,
      light: 0,
      rewritten: 1,
      meanEditDistance: 4,
    });
    expect(person(reviewer).acceptance).toBeNull();

    // Leo: 60 s from the pre-label, then 90 s since his previous submit; both in the 10:00 hour.
    expect(person(leo).pace).toEqual({ items: 2, meanSecondsPerItem: 75, itemsPerHour: 2 });
    // Ada: 30 s, 45 s, and the rework two hours on counts as one lease (600 s); two clock hours.
    expect(person(ada).pace).toEqual({ items: 3, meanSecondsPerItem: 225, itemsPerHour: 1.5 });
    // Reviewer: 240, 30, 30, 40 and 100 s.
    expect(person(reviewer).pace).toEqual({ items: 5, meanSecondsPerItem: 88, itemsPerHour: 2.5 });

    expect(analytics.steps).toEqual([
      { stepId: 'review', name: 'Review', approved: 4, rejected: 1, rejectionRate: 0.2 },
    ]);
  });

  it('computes the same word edit distance in SQL as the editor does', async () => {
    const { teamId } = await createTestTeam(db, ['OWNER']);
    const pairs: [string, string][] = [
      ['a dog on the grass', 'a brown dog on the grass'],
      ['A dog.', 'a dog'],
      ["the dog's ball", 'the dogs ball'],
      ['Ein Cafe\u0301 am Meer', 'Ein Café am Meer'],
      ['قطة على الأريكة', 'قطة سوداء على الأريكة'],
      ['red, green, blue', 'blue green red'],
      ['one two three four five six', 'six five four three two one'],
      ['a  cat   on a mat', 'a cat on a hat'],
      ['black-and-white photo', 'black and white photo'],
      ['x', 'completely different words here'],
    ];
    const { projectId, rows } = await createProjectWithRows(db, teamId, pairs.length);
    const models = [];
    for (const [index, [before, after]] of pairs.entries()) {
      const model = await createModelVersion(db);
      models.push(model);
      const [labelId] = await prelabel(projectId, model, [rows[index]!], [before]);
      await db.label.update({
        where: { id: labelId },
        data: { caption: after, status: 'SUBMITTED' },
      });
    }
    const byModel = await acceptanceByModel(db, projectId);
    for (const [index, [before, after]] of pairs.entries()) {
      const counts = byModel.get(models[index]!.id)!;
      expect({ before, after, distance: counts.meanEditDistance }).toEqual({
        before,
        after,
        distance: wordEditDistance(before, after),
      });
      const sqlClass = counts.unchanged ? 'unchanged' : counts.light ? 'light' : 'rewritten';
      expect(sqlClass).toBe(classifyEdit(before, after));
    }
  });
});
