import 'reflect-metadata';
import { HttpException, ValidationPipe } from '@nestjs/common';
import { VALIDATION_PIPE_OPTIONS, createValidationPipe } from '@cxgenie/bootstrap';
import { sampleAnswerRequest } from '@cxgenie/testing';
import { AnswerRequestDto } from './answer-request.dto';

/*
 * The answer request is core-ai's hottest body, and the DTO with the most nesting: the platform's
 * pipe, which takes a fast path for a body that plainly passes (ADR 0059), must answer every body
 * exactly as Nest's own pipe with the same options does. Checked on valid requests, on every
 * single-property mutation of them, and on random combinations of mutations.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const platform = createValidationPipe();
const nest = new ValidationPipe(VALIDATION_PIPE_OPTIONS);
const asBody = { type: 'body' as const, metatype: AnswerRequestDto, data: undefined };

/** What a pipe makes of a body (a copy, as it may edit it): the value as JSON, or the error. */
async function outcome(pipe: ValidationPipe, body: unknown) {
  const copy: unknown = body === undefined ? body : JSON.parse(JSON.stringify(body));
  try {
    const value = (await pipe.transform(copy, asBody)) as object;
    return {
      value: JSON.parse(JSON.stringify(value)) as unknown,
      dto: value instanceof AnswerRequestDto,
    };
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { status: error.getStatus(), body: error.getResponse() };
  }
}

/** Whether the platform pipe answered without Nest's full pipe. */
async function tookFastPath(body: unknown): Promise<boolean> {
  const full = jest.spyOn(ValidationPipe.prototype, 'transform');
  try {
    await outcome(platform, body);
    return full.mock.calls.length === 0;
  } finally {
    full.mockRestore();
  }
}

/** A full request as JSON: the spec edits it property by property. */
const valid = (): { [key: string]: Json } =>
  JSON.parse(JSON.stringify(sampleAnswerRequest())) as { [key: string]: Json };

const minimal = (): { [key: string]: Json } => {
  const request = valid();
  delete request.customerId;
  request.history = [];
  const bot = request.bot as { [key: string]: Json };
  bot.knowledge = {};
  delete bot.smallTalk;
  return request;
};

/** Values of every kind, at and past the DTO's limits. */
const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  0.5,
  2,
  2.5,
  50,
  51,
  100,
  101,
  100_000,
  100_001,
  3650,
  3651,
  0.01,
  0.009,
  '',
  'x',
  'en',
  'local',
  'llm',
  'NO_REPLY',
  'greeting',
  'customer',
  'not-a-uuid',
  '123e4567-e89b-12d3-a456-426614174000',
  'x'.repeat(101),
  'x'.repeat(1_001),
  'x'.repeat(5_001),
  'x'.repeat(20_001),
  [],
  ['greeting'],
  ['nope'],
  [{ role: 'bot', text: 'hi' }],
  Array.from({ length: 101 }, () => ({ role: 'bot', text: 'hi' })),
  {},
  { role: 'bot', text: 'hi', extra: 1 },
  { unknown: 1 },
];
const DELETE = Symbol('delete');

/** Every path to a property in `value`, plus one unknown property per object. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const own: (string | number)[][] = Array.isArray(value)
    ? value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])])
    : Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return Array.isArray(value) ? own : [...own, [...prefix, 'unexpected']];
}

function mutated(base: { [key: string]: Json }, path: (string | number)[], to: unknown) {
  const copy = JSON.parse(JSON.stringify(base)) as { [key: string]: Json };
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (to === DELETE) delete node[last];
  else node[last] = to;
  return copy;
}

describe('AnswerRequestDto through the platform validation pipe', () => {
  it.each([
    ['a full request', valid()],
    ['a minimal one', minimal()],
  ])('takes %s on the fast path, with every value as sent', async (_, request) => {
    expect(await tookFastPath(request)).toBe(true);
    expect(await outcome(platform, request)).toEqual({ value: request, dto: true });
  });

  it("answers every single-property mutation as Nest's pipe does", async () => {
    let refused = 0;
    let fast = 0;
    let checked = 0;
    for (const base of [valid(), minimal()]) {
      for (const path of paths(base)) {
        for (const to of [...ODD_VALUES, DELETE]) {
          const body = mutated(base, path, to);
          const ours = await outcome(platform, body);
          expect({ path: path.join('.'), to, ours }).toEqual({
            path: path.join('.'),
            to,
            ours: await outcome(nest, body),
          });
          checked += 1;
          if ('status' in ours) refused += 1;
          else if (await tookFastPath(body)) fast += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(2_000);
    // Most mutations are refused: the comparison covers the DTO's rules, not only valid input.
    expect(refused).toBeGreaterThan(checked / 2);
    // And valid mutations take the fast path: the comparison is not vacuous.
    expect(fast).toBeGreaterThan(checked / 20);
  }, 120_000);

  it("answers random combinations of mutations as Nest's pipe does", async () => {
    let seed = 20;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = [...ODD_VALUES, DELETE];
    let accepted = 0;
    for (let i = 0; i < 1_500; i++) {
      let body = random() < 0.5 ? valid() : minimal();
      const steps = 1 + Math.floor(random() * 3);
      for (let s = 0; s < steps; s++) {
        const all = paths(body);
        const path = all[Math.floor(random() * all.length)]!;
        body = mutated(body, path, values[Math.floor(random() * values.length)]);
      }
      const ours = await outcome(platform, body);
      expect(ours).toEqual(await outcome(nest, body));
      if (!('status' in ours)) accepted += 1;
    }
    expect(accepted).toBeGreaterThan(30);
  }, 120_000);

  it.each([['bot'], ['bot', 'knowledge'], ['bot', 'smallTalk'], ['bot', 'smallTalk', 'replies']])(
    'refuses an array where %s is one object (class-validator would validate it as a list)',
    async (...path) => {
      const ours = await outcome(platform, mutated(valid(), path, []));
      expect(ours).toMatchObject({ status: 400, body: { details: [{ field: path.join('.') }] } });
    },
  );
});
