import type { RawWebhookRequest } from '@cxgenie/contracts';
import { headerValue, hmacSha256Hex, safeEqual, verifyHmacSha256 } from './signature';

const request = (body: string, headers: RawWebhookRequest['headers'] = {}): RawWebhookRequest => ({
  method: 'POST',
  headers,
  query: {},
  rawBody: Buffer.from(body),
});

describe('signatures', () => {
  it('compares secrets of any length without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });

  it('finds headers whatever their case, the first of repeated ones', () => {
    const headers = { 'X-Viber-Content-Signature': 'a', 'x-other': ['b', 'c'] };
    expect(headerValue(headers, 'x-viber-content-signature')).toBe('a');
    expect(headerValue(headers, 'X-OTHER')).toBe('b');
    expect(headerValue(headers, 'missing')).toBeUndefined();
  });

  describe('verifyHmacSha256', () => {
    const body = '{"object":"page","entry":[]}';
    const key = 'app-secret';
    const check = { header: 'x-hub-signature-256', prefix: 'sha256=', key };

    it('accepts the signature of the exact body', () => {
      const signature = `sha256=${hmacSha256Hex(key, Buffer.from(body))}`;
      expect(verifyHmacSha256(request(body, { 'x-hub-signature-256': signature }), check)).toEqual({
        ok: true,
      });
    });

    it('rejects one changed byte of the body, a wrong key and a missing header', () => {
      const signature = `sha256=${hmacSha256Hex(key, Buffer.from(body))}`;
      const tampered = body.replace('page', 'pagf');
      expect(
        verifyHmacSha256(request(tampered, { 'x-hub-signature-256': signature }), check),
      ).toMatchObject({ ok: false, status: 403 });
      const wrongKey = `sha256=${hmacSha256Hex('other-secret', Buffer.from(body))}`;
      expect(
        verifyHmacSha256(request(body, { 'x-hub-signature-256': wrongKey }), check),
      ).toMatchObject({ ok: false, status: 403 });
      expect(verifyHmacSha256(request(body), check)).toMatchObject({ ok: false, status: 401 });
      expect(
        verifyHmacSha256(request(body, { 'x-hub-signature-256': signature }), {
          ...check,
          key: null,
        }),
      ).toMatchObject({ ok: false, status: 403 });
    });
  });
});
