import { describe, expect, it } from 'vitest';
import { ExportQueryError, parseExportQuery } from './filters';

const parse = (query: string) => parseExportQuery(new URLSearchParams(query));

describe('parseExportQuery', () => {
  it('defaults to approved labels', () => {
    expect(parse('format=jsonl')).toEqual({ format: 'jsonl', filters: { status: ['APPROVED'] } });
  });

  it('reads every filter, with statuses as a comma-separated list and dates as UTC instants', () => {
    const id = '0b6c8d5e-4a5f-4e43-9a3c-0f8a4f0c9d11';
    expect(
      parse(
        `format=coco-captions&status=APPROVED, SUBMITTED&step=review&since=2025-01-31` +
          `&until=2025-02-01T10:00:00%2B02:00&reviewer=${id}&job=${id}&model=${id}`,
      ),
    ).toEqual({
      format: 'coco-captions',
      filters: {
        status: ['APPROVED', 'SUBMITTED'],
        step: 'review',
        since: '2025-01-31T00:00:00.000Z',
        until: '2025-02-01T08:00:00.000Z',
        reviewer: id,
        job: id,
        model: id,
      },
    });
  });

  it('names the valid formats and parameters when refusing', () => {
    expect(() => parse('format=xml')).toThrow(/labelbox-ndjson, coco-captions, jsonl/);
    expect(() => parse('status=APPROVED')).toThrow(/format is required/);
    expect(() => parse('format=jsonl&caption=x')).toThrow(
      'Unknown parameter "caption"; valid parameters are format, status, step, since, until, reviewer, job, model',
    );
    expect(() => parse('format=jsonl&step=a&step=b')).toThrow(ExportQueryError);
  });

  it('refuses values that are not what the field holds', () => {
    for (const bad of [
      'status=APPROVED OR 1=1',
      'status=',
      'step=Review Step',
      'since=31/01/2025',
      'reviewer=42',
      'job=x',
      'model=00000000-0000-0000-0000-00000000000g',
      'since=2025-02-01&until=2025-01-01',
    ]) {
      expect(() => parse(`format=jsonl&${bad}`), bad).toThrow(ExportQueryError);
    }
  });
});
