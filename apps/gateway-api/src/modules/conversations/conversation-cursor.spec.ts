import { InvalidCursorError } from '@cxgenie/database';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor';

describe('conversation cursor', () => {
  const position = { at: '2026-11-29 14:00:00.123456', id: '0b6c4f36-3a1e-4d0e-9d0a-5f0e8f1e2a3b' };

  it('keeps microseconds through a round trip', () => {
    expect(decodeConversationCursor(encodeConversationCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 json', 'zzz'],
    [
      'a SQL fragment',
      Buffer.from(JSON.stringify(["now()'; --", position.id])).toString('base64url'),
    ],
    ['a bad id', Buffer.from(JSON.stringify([position.at, 'x'])).toString('base64url')],
  ])('rejects %s', (_label, value) => {
    expect(() => decodeConversationCursor(value)).toThrow(InvalidCursorError);
  });
});
