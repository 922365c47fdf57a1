/** The part of JSON Schema (draft 7) a channel's settings and credentials schemas use. */
export interface ObjectSchema {
  type?: string;
  properties?: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties?: unknown;
}

interface PropertySchema {
  type?: string | string[];
  description?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
  enum?: string[];
}

export interface FormField {
  /** The body path the API names in its errors: `credentials.botToken`. */
  path: string;
  name: string;
  label: string;
  required: boolean;
  input: 'text' | 'password' | 'url' | 'number' | 'select';
  options?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  hint?: string;
}

/** `pageAccessToken` → "Page access token". */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One form field per property of the schema, in the schema's order. Secrets (every credential)
 * are password inputs, never echoed; the schema's own constraints become the input's, so the
 * browser catches what the API would refuse, and the API's message still shows at the field.
 */
export function fieldsOf(
  schema: ObjectSchema | undefined,
  root: 'credentials' | 'settings',
): FormField[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => {
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    const input: FormField['input'] = property.enum
      ? 'select'
      : root === 'credentials'
        ? 'password'
        : property.format === 'uri'
          ? 'url'
          : type === 'number' || type === 'integer'
            ? 'number'
            : 'text';
    return {
      path: `${root}.${name}`,
      name,
      label: labelOf(name),
      required: required.has(name),
      input,
      ...(property.enum ? { options: property.enum } : {}),
      ...(property.pattern ? { pattern: property.pattern } : {}),
      ...(property.minLength !== undefined ? { minLength: property.minLength } : {}),
      ...(property.maxLength !== undefined ? { maxLength: property.maxLength } : {}),
      ...(property.description ? { hint: property.description } : {}),
    };
  });
}

/** The form's values for one root, leaving out what was left empty (the API merges on PATCH). */
export function valuesOf(fields: FormField[], form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = String(form.get(field.path) ?? '').trim();
    if (value !== '') values[field.name] = value;
  }
  return values;
}
