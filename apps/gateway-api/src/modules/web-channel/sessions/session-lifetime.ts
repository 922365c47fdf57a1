/**
 * Seconds a JWT is valid for, read from its own claims so the answer cannot drift from what
 * SessionTokens signed. Only for tokens this service just issued: nothing is verified here.
 */
export function lifetimeSeconds(jwt: string): number {
  const payload = jwt.split('.')[1] ?? '';
  const { iat, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iat?: number;
    exp?: number;
  };
  return typeof iat === 'number' && typeof exp === 'number' ? exp - iat : 0;
}
