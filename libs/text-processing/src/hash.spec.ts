import { createHash } from 'node:crypto';
import { chunkHash, normalizeForHash } from './hash';

describe('chunk hashing', () => {
  it('normalizes Unicode compatibility forms and whitespace', () => {
    expect(normalizeForHash('  Ｈｅｌｌｏ\n\n\tworld ')).toBe('Hello world');
    expect(normalizeForHash('cafe\u0301')).toBe('café');
  });

  it('hashes the normalized text with SHA-256', () => {
    expect(chunkHash('a  b')).toBe(createHash('sha256').update('a b').digest('hex'));
    expect(chunkHash('Refunds take\n5 days.')).toBe(chunkHash('Refunds take 5 days.'));
    expect(chunkHash('Refunds take 5 days.')).not.toBe(chunkHash('Refunds take 6 days.'));
  });
});
