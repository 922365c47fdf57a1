import type { Socket } from 'socket.io-client';
import { type AccessRevokedPayload, ServerEvents, SocketNamespaces } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  type SessionBody,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../../gateway-api.service';

interface WatchedSocket {
  socket: Socket;
  revoked: AccessRevokedPayload[];
  disconnectedBy: string | null;
}

/** A dashboard connection that records why it lost access and how it was disconnected. */
const watch = async (url: string, accessToken: string): Promise<WatchedSocket> => {
  const { socket } = await connectSocket(url, SocketNamespaces.Agent, { token: accessToken });
  const watched: WatchedSocket = { socket, revoked: [], disconnectedBy: null };
  socket.on(ServerEvents.AccessRevoked, (payload: AccessRevokedPayload) =>
    watched.revoked.push(payload),
  );
  socket.on('disconnect', (reason) => (watched.disconnectedBy = reason));
  return watched;
};

const refusedToConnect = (url: string, accessToken: string): Promise<boolean> =>
  connectSocket(url, SocketNamespaces.Agent, { token: accessToken }).then(
    ({ socket }) => {
      socket.close();
      return false;
    },
    () => true,
  );

describe('agent sockets lose access with their member', () => {
  let gateway: BootedService;
  let second: BootedService;
  let owner: ApiClient;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    // Another instance of the same deployment: the member's socket lives there.
    second = await bootService(gatewayApiService, { QUEUE_PREFIX: gateway.config.queuePrefix });
    owner = await ApiClient.signUp(gateway.url);
  });
  afterAll(async () => {
    await second.close();
    await gateway.close();
  });

  const memberIdOf = async (client: ApiClient) => {
    const me = await client.get<{ user: { id: string } }>('/api/v1/auth/me');
    const members = await owner.get<{ items: { id: string; userId: string }[] }>(
      '/api/v1/members?limit=100',
    );
    return members.body.items.find((m) => m.userId === me.body.user.id)!.id;
  };

  it('disconnects a removed member on every instance, and refuses their still-valid token', async () => {
    const agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    const bystander = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    const watched = await watch(second.url, agent.session!.accessToken);
    const other = await watch(second.url, bystander.session!.accessToken);
    try {
      expect((await owner.delete(`/api/v1/members/${await memberIdOf(agent)}`)).status).toBe(204);
      await eventually(() => {
        expect(watched.revoked).toEqual([{ reason: 'removed' }]);
        expect(watched.disconnectedBy).toBe('io server disconnect');
      }, 5_000);
      expect(await refusedToConnect(second.url, agent.session!.accessToken)).toBe(true);
      expect(other.socket.connected).toBe(true);
      expect(other.revoked).toEqual([]);
    } finally {
      watched.socket.close();
      other.socket.close();
    }
  });

  it('disconnects a demoted member so they come back with their new role', async () => {
    const admin = await signInAsNewMember(gateway, owner.session!.workspaceId, 'admin');
    const watched = await watch(gateway.url, admin.session!.accessToken);
    try {
      const res = await owner.patch(`/api/v1/members/${await memberIdOf(admin)}`, {
        role: 'agent',
      });
      expect(res.status).toBe(200);
      await eventually(() => expect(watched.revoked).toEqual([{ reason: 'role_changed' }]), 5_000);
      const refreshed = await new ApiClient(gateway.url).post<SessionBody>('/api/v1/auth/refresh', {
        refreshToken: admin.session!.refreshToken,
      });
      expect(refreshed.body.role).toBe('agent');
      expect(await refusedToConnect(gateway.url, refreshed.body.accessToken)).toBe(false);
    } finally {
      watched.socket.close();
    }
  });

  it("ends only the logged-out sign-in's sockets", async () => {
    const member = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    const me = await member.get<{ user: { email: string } }>('/api/v1/auth/me');
    // The same person signed in a second time elsewhere (a second sign-in, its own family).
    const elsewhere = await new ApiClient(gateway.url).post<SessionBody>('/api/v1/auth/login', {
      email: me.body.user.email,
      password: 'another correct horse battery',
      workspaceId: owner.session!.workspaceId,
    });
    expect(elsewhere.status).toBe(200);
    const here = await watch(second.url, member.session!.accessToken);
    const there = await watch(second.url, elsewhere.body.accessToken);
    try {
      const out = await new ApiClient(gateway.url).post('/api/v1/auth/logout', {
        refreshToken: member.session!.refreshToken,
      });
      expect(out.status).toBe(204);
      await eventually(() => expect(here.revoked).toEqual([{ reason: 'logged_out' }]), 5_000);
      expect(await refusedToConnect(second.url, member.session!.accessToken)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(there.socket.connected).toBe(true);
    } finally {
      here.socket.close();
      there.socket.close();
    }
  });
});

describe('agent sockets re-check access when their token expires', () => {
  let gateway: BootedService;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService, { JWT_ACCESS_TTL_S: '5' });
  });
  afterAll(() => gateway.close());

  it('keeps a member connected past expiry, and drops one whose membership ended meanwhile', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const [staying, leaving] = await Promise.all([
      signInAsNewMember(gateway, owner.session!.workspaceId, 'agent'),
      signInAsNewMember(gateway, owner.session!.workspaceId, 'agent'),
    ]);
    const [stays, goes] = await Promise.all([
      watch(gateway.url, staying.session!.accessToken),
      watch(gateway.url, leaving.session!.accessToken),
    ]);
    try {
      // Ended where no broadcast could tell the sockets (an instance that died mid-request).
      const me = await leaving.get<{ user: { id: string } }>('/api/v1/auth/me');
      await gateway.app.get(TenantConnections).control.WorkspaceMember.destroy({
        where: { userId: me.body.user.id, workspaceId: owner.session!.workspaceId },
      });
      await eventually(() => expect(goes.revoked).toEqual([{ reason: 'removed' }]), 12_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(stays.socket.connected).toBe(true);
      expect(stays.revoked).toEqual([]);
    } finally {
      stays.socket.close();
      goes.socket.close();
    }
  });
});
