import type { ServiceConfig } from '@cxgenie/config';
import { SecretBox } from './secret-box';

const box = (key: string) => new SecretBox({ encryptionKey: key } as ServiceConfig);

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in the clear', () => {
    const sealed = box('k'.repeat(32)).sealJson({ appSecret: 'shh-123' });
    expect(sealed).not.toContain('shh-123');
    expect(box('k'.repeat(32)).openJson(sealed)).toEqual({ appSecret: 'shh-123' });
  });

  it('uses a fresh nonce each time', () => {
    const b = box('k'.repeat(32));
    expect(b.seal('same')).not.toBe(b.seal('same'));
  });

  it('refuses a payload sealed with another key or tampered with', () => {
    const sealed = box('k'.repeat(32)).seal('secret');
    expect(() => box('z'.repeat(32)).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => box('k'.repeat(32)).open(parts.join('.'))).toThrow();
  });
});
