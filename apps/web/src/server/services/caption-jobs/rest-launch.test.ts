import { RestLaunchCaptionJobBody } from '@captionary/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { defaultModelName, launchRequestFromRestBody } from './rest-launch';

const served = { name: 'blip2-opt-2.7b', tiny: false, workers: 2, checksums: ['a'] };
const known = { name: 'tiny-blip2', tiny: true, workers: 0, checksums: ['b'] };
const projectId = '00000000-0000-4000-8000-000000000001';
const rowId = '00000000-0000-4000-8000-000000000002';

describe('defaultModelName', () => {
  it('prefers a model that workers serve now, then the first known one', () => {
    expect(defaultModelName([known, served])).toBe('blip2-opt-2.7b');
    expect(defaultModelName([known])).toBe('tiny-blip2');
  });

  it('is UNAVAILABLE when no model was ever registered', () => {
    expect(() => defaultModelName([])).toThrow(AppError);
  });
});

describe('launchRequestFromRestBody', () => {
  it('maps rowIds, all and filter to a selection, with default params', () => {
    const parse = (body: unknown) => RestLaunchCaptionJobBody.parse(body);
    expect(launchRequestFromRestBody(projectId, parse({ all: true }), [served])).toEqual({
      projectId,
      selection: { kind: 'all' },
      modelName: 'blip2-opt-2.7b',
      params: { maxNewTokens: 30, minNewTokens: 0, numBeams: 1 },
      force: false,
    });
    expect(
      launchRequestFromRestBody(projectId, parse({ rowIds: [rowId], model: 'x' }), []).selection,
    ).toEqual({ kind: 'rows', rowIds: [rowId] });
    expect(
      launchRequestFromRestBody(projectId, parse({ filter: { hasPrelabel: false } }), [served])
        .selection,
    ).toEqual({ kind: 'filter', filter: { hasPrelabel: false } });
  });

  it('refuses bodies with no selection or more than one', () => {
    expect(RestLaunchCaptionJobBody.safeParse({}).success).toBe(false);
    expect(RestLaunchCaptionJobBody.safeParse({ all: true, rowIds: [rowId] }).success).toBe(false);
    expect(RestLaunchCaptionJobBody.safeParse({ all: false }).success).toBe(false);
  });
});
