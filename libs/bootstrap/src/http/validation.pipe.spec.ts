import 'reflect-metadata';
import { HttpException, ValidationPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateIf,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { VALIDATION_PIPE_OPTIONS, createValidationPipe } from './validation.pipe';

class Dto {
  @IsUUID() workspaceId!: string;
  @IsString() @Length(1, 20) query!: string;
  @IsOptional() @IsInt() @Min(1) @Max(50) topK?: number;
  @IsOptional() @IsBoolean() hybrid?: boolean;
}

/** `@ValidateNested()` without `@Type()`: the pipe cannot know the nested class. */
class Nested {
  @ValidateNested() inner!: Dto;
}

class Entry {
  @IsIn(['customer', 'bot']) role!: string;
  @IsString() @MaxLength(5) text!: string;
}

class Settings {
  @IsOptional() @IsInt() @Min(1) topK?: number;
  @IsOptional() @IsArray() @IsIn(['x', 'y'], { each: true }) tags?: string[];
}

/** A transform changes the value the DTO gets: only the validation pipe applies it. */
class Trimmed {
  @IsString() @Transform(({ value }: { value: string }) => value.trim()) name!: string;
}

/** `@Type()` on a flat property converts it: only the validation pipe does. */
class Dated {
  @Type(() => Date) @IsDate() at!: Date;
}

/** Two DTOs in a cycle, one of which the pass cannot reproduce (a transform). */
class Ring {
  @IsOptional() @ValidateNested() @Type(() => Link) next?: object;
  @IsOptional() @IsString() @Transform(({ value }: { value: string }) => value) label?: string;
}
class Link {
  @IsOptional() @ValidateNested() @Type(() => Ring) back?: Ring;
}

/** A property validated only for one kind of body. */
class Conditional {
  @IsIn(['a', 'b']) kind!: string;
  @ValidateIf((o: Conditional) => o.kind === 'a') @IsInt() x?: unknown;
}

/** Nested DTOs: an array of them, a required one and an optional one. */
class Outer {
  @IsUUID() id!: string;
  @IsArray() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => Entry) history!: Entry[];
  @IsObject() @ValidateNested() @Type(() => Settings) settings!: Settings;
  @IsOptional() @ValidateNested() @Type(() => Settings) spare?: Settings;
}

const ID = '00000000-0000-4000-8000-000000000001';
const valid: unknown[] = [
  { workspaceId: ID, query: 'reset' },
  { workspaceId: ID, query: 'x'.repeat(20), topK: 50, hybrid: false },
  { workspaceId: ID, query: 'a', topK: null, hybrid: undefined },
  { workspaceId: ID.toUpperCase(), query: '😀'.repeat(20) }, // 20 characters, 40 code units
  { workspaceId: ID, query: '\uFE0F' }, // a lone variation selector, as class-validator counts it
];
const invalid: unknown[] = [
  {},
  { workspaceId: ID },
  { workspaceId: 'not-a-uuid', query: 'reset' },
  { workspaceId: ID, query: '' },
  { workspaceId: ID, query: 'x'.repeat(21) },
  { workspaceId: ID, query: 5 },
  { workspaceId: ID, query: ['reset'] },
  { workspaceId: ID, query: 'reset', topK: 0 },
  { workspaceId: ID, query: 'reset', topK: 51 },
  { workspaceId: ID, query: 'reset', topK: 2.5 },
  { workspaceId: ID, query: 'reset', topK: '5' },
  { workspaceId: ID, query: 'reset', hybrid: 'yes' },
  { workspaceId: ID, query: 'reset', extra: 1 },
  { workspaceId: ID, query: 'reset', nested: { a: 1 } },
  // Nest's pipe strips `__proto__` keys from the body it is given (and then accepts it).
  JSON.parse(`{"workspaceId":"${ID}","query":"reset","__proto__":{"topK":1}}`),
  null,
  'reset',
  [],
];

const outer = (changes: Record<string, unknown> = {}): unknown => ({
  id: ID,
  history: [
    { role: 'customer', text: 'hi' },
    { role: 'bot', text: '' },
  ],
  settings: { topK: 3, tags: ['x', 'y'] },
  ...changes,
});
const validOuter: unknown[] = [
  outer(),
  outer({ history: [], settings: {} }),
  outer({ spare: { tags: [] } }),
  outer({ spare: null }),
];
const invalidOuter: unknown[] = [
  outer({ history: [{ role: 'agent', text: 'hi' }] }),
  outer({ history: [{ role: 'bot', text: 'too long' }] }),
  outer({ history: [{ role: 'bot', text: 'hi', extra: 1 }] }),
  outer({ history: [{ role: 'bot' }] }),
  outer({ history: ['hi'] }),
  outer({ history: [[{ role: 'bot', text: 'hi' }]] }),
  outer({ history: [null] }),
  outer({ history: { role: 'bot', text: 'hi' } }),
  outer({ history: [1, 2, 3].map(() => ({ role: 'bot', text: 'hi' })) }),
  outer({ settings: undefined }),
  outer({ settings: null }),
  outer({ settings: 'x' }),
  // class-validator takes a list of nested objects wherever it nests: @IsObject() says one.
  outer({ settings: [] }),
  outer({ settings: { topK: 0 } }),
  outer({ settings: { tags: ['z'] } }),
  outer({ settings: { tags: 'x' } }),
  outer({ settings: { tags: [['x']] } }),
  outer({ settings: { unknown: true } }),
  outer({ spare: { topK: 'three' } }),
  outer({ id: 'nope' }),
];

