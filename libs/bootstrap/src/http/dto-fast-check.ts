import { TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { ValidationTypes, getMetadataStorage } from 'class-validator';

// class-transformer exports no API to read @Type() and ships no types for its storage module;
// @nestjs/mapped-types reads the same module the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

type Body = Record<string, unknown>;
type Dto = new () => object;
/** Whether a JSON body passes every constraint of a DTO: true only when it surely does. */
export type BodyCheck = (body: Body) => boolean;
const refuse: BodyCheck = () => false;

interface PropertyCheck {
  property: string;
  /** `@IsOptional()` and the like: when one is false, the property is not validated. */
  conditions: ((object: object, value: unknown) => boolean)[];
  validators: {
    validate: (value: unknown, args: object) => unknown;
    constraints: unknown[];
    each: boolean;
  }[];
  /** `@ValidateNested()` with `@Type(() => Class)`: the nested DTO's own check. */
  nested: (() => BodyCheck) | null;
}

const isPrimitive = (value: unknown): boolean =>
  value === null || (typeof value !== 'object' && typeof value !== 'function');

/** An object as JSON.parse makes it, nothing else: a class instance or a null prototype is not. */
export const isPlainObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A JSON value the transform leaves as it is: a primitive or an array of primitives. */
const isFlat = (value: unknown): boolean =>
  isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive));

/** The class `@Type()` names for a nested property, or null when there is none or a discriminator. */
function nestedClass(dto: Dto, property: string): Dto | null {
  const type = defaultMetadataStorage.findTypeMetadata(dto, property);
  if (!type || type.options?.discriminator) return null;
  const target = type.typeFunction() as unknown;
  return typeof target === 'function' ? (target as Dto) : null;
}

/** Whether class-transformer would change anything of the DTO's properties but nesting. */
const transformsValues = (dto: Dto, properties: string[]): boolean =>
  defaultMetadataStorage.getExposedMetadatas(dto).length > 0 ||
  defaultMetadataStorage.getExcludedMetadatas(dto).length > 0 ||
  properties.some(
    (property) =>
      defaultMetadataStorage.findTransformMetadatas(
        dto,
        property,
        TransformationType.PLAIN_TO_CLASS,
      ).length > 0,
  );

/**
 * The DTO's own constraints as one pass over a plain JSON body, nested DTOs included, or null when
 * the DTO uses anything this pass does not reproduce (groups, async constraints, `@IsDefined`,
 * promises, a nested property without `@Type`, class-transformer exposure or transforms): then
 * every body takes the validation pipe.
 */
function compile(dto: Dto, compiled: Map<Dto, BodyCheck | null>): BodyCheck | null {
  if (compiled.has(dto)) return compiled.get(dto)!;
  // A DTO that contains itself is checked lazily through this slot, filled in below.
  let check: BodyCheck | null = null;
  compiled.set(dto, (body) => check !== null && check(body));
  check = compileOwn(dto, compiled);
  compiled.set(dto, check);
  return check;
}

function compileOwn(dto: Dto, compiled: Map<Dto, BodyCheck | null>): BodyCheck | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(dto, '', false, false, undefined);
  if (metadatas.length === 0) return null;
  const checks: PropertyCheck[] = [];
  for (const [property, list] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const check: PropertyCheck = { property, conditions: [], validators: [], nested: null };
    for (const metadata of list) {
      if ((metadata.groups?.length ?? 0) > 0) return null;
      if (metadata.type === ValidationTypes.WHITELIST) continue;
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        check.conditions.push(metadata.constraints[0] as PropertyCheck['conditions'][number]);
      } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) return null;
          const instance = constraint.instance as {
            validate: PropertyCheck['validators'][0]['validate'];
          };
          check.validators.push({
            validate: instance.validate.bind(instance),
            constraints: metadata.constraints,
            each: metadata.each === true,
          });
        }
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
        const target = nestedClass(dto, property);
        if (!target || !compile(target, compiled)) return null;
        // Through the map: a DTO in a cycle is compiled by the time a body reaches it, or failed
        // (null), and then no body takes the fast path.
        check.nested = () => compiled.get(target) ?? refuse;
      } else {
        return null;
      }
    }
    checks.push(check);
  }
  if (transformsValues(dto, Object.keys(storage.groupByPropertyName(metadatas)))) return null;
  // `@Type()` on a flat property converts its value (a Date, a Number): only the transform does that.
  if (checks.some((c) => !c.nested && defaultMetadataStorage.findTypeMetadata(dto, c.property)))
    return null;
  const known = new Set(checks.map((c) => c.property));
  const nestedPasses = (nested: BodyCheck, value: unknown): boolean =>
    // class-validator validates each element of an array under `@ValidateNested()`.
    Array.isArray(value)
      ? value.every((element) => isPlainObject(element) && nested(element))
      : isPlainObject(value) && nested(value);
  return (body) => {
    for (const key of Object.keys(body)) if (!known.has(key)) return false;
    for (const { property, conditions, validators, nested } of checks) {
      const value = body[property];
      // Skipped by a condition, a value is still copied by the transform (which drops a
      // `__proto__` key deep inside): only a flat one is the same either way.
      if (conditions.some((condition) => !condition(body, value))) {
        if (!isFlat(value)) return false;
        continue;
      }
      if (nested ? !nestedPasses(nested(), value) : !isFlat(value)) return false;
      for (const { validate, constraints, each } of validators) {
        const args = { targetName: dto.name, property, object: body, value, constraints };
        const passes =
          each && Array.isArray(value)
            ? value.every((element) => validate(element, args) === true)
            : validate(value, args) === true;
        if (!passes) return false;
      }
    }
    return true;
  };
}

const compiledChecks = new Map<Dto, BodyCheck | null>();

/**
 * The DTO's constraints as one pass over a plain JSON body (the same class-validator constraint
 * functions, nested DTOs included, without building the validation error tree), compiled once per
 * DTO; null when the DTO uses something the pass does not reproduce. It answers true only for a
 * body the DTO surely accepts unchanged; any other body, valid or not, is for the validation pipe.
 */
export const dtoFastCheck = (dto: Dto): BodyCheck | null => compile(dto, compiledChecks);
