import type { AnalyticsFact } from '@cxgenie/contracts';
import { EncodedFactsBuilder } from './encoded-facts';

const fact = (id: string, type: string, workspaceId: string): AnalyticsFact =>
  ({ id, type, workspaceId, occurredAt: '2026-11-20T12:00:00.000Z', chars: 1 }) as AnalyticsFact;

describe('a job’s encoded facts', () => {
  it('gives back each fact’s id, type, workspace, time and line as they went in', () => {
    const facts = [
      fact('a', 'message.sent', 'w-1'),
      fact('', 'message.sent', 'w-2'),
      fact('tab\there\nline 😀', 'csat.submitted', 'w-1'),
      fact('x'.repeat(10_000), 'message.sent', 'w-3'),
      fact("it's", 'llm.usage', 'w-2'),
    ];
    const builder = new EncodedFactsBuilder(facts.length + 3);
    facts.forEach((f, i) => builder.push(f, `line ${i}\n`, 1_000 + i, 'web', 0));
    const encoded = builder.build();

    expect(encoded.length).toBe(facts.length);
    expect(encoded.text).toBe(facts.map((_, i) => `line ${i}\n`).join(''));
    facts.forEach((f, i) => {
      expect(encoded.id(i)).toBe(f.id);
      expect(encoded.type(i)).toBe(f.type);
      expect(encoded.workspaceId(i)).toBe(f.workspaceId);
      expect(encoded.line(i)).toBe(`line ${i}\n`);
      expect(encoded.at[i]).toBe(1_000 + i);
    });
  });

  it('takes an id that is no string as its text', () => {
    const builder = new EncodedFactsBuilder(1);
    builder.push(
      { ...fact('', 'message.sent', 'w'), id: 42 as unknown as string },
      'l\n',
      0,
      '',
      0,
    );
    expect(builder.build().id(0)).toBe('42');
  });
});
