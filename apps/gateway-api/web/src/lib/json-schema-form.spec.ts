import { fieldsOf, labelOf, valuesOf } from './json-schema-form';

describe('forms generated from a channel type’s JSON Schema', () => {
  const whatsappCredentials = {
    type: 'object',
    properties: {
      accessToken: { type: 'string', minLength: 1 },
      appSecret: { type: 'string', minLength: 1 },
      verifyToken: { type: 'string', minLength: 1 },
    },
    required: ['accessToken', 'appSecret', 'verifyToken'],
    additionalProperties: false,
  };
  const viberSettings = {
    type: 'object',
    properties: {
      senderName: { type: 'string', minLength: 1, maxLength: 28 },
      senderAvatar: { type: 'string', format: 'uri' },
      templateName: { type: 'string', pattern: '^[a-z0-9_]{1,512}$' },
    },
  };

  it('asks for every credential, as a secret, required as the schema says', () => {
    const fields = fieldsOf(whatsappCredentials, 'credentials');
    expect(fields.map((f) => [f.path, f.label, f.input, f.required])).toEqual([
      ['credentials.accessToken', 'Access token', 'password', true],
      ['credentials.appSecret', 'App secret', 'password', true],
      ['credentials.verifyToken', 'Verify token', 'password', true],
    ]);
  });

  it('carries the schema’s constraints into settings inputs', () => {
    const fields = fieldsOf(viberSettings, 'settings');
    expect(fields).toEqual([
      expect.objectContaining({
        name: 'senderName',
        input: 'text',
        required: false,
        maxLength: 28,
      }),
      expect.objectContaining({ name: 'senderAvatar', input: 'url' }),
      expect.objectContaining({ name: 'templateName', pattern: '^[a-z0-9_]{1,512}$' }),
    ]);
  });

  it('has no fields for a type without a schema', () => {
    expect(fieldsOf(undefined, 'settings')).toEqual([]);
    expect(fieldsOf({ type: 'object', properties: {} }, 'credentials')).toEqual([]);
  });

  it('sends only what was filled in, trimmed', () => {
    const fields = fieldsOf(whatsappCredentials, 'credentials');
    const form = new Map<string, string>([
      ['credentials.accessToken', '  EAAG123  '],
      ['credentials.appSecret', ''],
    ]);
    const values = valuesOf(fields, { get: (key: string) => form.get(key) ?? null } as FormData);
    expect(values).toEqual({ accessToken: 'EAAG123' });
  });

  it('labels camelCase and snake_case names as words', () => {
    expect(labelOf('pageAccessToken')).toBe('Page access token');
    expect(labelOf('phone_number_id')).toBe('Phone number id');
    expect(labelOf('igUserId')).toBe('Ig user id');
  });
});
