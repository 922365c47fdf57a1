import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { REDIS_CLIENT } from '@cxgenie/redis';
import type { Redis } from 'ioredis';
import { SecretBox } from '../crypto/secret-box';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { attemptKey, attemptThrottlers } from './attempt-throttling';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';
import { SessionTokens } from './session-tokens';

/** Authentication infrastructure: tokens, API keys, the global guard and rate-limit storage. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => ({
        // A KeyObject, not a string: jsonwebtoken otherwise tries (and fails) to parse the string
        // as a public key on every verify, the costliest step of authenticating a request.
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [REDIS_CLIENT, SERVICE_CONFIG],
      useFactory: (redis: Redis, config: ServiceConfig) => ({
        throttlers: attemptThrottlers(config),
        generateKey: attemptKey(config.queuePrefix),
        storage: new ThrottlerStorageRedisService(redis),
        setHeaders: false,
      }),
    }),
  ],
  providers: [
    SessionTokens,
    ApiKeyAuthenticator,
    PasswordHasher,
    SecretBox,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [SessionTokens, PasswordHasher, SecretBox],
})
export class AuthCoreModule {}
