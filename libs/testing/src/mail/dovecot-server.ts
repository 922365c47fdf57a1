import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { eventually } from '../eventually';
import { freePort } from '../redis-server';

const DOVECOT = '/usr/sbin/dovecot';

export interface MailboxUser {
  user: string;
  password: string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The account dovecot runs as: ourselves, or its own system user when we are root. */
function runAs(): { name: string; uid: number; gid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username, uid: me.uid, gid: me.gid };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  return { name: 'dovecot', uid: id('-u'), gid: id('-g') };
}

/**
 * A real IMAP server for tests: Debian's Dovecot (installed by scripts/ensure-dovecot.sh), run
 * unprivileged with a configuration of its own in a temporary directory, on a free loopback port,
 * with plain logins for the given users and Maildir mailboxes. Mail is put in a mailbox with
 * IMAP APPEND, as a mail server's delivery would.
 */
export class DovecotServer {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start(users: MailboxUser[]): Promise<DovecotServer> {
    if (!existsSync(DOVECOT))
      throw new Error(`${DOVECOT} is missing: run bash scripts/ensure-dovecot.sh (needs root)`);
    const account = runAs();
    const dir = mkdtempSync(join(tmpdir(), 'cxgenie-dovecot-'));
    const port = await freePort();
    writeFileSync(
      join(dir, 'users'),
      users.map((u) => `${u.user}:{PLAIN}${u.password}`).join('\n') + '\n',
    );
    writeFileSync(join(dir, 'dovecot.conf'), configuration(dir, port, account));
    execFileSync('chown', ['-R', `${account.uid}:${account.gid}`, dir]);
    chownSync(dir, account.uid, account.gid);
    const child =
      userInfo().uid === 0
        ? spawn(
            'runuser',
            ['-u', account.name, '--', DOVECOT, '-F', '-c', join(dir, 'dovecot.conf')],
            {
              stdio: 'ignore',
            },
          )
        : spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
    running.add(child);
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        running.delete(child);
        resolve();
      }),
    );
    await eventually(
      () =>
        new Promise<void>((resolve, reject) => {
          if (child.exitCode !== null) return reject(new Error(dovecotLog(dir)));
          const socket = connect(port, '127.0.0.1');
          socket.once('data', (greeting) => {
            socket.destroy();
            if (greeting.toString().startsWith('* OK')) resolve();
            else reject(new Error(`unexpected greeting: ${greeting.toString()}`));
          });
          socket.once('error', reject);
        }),
      15_000,
      100,
    );
    return new DovecotServer(port, dir, child, exited);
  }

  /** Puts a mail in a user's mailbox; returns its UID. */
  async append(user: MailboxUser, raw: Buffer | string, mailbox = 'INBOX'): Promise<number> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      auth: { user: user.user, pass: user.password },
      logger: false,
    });
    await client.connect();
    try {
      const appended = await client.append(mailbox, raw);
      if (!appended || appended.uid === undefined) throw new Error('APPEND returned no UID');
      return appended.uid;
    } finally {
      await client.logout();
    }
  }

  async close(): Promise<void> {
    const pidFile = join(this.dir, 'run', 'master.pid');
    // The master process, not runuser: it stops its own children.
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : null;
    if (pid) process.kill(pid, 'SIGTERM');
    else this.child.kill('SIGTERM');
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function dovecotLog(dir: string): string {
  const log = join(dir, 'dovecot.log');
  return existsSync(log) ? readFileSync(log, 'utf8').slice(-2_000) : 'dovecot exited';
}

function configuration(
  dir: string,
  port: number,
  account: { name: string; uid: number; gid: number },
) {
  return `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = cxgenie-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${account.name}
default_login_user = ${account.name}
first_valid_uid = 1
first_valid_gid = 1
mailbox_idle_check_interval = 1 secs
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${account.uid} gid=${account.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
}
