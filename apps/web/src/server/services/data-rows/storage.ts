import { ObjectStorage } from '@captionary/db';
import { serverEnv } from '../../../env';

let storage: ObjectStorage | undefined;

/** The platform's object storage (STORAGE_DIR), shared with the inference workers. */
export function rowStorage(): ObjectStorage {
  storage ??= new ObjectStorage(serverEnv().STORAGE_DIR);
  return storage;
}
