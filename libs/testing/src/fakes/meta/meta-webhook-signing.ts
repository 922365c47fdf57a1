import { createHmac } from 'node:crypto';

/**
 * Signs a webhook body the way Meta does (`X-Hub-Signature-256: sha256=<hex HMAC of the raw
 * bytes with the app secret>`). Written independently of the adapters' verifier on purpose.
 */
export function signMetaWebhook(
  body: string | object,
  appSecret: string,
): { rawBody: Buffer; headers: Record<string, string> } {
  const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const digest = createHmac('sha256', appSecret).update(rawBody).digest('hex');
  return {
    rawBody,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${digest}` },
  };
}
