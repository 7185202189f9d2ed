import type { Db } from '@captionary/db';
import type { ModelInfo } from './model-info';

/** Records the loaded model (name + checksum) so predictions can name the exact build that made them. */
export async function registerModelVersion(db: Db, info: ModelInfo): Promise<string> {
  const version = await db.modelVersion.upsert({
    where: { name_checksum: { name: info.name, checksum: info.checksum } },
    create: {
      name: info.name,
      checksum: info.checksum,
      tiny: info.tiny,
      source: info.source ?? null,
    },
    update: {},
  });
  return version.id;
}
