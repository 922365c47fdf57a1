import { PermanentDeliveryError } from '@cxgenie/contracts';
import { z } from 'zod';

const secret = (what: string) => z.string().trim().min(1, `${what} is required`);

/** Webhook secrets every Meta channel needs: the app secret signs deliveries, the token the handshake. */
export const metaWebhookCredentials = {
  appSecret: secret('appSecret'),
  verifyToken: secret('verifyToken'),
};

/** Messenger and Instagram (Messenger Platform) channels act with a Page access token. */
export const pageCredentialsSchema = z
  .object({
    pageAccessToken: secret('pageAccessToken'),
    ...metaWebhookCredentials,
  })
  .strict();
export type PageCredentials = z.output<typeof pageCredentialsSchema>;

export const graphId = (what: string) =>
  z.string().trim().regex(/^\d+$/, `${what} must be the numeric id Meta shows`);

/** A credential the channel must have; its absence is a configuration error no retry fixes. */
export function requiredCredential(credentials: Record<string, string>, name: string): string {
  const value = credentials[name];
  if (!value) throw new PermanentDeliveryError(`channel credentials have no ${name}`);
  return value;
}
