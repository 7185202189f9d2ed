import type { Db } from '@captionary/db';
import { importSettingsFromEnv } from '../imports/import-settings';
import type { WebhookServiceDeps } from './webhooks';

/** The webhook service's settings from the environment: the address allow-list and the key. */
export function webhookServiceDeps(db: Db): WebhookServiceDeps {
  const settings = importSettingsFromEnv();
  return { db, allowHosts: settings.allowHosts, encryptionKey: settings.encryptionKey };
}
