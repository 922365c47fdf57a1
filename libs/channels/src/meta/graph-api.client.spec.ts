import { createServer } from 'node:net';
import { PermanentDeliveryError, RetryableDeliveryError } from '@cxgenie/contracts';
import { FAKE_GRAPH_ACCESS_TOKEN, FakeGraphApi, GRAPH_FAILURES } from '@cxgenie/testing';
import { GraphApiClient } from './graph-api.client';
import { graphDeliveryError, retryAfterMs } from './graph-api-error';

const SEND = {
  recipient: { id: '1254459154682919' },
  messaging_type: 'RESPONSE',
  message: { text: 'hello' },
};

describe('GraphApiClient against the fake Graph API', () => {
  let graph: FakeGraphApi;
  let client: GraphApiClient;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    client = new GraphApiClient({ baseUrl: graph.baseUrl });
  });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );

  it('posts JSON with the token as a bearer header and returns the answer', async () => {
    const answer = await client.post('1234/messages', SEND, FAKE_GRAPH_ACCESS_TOKEN);
    expect(answer).toEqual({ recipient_id: '1254459154682919', message_id: expect.any(String) });
    expect(graph.requests[0]).toMatchObject({
      path: expect.stringMatching(/\/1234\/messages$/),
      accessToken: FAKE_GRAPH_ACCESS_TOKEN,
      body: SEND,
    });
    expect(graph.requests[0].headers.authorization).toBe(`Bearer ${FAKE_GRAPH_ACCESS_TOKEN}`);
  });

  it('maps 429 (code 4) to a retryable error carrying retry-after', async () => {
    graph.failNext(GRAPH_FAILURES.rateLimited(7));
    const error = await failureOf(client.post('1234/messages', SEND, FAKE_GRAPH_ACCESS_TOKEN));
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect(error).toMatchObject({ retryAfterMs: 7000 });
    expect((error as Error).message).toContain('Application request limit reached');
  });

  it('maps a 5xx to a retryable error', async () => {
    graph.failNext(GRAPH_FAILURES.serverError());
    const error = await failureOf(client.post('1234/messages', SEND, FAKE_GRAPH_ACCESS_TOKEN));
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect(error).toMatchObject({ retryAfterMs: null });
  });

  it('maps a token Graph does not accept to a permanent error with code 190', async () => {
    const error = await failureOf(client.post('1234/messages', SEND, 'EAA-revoked-token'));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ platformCode: '190' });
    expect((error as Error).message).toContain('Invalid OAuth access token');
  });

  it.each([
    [
      'a blocked or unavailable user (551)',
      GRAPH_FAILURES.userUnavailable(),
      '551',
      "isn't available",
    ],
    [
      'a permission refusal (10)',
      GRAPH_FAILURES.outsideMessagingWindow(),
      '10',
      'outside of allowed window',
    ],
    [
      'the WhatsApp re-engagement rule (131047)',
      GRAPH_FAILURES.reEngagement(),
      '131047',
      'more than 24 hours',
    ],
  ])(
    'maps %s to a permanent error with the platform reason',
    async (_case, failure, code, text) => {
      graph.failNext(failure);
      const error = await failureOf(client.post('1234/messages', SEND, FAKE_GRAPH_ACCESS_TOKEN));
      expect(error).toBeInstanceOf(PermanentDeliveryError);
      expect(error).toMatchObject({ platformCode: code });
      expect((error as Error).message).toContain(text);
    },
  );

  it('maps a throttling code answered with 400 (613) to retryable', async () => {
    graph.failNext({
      status: 400,
      error: {
        message: '(#613) Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        code: 613,
      },
    });
    const error = await failureOf(client.post('1234/messages', SEND, FAKE_GRAPH_ACCESS_TOKEN));
    expect(error).toBeInstanceOf(RetryableDeliveryError);
  });

  it('maps an unreachable Graph API to a retryable error', async () => {
    const port = await freePort();
    const offline = new GraphApiClient({ baseUrl: `http://127.0.0.1:${port}/v23.0` });
    const error = await failureOf(offline.post('1234/messages', SEND, FAKE_GRAPH_ACCESS_TOKEN));
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect((error as Error).message).toContain('Graph API unreachable');
  });
});

describe('graphDeliveryError', () => {
  it('treats a token error as permanent even when Graph answers it with a 5xx', () => {
    const error = graphDeliveryError(500, new Headers(), { message: 'bad token', code: 190 });
    expect(error).toBeInstanceOf(PermanentDeliveryError);
  });

  it('treats an unknown 4xx as permanent and is_transient as retryable', () => {
    expect(
      graphDeliveryError(400, new Headers(), { message: '(#100) bad param', code: 100 }),
    ).toBeInstanceOf(PermanentDeliveryError);
    expect(
      graphDeliveryError(400, new Headers(), { message: 'later', code: 9999, is_transient: true }),
    ).toBeInstanceOf(RetryableDeliveryError);
  });

  it('reads the wait from the Business Use Case header when there is no retry-after', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1234': [{ type: 'messenger', call_count: 100, estimated_time_to_regain_access: 3 }],
      }),
    });
    expect(retryAfterMs(headers)).toBe(180_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
