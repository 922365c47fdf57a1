import { type AnswerPart, gateVerdict } from './verdict-gate';

async function* from(deltas: string[]): AsyncGenerator<string> {
  for (const delta of deltas) yield delta;
}

const run = async (deltas: string[]) => {
  const malformed: string[] = [];
  const parts: AnswerPart[] = [];
  for await (const part of gateVerdict(from(deltas), { onMalformed: (h) => malformed.push(h) })) {
    parts.push(part);
  }
  const text = parts
    .filter((p): p is Extract<AnswerPart, { kind: 'text' }> => p.kind === 'text')
    .map((p) => p.text)
    .join('');
  const verdicts = parts.filter((p) => p.kind === 'verdict');
  return { parts, text, verdicts, malformed };
};

describe('gateVerdict', () => {
  it('holds back a verdict split across deltas and streams the answer after it', async () => {
    const { parts, text, verdicts, malformed } = await run([
      'VER',
      'DICT: Y',
      'ES\n',
      '\nReturns are ',
      'free within 30 days.',
    ]);
    expect(parts[0]).toEqual({ kind: 'verdict', enough: true });
    expect(verdicts).toHaveLength(1);
    expect(text).toBe('Returns are free within 30 days.');
    expect(malformed).toEqual([]);
  });

  it('reads NO, tolerates markdown emphasis and lower case', async () => {
    const { verdicts, text } = await run(['**verdict: no**\n\nSorry, I cannot help with that.']);
    expect(verdicts).toEqual([{ kind: 'verdict', enough: false }]);
    expect(text).toBe('Sorry, I cannot help with that.');
  });

  it('does not mistake a longer word for the verdict', async () => {
    const { verdicts, malformed } = await run(['VERDICT: NOT', ' SURE what to say']);
    expect(verdicts).toEqual([{ kind: 'verdict', enough: false }]);
    expect(malformed).toHaveLength(1);
  });

  it('treats output without a verdict as NO and reports it, keeping the text as the attempt', async () => {
    const { verdicts, text, malformed } = await run(['Our shop opens ', 'at 9am.']);
    expect(verdicts).toEqual([{ kind: 'verdict', enough: false }]);
    expect(text).toBe('Our shop opens at 9am.');
    expect(malformed).toEqual(['Our shop opens at 9am.'.slice(0, 'Our shop opens '.length)]);
  });

  it('decides at stream end when the verdict is the whole output', async () => {
    expect((await run(['VERDICT: YES'])).verdicts).toEqual([{ kind: 'verdict', enough: true }]);
    expect((await run([])).verdicts).toEqual([{ kind: 'verdict', enough: false }]);
  });
});
