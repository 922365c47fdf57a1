import {
  CORE_AI_ANSWER_PATH,
  CORE_AI_EMBED_PATH,
  CORE_AI_SEARCH_PATH,
  SERVICE_TOKEN_HEADER,
} from '@cxgenie/contracts';
import { type BootedService, bootService, serviceTokenHeaders } from '@cxgenie/testing';
import { coreAiService } from './core-ai.service';

describe("core-ai's API is internal", () => {
  let coreAi: BootedService;

  beforeAll(async () => {
    coreAi = await bootService(coreAiService);
  });

  afterAll(() => coreAi.close());

  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${coreAi.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ texts: ['hello'] }),
    });

  it.each([CORE_AI_SEARCH_PATH, CORE_AI_ANSWER_PATH, CORE_AI_EMBED_PATH])(
    '%s refuses a caller without the service token',
    async (path) => {
      const anonymous = await post(path, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).toContain(SERVICE_TOKEN_HEADER);
      expect((await post(path, { [SERVICE_TOKEN_HEADER]: 'guessed' })).status).toBe(401);
      // With the token the request reaches the route: validated, answered, never refused.
      expect((await post(path, serviceTokenHeaders())).status).not.toBe(401);
    },
  );

  it('answers an embedding for a caller with the token', async () => {
    const res = await post(CORE_AI_EMBED_PATH, serviceTokenHeaders());
    expect(res.status).toBe(200);
    expect(((await res.json()) as { vectors: number[][] }).vectors).toHaveLength(1);
  });
});
