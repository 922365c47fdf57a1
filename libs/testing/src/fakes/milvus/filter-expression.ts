/*
 * The subset of Milvus' boolean expression language the fake evaluates: comparisons of a field with
 * a literal (`==`, `!=`, `<`, `<=`, `>`, `>=`), `in` / `not in` lists, `&&`/`and`, `||`/`or`,
 * `not`/`!` and parentheses. String literals take single or double quotes with backslash escapes,
 * as Milvus' parser does. Anything else is a parse error, as it would be on a real server.
 */

export type ScalarValue = string | bigint | number | boolean;
export type FieldKind = 'string' | 'integer' | 'float' | 'bool';
export type RowPredicate = (row: ReadonlyMap<string, ScalarValue>) => boolean;

export class FilterExpressionError extends Error {
  override readonly name = 'FilterExpressionError';
}

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'end' };

const OPERATORS = ['==', '!=', '>=', '<=', '&&', '||', '>', '<', '!', '(', ')', '[', ']', ','];
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start];
  let value = '';
  for (let i = start + 1; i < source.length; i += 1) {
    const char = source[i];
    if (char === quote) return { value, end: i + 1 };
    if (char === '\\') {
      const escaped = ESCAPES[source[i + 1] ?? ''];
      if (escaped === undefined) throw new FilterExpressionError(`bad escape at ${i}`);
      value += escaped;
      i += 1;
    } else value += char;
  }
  throw new FilterExpressionError('unterminated string literal');
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"' || char === "'") {
      const { value, end } = readString(source, i);
      tokens.push({ kind: 'string', value });
      i = end;
    } else if (/[0-9-]/.test(char)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!match) throw new FilterExpressionError(`unexpected '${char}' at ${i}`);
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', text: match[0] });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new FilterExpressionError(`unexpected '${char}' at ${i}`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

const compare = (left: ScalarValue, right: ScalarValue): number => {
  if (typeof left === 'bigint' || typeof right === 'bigint') {
    const a = typeof left === 'bigint' ? left : BigInt(left as number);
    const b = typeof right === 'bigint' ? right : BigInt(right as number);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  return left === right ? 0 : (left as number | string) < (right as number | string) ? -1 : 1;
};

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: ReadonlyMap<string, FieldKind>,
  ) {}

  parse(): RowPredicate {
    const predicate = this.or();
    if (this.peek().kind !== 'end') throw new FilterExpressionError('unexpected trailing input');
    return predicate;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  private acceptOp(...texts: string[]): boolean {
    const token = this.peek();
    if (token.kind === 'op' && texts.includes(token.text)) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token.kind === 'ident' && token.text.toLowerCase() === word) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private expectOp(text: string): void {
    if (!this.acceptOp(text)) throw new FilterExpressionError(`expected '${text}'`);
  }

  private or(): RowPredicate {
    let left = this.and();
    while (this.acceptOp('||') || this.acceptWord('or')) {
      const [a, b] = [left, this.and()];
      left = (row) => a(row) || b(row);
    }
    return left;
  }

  private and(): RowPredicate {
    let left = this.unary();
    while (this.acceptOp('&&') || this.acceptWord('and')) {
      const [a, b] = [left, this.unary()];
      left = (row) => a(row) && b(row);
    }
    return left;
  }

  private unary(): RowPredicate {
    if (this.acceptOp('!') || this.acceptWord('not')) {
      const inner = this.unary();
      return (row) => !inner(row);
    }
    if (this.acceptOp('(')) {
      const inner = this.or();
      this.expectOp(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): RowPredicate {
    const token = this.next();
    if (token.kind !== 'ident') throw new FilterExpressionError('expected a field name');
    const kind = this.fields.get(token.text);
    if (!kind) throw new FilterExpressionError(`field ${token.text} not exist`);
    const field = token.text;
    const negatedIn = this.acceptWord('not');
    if (this.acceptWord('in')) {
      const values = this.list(kind);
      return (row) =>
        values.some((value) => compare(row.get(field) as ScalarValue, value) === 0) !== negatedIn;
    }
    if (negatedIn) throw new FilterExpressionError("expected 'in' after 'not'");
    const op = this.next();
    if (op.kind !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(op.text))
      throw new FilterExpressionError(`expected a comparison after ${field}`);
    const value = this.literal(kind);
    const test: Record<string, (order: number) => boolean> = {
      '==': (order) => order === 0,
      '!=': (order) => order !== 0,
      '<': (order) => order < 0,
      '<=': (order) => order <= 0,
      '>': (order) => order > 0,
      '>=': (order) => order >= 0,
    };
    const accepts = test[op.text];
    return (row) => accepts(compare(row.get(field) as ScalarValue, value));
  }

  private list(kind: FieldKind): ScalarValue[] {
    this.expectOp('[');
    const values: ScalarValue[] = [];
    if (this.acceptOp(']')) return values;
    do values.push(this.literal(kind));
    while (this.acceptOp(','));
    this.expectOp(']');
    return values;
  }

  /** Milvus type-checks literals against the field; a string never equals an integer field. */
  private literal(kind: FieldKind): ScalarValue {
    const token = this.next();
    if (kind === 'string' && token.kind === 'string') return token.value;
    if (kind === 'integer' && token.kind === 'number' && !token.text.includes('.'))
      return BigInt(token.text);
    if (kind === 'float' && token.kind === 'number') return Number(token.text);
    if (kind === 'bool' && token.kind === 'ident' && ['true', 'false'].includes(token.text))
      return token.text === 'true';
    throw new FilterExpressionError(`literal does not match the ${kind} field it is compared with`);
  }
}

/** Compiles an expression against a collection's scalar fields; throws on any syntax it lacks. */
export function compileFilter(
  expression: string,
  fields: ReadonlyMap<string, FieldKind>,
): RowPredicate {
  if (expression.trim() === '') return () => true;
  return new Parser(tokenize(expression), fields).parse();
}
