import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { LogIn } from './usecases/log-in/log-in.usecase';
import { RefreshSession } from './usecases/refresh-session/refresh-session.usecase';
import { SignUp } from './usecases/sign-up/sign-up.usecase';

@Module({
  controllers: [AuthController],
  providers: [SignUp, LogIn, RefreshSession],
})
export class AuthModule {}
