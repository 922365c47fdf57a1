import type { RawWebhookRequest } from '@cxgenie/contracts';
import { signMetaWebhook } from '@cxgenie/testing';
import { verifyMetaSignature } from './meta-signature';

const APP_SECRET = 'a1b2c3d4e5f6-app-secret';
const BODY = '{"object":"page","entry":[{"id":"1","time":1458692752478,"messaging":[]}]}';

const request = (rawBody: Buffer, headers: RawWebhookRequest['headers']): RawWebhookRequest => ({
  method: 'POST',
  headers,
  query: {},
  rawBody,
});

describe('verifyMetaSignature', () => {
  const signed = signMetaWebhook(BODY, APP_SECRET);

  it('accepts the X-Hub-Signature-256 Meta computes over the raw body', () => {
    expect(verifyMetaSignature(request(signed.rawBody, signed.headers), APP_SECRET)).toEqual({
      ok: true,
    });
  });

  it('finds the header whatever its case', () => {
    const headers = { 'X-Hub-Signature-256': signed.headers['x-hub-signature-256'] };
    expect(verifyMetaSignature(request(signed.rawBody, headers), APP_SECRET)).toEqual({ ok: true });
  });

  it('rejects the same signature when one byte of the body changed', () => {
    const tampered = Buffer.from(signed.rawBody);
    tampered[tampered.length - 3] ^= 0x01;
    expect(verifyMetaSignature(request(tampered, signed.headers), APP_SECRET)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('rejects a signature with one hex digit changed', () => {
    const header = signed.headers['x-hub-signature-256'];
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    const result = verifyMetaSignature(
      request(signed.rawBody, { 'x-hub-signature-256': flipped }),
      APP_SECRET,
    );
    expect(result).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a body signed with another app secret', () => {
    const other = signMetaWebhook(BODY, 'another-apps-secret');
    expect(verifyMetaSignature(request(other.rawBody, other.headers), APP_SECRET)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('rejects a delivery without the header', () => {
    expect(verifyMetaSignature(request(signed.rawBody, {}), APP_SECRET)).toEqual({
      ok: false,
      status: 401,
      reason: 'missing X-Hub-Signature-256 header',
    });
  });

  it.each([
    ['the SHA-1 prefix of the legacy header', (hex: string) => `sha1=${hex}`],
    ['no prefix', (hex: string) => hex],
    ['a truncated digest', (hex: string) => `sha256=${hex.slice(0, 40)}`],
    ['non-hex characters', (hex: string) => `sha256=${'z'.repeat(hex.length)}`],
  ])('rejects a header with %s', (_case, build) => {
    const hex = signed.headers['x-hub-signature-256'].slice('sha256='.length);
    const result = verifyMetaSignature(
      request(signed.rawBody, { 'x-hub-signature-256': build(hex) }),
      APP_SECRET,
    );
    expect(result).toEqual({
      ok: false,
      status: 401,
      reason: 'malformed X-Hub-Signature-256 header',
    });
  });

  it('rejects a repeated header instead of picking one of the values', () => {
    const header = signed.headers['x-hub-signature-256'];
    const result = verifyMetaSignature(
      request(signed.rawBody, { 'x-hub-signature-256': [header, header] }),
      APP_SECRET,
    );
    expect(result).toEqual({
      ok: false,
      status: 401,
      reason: 'repeated X-Hub-Signature-256 header',
    });
  });

  it('rejects everything when the channel has no app secret', () => {
    const unsigned = signMetaWebhook(BODY, '');
    expect(verifyMetaSignature(request(unsigned.rawBody, unsigned.headers), '')).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
