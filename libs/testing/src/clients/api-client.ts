import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { QueryTypes, Sequelize } from 'sequelize';
import type { MemberRole } from '@cxgenie/contracts';
import { TEST_DATABASE_URL } from '../test-env';

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

/** A dashboard user talking to a running gateway-api over real HTTP, as the dashboard would. */
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

  /** A multipart/form-data POST (fetch sets the boundary). */
  async postForm<T = Record<string, unknown>>(path: string, form: FormData) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: this.headers,
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  }

  /** The raw response, for routes that answer with bytes. */
  fetchRaw(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: this.headers });
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
 * a client logged in as them through the real login route. The gateway may run in this process
 * or another: the member is written to the test database directly.
 */
export async function signInAsNewMember(
  gateway: { url: string },
  workspaceId: string,
  role: MemberRole,
): Promise<ApiClient> {
  const email = `member-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'another correct horse battery';
  const db = new Sequelize(TEST_DATABASE_URL, { logging: false });
  try {
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
    const [user] = await db.query<{ id: string }>(
      'INSERT INTO users (email, name, password_hash) VALUES (:email, :name, :passwordHash) RETURNING id',
      { replacements: { email, name: `${role} member`, passwordHash }, type: QueryTypes.SELECT },
    );
    await db.query(
      'INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (:workspaceId, :userId, :role)',
      { replacements: { workspaceId, userId: user!.id, role } },
    );
  } finally {
    await db.close();
  }
  const res = await new ApiClient(gateway.url).post<SessionBody>('/api/v1/auth/login', {
    email,
    password,
    workspaceId,
  });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(gateway.url).withBearer(res.body.accessToken, res.body);
}
