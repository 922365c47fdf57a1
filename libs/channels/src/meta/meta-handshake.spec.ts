import type { RawWebhookRequest } from '@cxgenie/contracts';
import { answerMetaHandshake } from './meta-handshake';

const VERIFY_TOKEN = 'cxgenie-verify-token';

const handshake = (query: RawWebhookRequest['query'], method = 'GET'): RawWebhookRequest => ({
  method,
  headers: {},
  query,
  rawBody: Buffer.alloc(0),
});

describe('answerMetaHandshake', () => {
  it('echoes hub.challenge when hub.verify_token matches', () => {
    const request = handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': VERIFY_TOKEN,
      'hub.challenge': '1158201444',
    });
    expect(answerMetaHandshake(request, VERIFY_TOKEN)).toEqual({ status: 200, body: '1158201444' });
  });

  it('refuses a wrong verify token with 403 and does not echo the challenge', () => {
    const request = handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': `${VERIFY_TOKEN}x`,
      'hub.challenge': '1158201444',
    });
    expect(answerMetaHandshake(request, VERIFY_TOKEN)).toEqual({
      status: 403,
      body: 'hub.verify_token does not match',
    });
  });

  it('refuses when the channel has no verify token at all', () => {
    const request = handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': '',
      'hub.challenge': '1',
    });
    expect(answerMetaHandshake(request, undefined)).toMatchObject({ status: 403 });
  });

  it('refuses another hub.mode and a challenge that is not a plain token', () => {
    const base = { 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' };
    expect(
      answerMetaHandshake(handshake({ ...base, 'hub.mode': 'unsubscribe' }), VERIFY_TOKEN),
    ).toMatchObject({ status: 400 });
    const reflected = { ...base, 'hub.mode': 'subscribe', 'hub.challenge': '<script>x</script>' };
    expect(answerMetaHandshake(handshake(reflected), VERIFY_TOKEN)).toMatchObject({ status: 400 });
  });

  it('is not a handshake without hub.mode, or on POST deliveries', () => {
    expect(answerMetaHandshake(handshake({}), VERIFY_TOKEN)).toBeNull();
    const post = handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN }, 'POST');
    expect(answerMetaHandshake(post, VERIFY_TOKEN)).toBeNull();
  });
});
