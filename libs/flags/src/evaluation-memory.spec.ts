import type { FlagEvaluation } from '@cxgenie/contracts';
import { EvaluationMemory } from './evaluation-memory';

const evaluation = (value: number): FlagEvaluation => ({
  flagKey: 'f',
  value,
  variationIndex: 0,
  reason: { kind: 'FALLTHROUGH' },
});

describe('EvaluationMemory', () => {
  it('keeps an evaluation until it expires', () => {
    const memory = new EvaluationMemory(1_000);
    memory.store(memory.ticket('f'), 'ctx', evaluation(1), 0);
    expect(memory.get('f', 'ctx', 999)?.value).toBe(1);
    expect(memory.get('f', 'ctx', 1_000)).toBeUndefined();
  });

  it('drops a changed flag only, and refuses a load that began before the change', () => {
    const memory = new EvaluationMemory(60_000);
    memory.store(memory.ticket('f'), 'ctx', evaluation(1), 0);
    memory.store(memory.ticket('g'), 'ctx', evaluation(2), 0);
    const before = memory.ticket('f');
    memory.invalidate(['f']);
    expect(memory.get('f', 'ctx', 1)).toBeUndefined();
    expect(memory.get('g', 'ctx', 1)?.value).toBe(2);
    expect(memory.store(before, 'ctx', evaluation(1), 1)).toBe(false);
    expect(memory.get('f', 'ctx', 1)).toBeUndefined();
    expect(memory.store(memory.ticket('f'), 'ctx', evaluation(3), 1)).toBe(true);
    expect(memory.get('f', 'ctx', 1)?.value).toBe(3);
  });

  it('drops everything at once, and refuses every load that began before', () => {
    const memory = new EvaluationMemory(60_000);
    memory.store(memory.ticket('f'), 'a', evaluation(1), 0);
    const before = memory.ticket('g');
    memory.invalidateAll();
    expect(memory.size).toBe(0);
    expect(memory.store(before, 'b', evaluation(2), 0)).toBe(false);
    expect(memory.size).toBe(0);
  });
});
