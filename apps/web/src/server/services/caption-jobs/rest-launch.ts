// The REST form of a launch: a script sends rowIds, all or a filter and may leave out the model,
// which then is the one the running workers serve.
import type { RestLaunchCaptionJobBody } from '@captionary/shared';
import {
  GenerationParams,
  type CaptionJobSelection,
  type LaunchCaptionJobRequest,
} from '@captionary/shared';
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { LaunchableModel } from '../models';

/** The model a launch without `model` uses: one that workers serve now, else the newest known. */
export function defaultModelName(models: LaunchableModel[]): string {
  const model = models.find((m) => m.workers > 0) ?? models[0];
  if (!model) {
    throw new AppError('UNAVAILABLE', 'No model is available: start an inference worker first');
  }
  return model.name;
}

/** Turns a REST body into the launch request the service takes. */
export function launchRequestFromRestBody(
  projectId: string,
  body: z.output<typeof RestLaunchCaptionJobBody>,
  models: LaunchableModel[],
): LaunchCaptionJobRequest {
  const selection: CaptionJobSelection = body.rowIds
    ? { kind: 'rows', rowIds: body.rowIds }
    : body.filter
      ? { kind: 'filter', filter: body.filter }
      : { kind: 'all' };
  return {
    projectId,
    selection,
    modelName: body.model ?? defaultModelName(models),
    params: body.params ?? GenerationParams.parse({}),
    force: body.force,
  };
}
