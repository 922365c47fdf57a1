import {
  type ArgumentMetadata,
  ValidationPipe,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { ApiValidationException, type FieldProblem } from './api-error';
import { dtoFastCheck, isPlainObject } from './dto-fast-check';

const flatten = (errors: ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator prefixes messages with the property name; the field is already named.
      message: message.startsWith(`${error.property} `)
        ? message.slice(error.property.length + 1)
        : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/**
 * Unknown properties are rejected rather than silently dropped, so a typo in a field name is an
 * error the caller sees, not a setting that quietly did nothing.
 */
export const VALIDATION_PIPE_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors) => new ApiValidationException(flatten(errors)),
};

/**
 * Nest's validation pipe with a fast path for request bodies: a plain JSON body that passes its
 * DTO's compiled check (dtoFastCheck) becomes the DTO at once, without class-transformer's copy
 * and class-validator's error tree, which cost a hot internal route (core-ai's answer and search)
 * about a tenth of its CPU. Every other body, valid or not, takes the full pipe, so errors are
 * its own, word for word (400, message, each field). On the fast path nested objects stay plain
 * objects with the same values, where the transform would make them instances of their `@Type`
 * classes: code reads them through their interfaces.
 */
export class PlatformValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_PIPE_OPTIONS);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype as (new () => object) | undefined;
    if (metadata.type === 'body' && dto && isPlainObject(value) && dtoFastCheck(dto)?.(value)) {
      return Object.assign(new dto(), value);
    }
    return super.transform(value, metadata);
  }
}

export const createValidationPipe = (): ValidationPipe => new PlatformValidationPipe();
