import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import {
  ApiClient,
  type BootedService,
  bootService,
  type SessionBody,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const PASSWORD = 'correct horse battery staple';

describe('auth', () => {
  let gateway: BootedService;
  let anonymous: ApiClient;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    anonymous = new ApiClient(gateway.url);
  });
  afterAll(() => gateway.close());

  const signUp = async (email = `u-${randomBytes(4).toString('hex')}@example.test`) => {
    const res = await anonymous.post<SessionBody>('/api/v1/auth/signup', {
      email,
      password: PASSWORD,
      name: 'U',
      workspaceName: 'W',
    });
    expect(res.status).toBe(201);
    return { email, session: res.body };
  };

  it('signs up an owner of a new workspace and logs them in', async () => {
    const { email, session } = await signUp();
    expect(session).toMatchObject({
      tokenType: 'Bearer',
      role: 'owner',
      accessTokenExpiresIn: 900,
    });
    const login = await anonymous.post<SessionBody>('/api/v1/auth/login', {
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.workspaceId).toBe(session.workspaceId);
    const me = await anonymous
      .withBearer(login.body.accessToken)
      .get<{ user: { email: string }; role: string }>('/api/v1/auth/me');
    expect(me.body).toMatchObject({ role: 'owner', user: { email } });
  });

  it('refuses a duplicate email, naming the field, and keeps the first account', async () => {
    const { email } = await signUp();
    const again = await anonymous.post('/api/v1/auth/signup', {
      email,
      password: 'another password 123',
      name: 'X',
      workspaceName: 'Y',
    });
    expect(again.status).toBe(409);
    expect(again.body['details']).toEqual([{ field: 'email', message: 'is already registered' }]);
    expect((await anonymous.post('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(
      200,
    );
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const { email } = await signUp();
    const wrong = await anonymous.post('/api/v1/auth/login', {
      email,
      password: 'not the password',
    });
    const unknown = await anonymous.post('/api/v1/auth/login', {
      email: `nobody-${email}`,
      password: 'whatever',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body['message']).toBe(unknown.body['message']);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const { session } = await signUp();
    const first = await anonymous.post<SessionBody>('/api/v1/auth/refresh', {
      refreshToken: session.refreshToken,
    });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);

    const replay = await anonymous.post('/api/v1/auth/refresh', {
      refreshToken: session.refreshToken,
    });
    expect(replay.status).toBe(401);
    expect(replay.body['message']).toMatch(/already used/);
    // The attacker's replay also killed the legitimate holder's newer token.
    const legit = await anonymous.post('/api/v1/auth/refresh', {
      refreshToken: first.body.refreshToken,
    });
    expect(legit.status).toBe(401);
  });

  it('logs out by revoking the refresh token family', async () => {
    const { session } = await signUp();
    expect(
      (await anonymous.post('/api/v1/auth/logout', { refreshToken: session.refreshToken })).status,
    ).toBe(204);
    expect(
      (await anonymous.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status,
    ).toBe(401);
  });

  it('rejects expired, forged and malformed access tokens', async () => {
    const { session } = await signUp();
    const jwt = gateway.app.get(JwtService);
    const claims = { typ: 'access', sub: 'x', wid: session.workspaceId, role: 'owner' };
    const expired = await jwt.signAsync(claims, { expiresIn: -10 });
    const forged = new JwtService({ secret: 'someone-elses-secret-that-is-long-enough' }).sign(
      claims,
    );
    for (const token of [expired, forged, 'garbage', `${session.accessToken}x`]) {
      const res = await anonymous.withBearer(token).get('/api/v1/auth/me');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', details: [] });
    }
  });

  it('enforces roles: an agent may read but not administer', async () => {
    const { session } = await signUp();
    const agent = await signInAsNewMember(gateway, session.workspaceId, 'agent');
    expect((await agent.get('/api/v1/conversations')).status).toBe(200);
    const denied = await agent.get('/api/v1/system/check');
    expect(denied.status).toBe(403);
    expect(denied.body['message']).toBe('This route requires the admin role');
  });

  it('rate-limits login attempts per address and account, across instances', async () => {
    const { email } = await signUp();
    const second = await bootService(gatewayApiService);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const target = i % 2 === 0 ? anonymous : new ApiClient(second.url);
        statuses.push(
          (await target.post('/api/v1/auth/login', { email, password: 'wrong password' })).status,
        );
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Another account from the same address is not locked out by it.
      const { email: other } = await signUp();
      expect(
        (await anonymous.post('/api/v1/auth/login', { email: other, password: PASSWORD })).status,
      ).toBe(200);
    } finally {
      await second.close();
    }
  });
});