/** A new copy of a test body as JSON.parse gives it: the platform pipe edits the body it gets. */
const fresh = (body: unknown): unknown =>
  body === undefined ? body : JSON.parse(JSON.stringify(body));

type DtoClass = new () => object;
const asBody = (metatype: DtoClass) => ({ type: 'body' as const, metatype, data: undefined });
/** The platform's pipe, and Nest's own with the same options (no fast path) to hold it to. */
const subject = createValidationPipe();
const reference = new ValidationPipe(VALIDATION_PIPE_OPTIONS);

/** What a pipe makes of a body: the DTO it returns, or the error it answers. */
async function outcome(pipe: ValidationPipe, dto: DtoClass, body: unknown) {
  try {
    const value = (await pipe.transform(body, asBody(dto))) as object;
    // Compared as JSON: on the fast path nested objects stay plain, with the same values.
    return { value: JSON.parse(JSON.stringify(value)) as unknown, dto: value instanceof dto };
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { status: error.getStatus(), body: error.getResponse() };
  }
}

/** How many of the bodies the platform pipe answered without Nest's full pipe. */
async function fastPathTaken(dto: DtoClass, bodies: unknown[]): Promise<number> {
  const full = jest.spyOn(ValidationPipe.prototype, 'transform');
  let fast = 0;
  try {
    for (const body of bodies) {
      const before = full.mock.calls.length;
      await outcome(subject, dto, fresh(body));
      if (full.mock.calls.length === before) fast += 1;
    }
  } finally {
    full.mockRestore();
  }
  return fast;
}

describe('the platform validation pipe', () => {
  it.each([...valid, ...invalid].map((body) => [JSON.stringify(body), body]))(
    "answers %s exactly as Nest's validation pipe does",
    async (_, body) => {
      expect(await outcome(subject, Dto, fresh(body))).toEqual(
        await outcome(reference, Dto, fresh(body)),
      );
    },
  );

  it('takes the fast path for valid bodies and the full pipe for every other', async () => {
    expect(await fastPathTaken(Dto, valid)).toBe(valid.length);
    expect(await fastPathTaken(Dto, invalid)).toBe(0);
    expect(await outcome(subject, Dto, { workspaceId: ID, query: 'reset', topK: 0 })).toMatchObject(
      {
        status: 400,
        body: { details: [{ field: 'topK', message: 'must not be less than 1' }] },
      },
    );
  });

  it.each([...validOuter, ...invalidOuter].map((body) => [JSON.stringify(body), body]))(
    "answers the nested %s exactly as Nest's validation pipe does",
    async (_, body) => {
      expect(await outcome(subject, Outer, fresh(body))).toEqual(
        await outcome(reference, Outer, fresh(body)),
      );
    },
  );

  it('takes the fast path for valid nested bodies and the full pipe for every other', async () => {
    expect(await fastPathTaken(Outer, validOuter)).toBe(validOuter.length);
    expect(await fastPathTaken(Outer, invalidOuter)).toBe(0);
  });

  it('leaves a nested DTO without @Type() to the full pipe', async () => {
    expect(await fastPathTaken(Nested, [{ inner: { workspaceId: ID, query: 'reset' } }])).toBe(0);
  });

  it('leaves a DTO with a class-transformer transform to the full pipe, which applies it', async () => {
    expect(await fastPathTaken(Trimmed, [{ name: '  Ada  ' }])).toBe(0);
    expect(await outcome(subject, Trimmed, { name: '  Ada  ' })).toEqual({
      value: { name: 'Ada' },
      dto: true,
    });
  });

  it('leaves a DTO that converts a flat property with @Type() to the full pipe', async () => {
    const at = '2026-12-07T17:00:00.000Z';
    expect(await fastPathTaken(Dated, [{ at }])).toBe(0);
    expect(await outcome(subject, Dated, { at })).toEqual({ value: { at }, dto: true });
    expect(((await subject.transform({ at }, asBody(Dated))) as Dated).at).toBeInstanceOf(Date);
  });

  it('validates only bodies on the fast path: a query or a route parameter takes the full pipe', async () => {
    const full = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      await subject.transform(
        { workspaceId: ID, query: 'reset' },
        {
          type: 'query',
          metatype: Dto,
          data: undefined,
        },
      );
      expect(full).toHaveBeenCalledTimes(1);
    } finally {
      full.mockRestore();
    }
  });

  it('answers DTOs in a cycle as Nest does, though one of them cannot be compiled', async () => {
    const body = { next: { back: { label: 'x', next: {} } } };
    // Through Link first, so Ring's check is captured before Ring fails to compile.
    expect(await outcome(subject, Link, { back: body })).toEqual(
      await outcome(reference, Link, { back: body }),
    );
    expect(await outcome(subject, Ring, body)).toEqual(await outcome(reference, Ring, body));
  });

  it('copies a value a condition skipped as Nest does', async () => {
    const body = JSON.parse('{"kind":"b","x":{"__proto__":{"admin":true},"k":1}}') as unknown;
    const ours = await outcome(subject, Conditional, body);
    expect(ours).toEqual(await outcome(reference, Conditional, body));
    const value = (await subject.transform(fresh(body), asBody(Conditional))) as { x: object };
    expect(Object.keys(value.x)).toEqual(['k']);
  });
});
