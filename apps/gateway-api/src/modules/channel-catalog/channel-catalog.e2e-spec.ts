import { ApiClient, type BootedService, bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface JsonSchema {
  properties?: Record<string, { type?: string; pattern?: string; format?: string }>;
  required?: string[];
}
interface ChannelType {
  type: string;
  label: string;
  webhookSetup: string;
  credentialsSchema: JsonSchema;
  settingsSchema: JsonSchema;
}

describe('channel types: the adapters’ own schemas, for forms', () => {
  let gateway: BootedService;
  let owner: ApiClient;
  let types: ChannelType[];

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService, {
      PUBLIC_WEBHOOK_BASE_URL: 'https://hooks.example.test/',
    });
    owner = await ApiClient.signUp(gateway.url);
    const res = await owner.get<{ items: ChannelType[]; webhookBaseUrl: string }>(
      '/api/v1/channel-types',
    );
    expect(res.status).toBe(200);
    expect(res.body.webhookBaseUrl).toBe('https://hooks.example.test');
    types = res.body.items;
  });

  afterAll(() => gateway?.close());

  const typeOf = (type: string) => types.find((t) => t.type === type)!;

  it('describes every channel type, with how its webhook gets set up', () => {
    expect(types.map((t) => [t.type, t.webhookSetup])).toEqual([
      ['messenger', 'paste-in-meta-app'],
      ['whatsapp', 'paste-in-meta-app'],
      ['telegram', 'registered-by-us'],
      ['instagram', 'paste-in-meta-app'],
      ['viber', 'registered-by-us'],
      ['email', 'none'],
      ['web', 'none'],
    ]);
    expect(typeOf('web').credentialsSchema).toMatchObject({ properties: {} });
  });

  it('carries the adapters’ constraints: Telegram’s token pattern, Viber’s avatar URL', () => {
    const telegram = typeOf('telegram').credentialsSchema;
    expect(telegram.required).toEqual(['botToken']);
    expect(
      new RegExp(telegram.properties!.botToken!.pattern!).test('123:AAEhBOweik9ai2o4UBzQd7yHXRq'),
    ).toBe(true);
    expect(typeOf('viber').settingsSchema.properties!.senderAvatar!.format).toBe('uri');
    expect(typeOf('whatsapp').settingsSchema.required).toEqual(
      expect.arrayContaining(['phoneNumberId', 'wabaId', 'templateName', 'templateLanguage']),
    );
  });

  it('asks for exactly what the channels API requires: an empty form is refused at each required field', async () => {
    for (const type of ['messenger', 'whatsapp', 'telegram', 'instagram', 'viber']) {
      const schema = typeOf(type);
      const res = await owner.post<{ details: { field: string }[] }>('/api/v1/channels', {
        type,
        name: `${type} channel`,
        credentials: {},
        settings: {},
      });
      expect(res.status).toBe(400);
      const refused = new Set(res.body.details.map((d) => d.field));
      const required = [
        ...(schema.credentialsSchema.required ?? []).map((f) => `credentials.${f}`),
        ...(schema.settingsSchema.required ?? []).map((f) => `settings.${f}`),
      ];
      expect([...refused].sort()).toEqual(required.sort());
    }
  });

  it('is for signed-in members only', async () => {
    const res = await new ApiClient(gateway.url).get('/api/v1/channel-types');
    expect(res.status).toBe(401);
  });
});
