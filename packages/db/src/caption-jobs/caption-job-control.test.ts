import { describe, expect, it } from 'vitest';
import type { CaptionJob } from '../generated/prisma/client';
import { describeProgress } from './caption-job-control';

function job(overrides: Partial<CaptionJob>): CaptionJob {
  return {
    id: 'j',
    projectId: 'p',
    modelVersionId: null,
    modelName: 'tiny-blip2',
    status: 'RUNNING',
    params: {},
    force: false,
    createdById: null,
    totalRows: 100,
    doneRows: 0,
    failedRows: 0,
    skippedRows: 0,
    startedAt: null,
    finishedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

describe('describeProgress', () => {
  it('has no rate or ETA before the job starts', () => {
    const progress = describeProgress(job({ status: 'QUEUED' }));
    expect(progress).toMatchObject({ rate: null, etaSeconds: null });
    expect(progress.counts.pending).toBe(100);
  });

  it('derives rate and ETA from finished rows since the start', () => {
    const startedAt = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-01-01T00:00:10Z');
    const progress = describeProgress(job({ startedAt, doneRows: 18, failedRows: 2 }), now);
    expect(progress.rate).toBeCloseTo(2);
    expect(progress.etaSeconds).toBeCloseTo(40);
    expect(progress.counts).toEqual({ total: 100, done: 18, failed: 2, skipped: 0, pending: 80 });
  });

  it('has no ETA once the job has ended', () => {
    const progress = describeProgress(
      job({
        status: 'COMPLETED',
        doneRows: 100,
        startedAt: new Date('2026-01-01T00:00:00Z'),
        finishedAt: new Date('2026-01-01T00:00:20Z'),
      }),
    );
    expect(progress.rate).toBeCloseTo(5);
    expect(progress.etaSeconds).toBeNull();
  });
});
