import { Transform } from 'class-transformer';
import { ValidateIf, registerDecorator, type ValidationOptions } from 'class-validator';

/** Surrounding whitespace never carries meaning here and would defeat a minimum length. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * May be left out of a PATCH, but not set to null: unlike IsOptional, a null still gets validated,
 * because these columns are NOT NULL.
 */
export const Omittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** An object of at most `max` own keys, so free-form metadata cannot grow without bound. */
export function MaxKeys(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'maxKeys',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [max],
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && Object.keys(value).length <= max,
        defaultMessage: () => `must have at most ${max} keys`,
      },
    });
}

/** An ILIKE pattern matching `text` anywhere, with its own wildcards taken literally. */
export const containsPattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
