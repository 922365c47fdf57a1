import { z } from 'zod';
import { WebhookPayloadError } from '@cxgenie/contracts';
import { parseJsonBody, parseWithSchema } from './webhook-payload';

describe('webhook payloads', () => {
  it('rejects an empty body and malformed JSON with a reason', () => {
    expect(() => parseJsonBody(Buffer.alloc(0))).toThrow(WebhookPayloadError);
    expect(() => parseJsonBody(Buffer.from('{"update_id": 1,'))).toThrow(
      /the body is not valid JSON/,
    );
  });

  it('keeps integers beyond 2^53 exact in the fields named, and only there', () => {
    const raw = Buffer.from(
      '{"message_token": 4912661846655238145, "timestamp":1457764197627,"text":"\\"message_token\\": 1"}',
    );
    const parsed = parseJsonBody(raw, { bigIntegerFields: ['message_token'] }) as Record<
      string,
      unknown
    >;
    expect(parsed).toEqual({
      message_token: '4912661846655238145',
      timestamp: 1457764197627,
      text: '"message_token": 1',
    });
  });

  it('names the path of the first problem of a payload of the wrong shape', () => {
    const schema = z.object({ message: z.object({ chat: z.object({ id: z.number() }) }) });
    expect(() => parseWithSchema(schema, { message: { chat: {} } }, 'telegram update')).toThrow(
      'telegram update: message.chat.id required',
    );
    expect(parseWithSchema(schema, { message: { chat: { id: 1 } } }, 'x')).toEqual({
      message: { chat: { id: 1 } },
    });
  });
});
