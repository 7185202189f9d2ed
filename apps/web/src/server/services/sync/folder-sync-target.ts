// Sync into a server folder below DATA_ROOT: `<image>.txt` next to each image and captions.jsonl
// at the connection's folder root. Every directory written to is resolved and must stay inside
// that root, so neither `..` in a stored path nor a folder swapped for a link can lead elsewhere.
import { SYNC_MANIFEST_NAME } from '@captionary/shared';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ImportSourceError } from '../imports/import-item-error';
import {
  checkRelativeFolderPath,
  isInside,
  resolveFolderBelowRoot,
} from '../imports/sources/folder-path';
import {
  readFileLines,
  removeFileIfPresent,
  writeFileIfChanged,
  writeStreamIfChanged,
} from './atomic-file';
import { SyncItemError, SyncTargetError } from './sync-errors';
import { sidecarName, type SyncTarget } from './sync-target';

const SIDECAR = 'the caption file';

class MissingFolderError extends SyncItemError {}

/** The checked image path: relative, no `..`, no absolute or drive forms. */
function checkImagePath(file: string): string {
  let checked: string;
  try {
    checked = checkRelativeFolderPath(file);
  } catch (error) {
    if (error instanceof ImportSourceError) {
      throw new SyncItemError(`The image path leaves the folder root: ${error.message}`);
    }
    throw error;
  }
  if (checked !== file || checked === '') {
    throw new SyncItemError('The image path is not a plain path below the folder root');
  }
  return checked;
}

export async function openFolderSyncTarget(
  dataRoot: string | undefined,
  relativeFolder: string,
): Promise<SyncTarget> {
  if (!dataRoot) {
    throw new SyncTargetError('Server folder sync is disabled: the operator has not set DATA_ROOT');
  }
  let root: string;
  try {
    root = await resolveFolderBelowRoot(dataRoot, relativeFolder);
  } catch (error) {
    if (error instanceof ImportSourceError) throw new SyncTargetError(error.message);
    throw error;
  }
  const folderLabel = checkRelativeFolderPath(relativeFolder);

  // Real directories by relative directory, resolved once per run.
  const realDirs = new Map<string, Promise<string>>();
  const realDirOf = (file: string): Promise<string> => {
    const dir = path.posix.dirname(checkImagePath(file));
    let resolved = realDirs.get(dir);
    if (!resolved) {
      resolved = realpath(path.join(root, dir)).then(
        (real) => {
          if (!isInside(root, real)) {
            throw new SyncItemError("The image's folder is a link that leaves the folder root");
          }
          return real;
        },
        () => {
          throw new MissingFolderError("The image's folder no longer exists");
        },
      );
      realDirs.set(dir, resolved);
    }
    return resolved;
  };
  const sidecarPath = async (file: string) =>
    path.join(await realDirOf(file), sidecarName(path.posix.basename(file)));
  const manifestPath = path.join(root, SYNC_MANIFEST_NAME);

  return {
    description: `DATA_ROOT/${folderLabel}`,
    async writeSidecar(file, content) {
      return writeFileIfChanged(await sidecarPath(file), Buffer.from(content, 'utf8'), SIDECAR);
    },
    async removeSidecar(file) {
      let target: string;
      try {
        target = await sidecarPath(file);
      } catch (error) {
        // The image's whole folder is gone, and with it any sidecar.
        if (error instanceof MissingFolderError) return false;
        throw error;
      }
      return removeFileIfPresent(target, SIDECAR);
    },
    readManifestLines: () => readFileLines(manifestPath),
    writeManifest: (lines, signal) =>
      writeStreamIfChanged(manifestPath, lines, `the ${SYNC_MANIFEST_NAME} manifest`, signal),
    close: () => undefined,
  };
}
