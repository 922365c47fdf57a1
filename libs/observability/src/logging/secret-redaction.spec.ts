import { Writable } from 'node:stream';
import { createRootLogger } from './logger.module';

const SECRET = 'S3cr3t-value_do-not-log';
const BOT_TOKEN = `123456789:${SECRET}`;

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createRootLogger({ service: 'test', level: 'info', destination });
  return { logger, text: () => lines.join('\n'), lines };
}

describe('log lines never carry credentials', () => {
  it('censors credential fields at any depth of a logged object, keeping the rest', () => {
    const { logger, text, lines } = capture();
    logger.info(
      {
        channel: {
          id: 'c1',
          credentials: { botToken: BOT_TOKEN, appSecret: SECRET },
          settings: { pageId: '42' },
        },
        user: { email: 'a@b.c', password: SECRET, passwordHash: SECRET },
        apiKey: SECRET,
        webhookSecret: SECRET,
        nested: [{ accessToken: SECRET, refresh_token: SECRET, tokenCount: 12 }],
      },
      'channel loaded',
    );
    expect(text()).not.toContain(SECRET);
    const line = JSON.parse(lines[0]!);
    expect(line.channel.settings).toEqual({ pageId: '42' });
    expect(line.channel.credentials).toBe('[redacted]');
    expect(line.nested[0].tokenCount).toBe(12);
    expect(line.user.email).toBe('a@b.c');
  });

  it('scrubs secrets out of messages and errors: query tokens, bot tokens in URLs, passwords in URLs', () => {
    const { logger, text } = capture();
    logger.warn(`GET /webhooks/messenger/c1?hub.mode=subscribe&hub.verify_token=${SECRET}&x=1`);
    logger.error(
      new Error(`request to https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed`),
      'delivery failed',
    );
    logger.error({ err: new Error(`connect to redis://:${SECRET}@cache:6379 refused`) }, 'redis');
    logger.info(`graph call https://graph.facebook.com/v21.0/me?access_token=${SECRET}`);
    logger.info(`forwarded Authorization: Bearer ${SECRET}`);
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain('hub.verify_token=[redacted]&x=1');
    expect(text()).toContain('/bot[redacted]/sendMessage');
  });
});
