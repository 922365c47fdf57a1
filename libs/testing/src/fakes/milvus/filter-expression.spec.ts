import {
  type FieldKind,
  FilterExpressionError,
  type ScalarValue,
  compileFilter,
} from './filter-expression';

const fields = new Map<string, FieldKind>([
  ['bot_id', 'string'],
  ['partition', 'string'],
  ['position', 'integer'],
]);
const row = (values: Record<string, ScalarValue>) => new Map(Object.entries(values));
const faq = row({ bot_id: 'b1', partition: 'faqs', position: 3n });
const quoted = row({ bot_id: 'say "hi"', partition: "it's", position: 0n });

const matches = (expression: string, target = faq) => compileFilter(expression, fields)(target);

describe('fake Milvus filter expressions', () => {
  it('evaluate equality, conjunction, disjunction, negation and lists', () => {
    expect(matches('bot_id == "b1" && partition == "faqs"')).toBe(true);
    expect(matches('bot_id == "b1" and partition == "documents"')).toBe(false);
    expect(matches('bot_id == "b2" || partition == "faqs"')).toBe(true);
    expect(matches('not (bot_id == "b1")')).toBe(false);
    expect(matches('partition in ["documents", "faqs"]')).toBe(true);
    expect(matches('partition not in ["faqs"]')).toBe(false);
    expect(matches('position >= 3 && position < 4 && position != 5')).toBe(true);
    expect(matches('')).toBe(true);
  });

  it('read escaped quotes inside literals as part of the value', () => {
    expect(matches('bot_id == "say \\"hi\\""', quoted)).toBe(true);
    expect(matches(`partition == 'it\\'s'`, quoted)).toBe(true);
    // An escaped quote cannot close the literal and smuggle in an operator.
    expect(matches('bot_id == "b1\\" || bot_id != \\""')).toBe(false);
  });

  it.each([
    ['an unknown field', 'tenant == "x"'],
    ['a type mismatch', 'position == "3"'],
    ['an unterminated literal', 'bot_id == "b1'],
    ['trailing input', 'bot_id == "b1" "b2"'],
    ['a bare field', 'bot_id'],
  ])('refuse %s', (_what, expression) => {
    expect(() => compileFilter(expression, fields)).toThrow(FilterExpressionError);
  });
});
