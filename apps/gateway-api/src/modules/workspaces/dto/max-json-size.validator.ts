import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Caps a free-form JSON value so one workspace cannot store megabytes in a settings column. */
export const MaxJsonSize = (maxBytes: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxJsonSize',
      validator: {
        validate: (value: unknown) =>
          Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') <= maxBytes,
        defaultMessage: () => `must be at most ${maxBytes} bytes as JSON`,
      },
    },
    options,
  );
