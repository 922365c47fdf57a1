import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (channel credentials, webhook secrets). The payload carries a
 * version so the key or algorithm can rotate later without guessing what old rows used. Shared by
 * gateway-api (which seals what admins enter) and integration (which opens it to talk to the
 * platforms): both derive the key from the same `ENCRYPTION_KEY`.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `keyMaterial` of any length is hashed to the 256-bit key. */
  constructor(keyMaterial: string) {
    this.key = createHash('sha256').update(keyMaterial).digest();
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined)
      throw new Error('unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  sealJson(value: Record<string, unknown>): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T = Record<string, unknown>>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }
}
