// Which models a job can be launched with: those the running workers serve (from their Redis
// heartbeats) and those that workers have registered before (ModelVersion rows).
import type { Db } from '@captionary/db';
import type { Redis } from 'ioredis';
import { redisReady } from '../redis';
import { readWorkerHeartbeats } from './health';

export interface LaunchableModel {
  name: string;
  /** The built-in tiny model: its captions are placeholders. */
  tiny: boolean;
  /** Workers serving this model right now; 0 means jobs wait until one starts. */
  workers: number;
  /** Checksums seen for this name, newest first. */
  checksums: string[];
}

async function heartbeatsOrNone(redis: Redis) {
  try {
    await redisReady(redis);
    return await readWorkerHeartbeats(redis);
  } catch (error) {
    // Without Redis no job can be queued anyway; the form still lists the known models.
    console.error(`models: cannot read worker heartbeats: ${(error as Error).message}`);
    return [];
  }
}

/** Models to offer in the launch form: served ones first, then previously registered ones. */
export async function listLaunchableModels(db: Db, redis: Redis): Promise<LaunchableModel[]> {
  const [heartbeats, versions] = await Promise.all([
    heartbeatsOrNone(redis),
    db.modelVersion.findMany({
      orderBy: { createdAt: 'desc' },
      select: { name: true, checksum: true, tiny: true },
      take: 200,
    }),
  ]);
  const byName = new Map<string, LaunchableModel>();
  const entry = (name: string, tiny: boolean) => {
    let model = byName.get(name);
    if (!model) {
      model = { name, tiny, workers: 0, checksums: [] };
      byName.set(name, model);
    }
    return model;
  };
  for (const heartbeat of heartbeats) {
    const model = entry(heartbeat.model.name, heartbeat.model.tiny);
    model.workers += 1;
    if (!model.checksums.includes(heartbeat.model.checksum)) {
      model.checksums.push(heartbeat.model.checksum);
    }
  }
  for (const version of versions) {
    const model = entry(version.name, version.tiny);
    if (!model.checksums.includes(version.checksum)) model.checksums.push(version.checksum);
  }
  return [...byName.values()].sort((a, b) => b.workers - a.workers || a.name.localeCompare(b.name));
}
