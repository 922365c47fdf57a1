import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiValidationException, type FieldProblem } from './api-error';

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
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ApiValidationException(flatten(errors)),
  });
