import { randomBytes } from 'node:crypto';
import type { MemberRole } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { PasswordHasher } from '../core-modules/auth/password-hasher';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface SessionBody {
  accessToken: string;
  refreshToken: string;
  workspaceId: string;
  role: string;
}

/** A dashboard user talking to a booted gateway-api over real HTTP, as the dashboard would. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
    readonly session?: SessionBody,
  ) {}

  /** Signs up a fresh account and workspace and returns a client authenticated as its owner. */
  static async signUp(
    baseUrl: string,
    name = `user-${randomBytes(4).toString('hex')}`,
  ): Promise<ApiClient> {
    const email = `${name}@example.test`;
    const anonymous = new ApiClient(baseUrl);
    const res = await anonymous.post<SessionBody>('/api/v1/auth/signup', {
      email,
      password: 'correct horse battery staple',
      name,
      workspaceName: `${name} workspace`,
    });
    if (res.status !== 201)
      throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return anonymous.withBearer(res.body.accessToken, res.body);
  }

  withBearer(token: string, session?: SessionBody): ApiClient {
    return new ApiClient(this.baseUrl, { authorization: `Bearer ${token}` }, session);
  }

  withApiKey(key: string): ApiClient {
    return new ApiClient(this.baseUrl, { 'x-api-key': key });
  }

  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.headers,
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  }
}

/**
 * Adds a member with the given role to a workspace (as an accepted invitation would) and returns
 * a client logged in as them through the real login route.
 */
export async function signInAsNewMember(
  gateway: { url: string; app: { get<T>(token: unknown): T } },
  workspaceId: string,
  role: MemberRole,
): Promise<ApiClient> {
  const tenants = gateway.app.get<TenantConnections>(TenantConnections);
  const hasher = gateway.app.get<PasswordHasher>(PasswordHasher);
  const email = `member-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'another correct horse battery';
  const user = await tenants.control.User.create({
    email,
    name: `${role} member`,
    passwordHash: await hasher.hash(password),
  });
  await tenants.control.WorkspaceMember.create({ workspaceId, userId: user.id, role });
  const res = await new ApiClient(gateway.url).post<SessionBody>('/api/v1/auth/login', {
    email,
    password,
    workspaceId,
  });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(gateway.url).withBearer(res.body.accessToken, res.body);
}
