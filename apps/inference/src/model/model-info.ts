import { modelChecksum } from './checksums';
import type { ModelFolder } from './read-model-folder';

/** What identifies a model version in provenance records and health reports. */
export interface ModelInfo {
  name: string;
  /** sha256 over the manifest's file checksums: changes whenever any weight or config changes. */
  checksum: string;
  /** True for the repo's random-weight tiny model (captions are nonsense; the UI says so). */
  tiny: boolean;
  dir: string;
  source?: string;
}

export function describeModel(folder: ModelFolder): ModelInfo {
  return {
    name: folder.manifest.name,
    checksum: modelChecksum(folder.manifest.files),
    tiny: folder.manifest.tiny,
    dir: folder.dir,
    ...(folder.manifest.source === undefined ? {} : { source: folder.manifest.source }),
  };
}
