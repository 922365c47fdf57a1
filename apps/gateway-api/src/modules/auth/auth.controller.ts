import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { TenantConnections } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { AttemptThrottlerGuard } from '../../core-modules/auth/attempt-throttler.guard';
import { CurrentPrincipal, Public } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { SessionTokens } from '../../core-modules/auth/session-tokens';
import { LogInDto, RefreshTokenDto, SessionResponse, SignUpDto } from './dto/auth.dto';
import { LogIn } from './usecases/log-in/log-in.usecase';
import { RefreshSession } from './usecases/refresh-session/refresh-session.usecase';
import { SignUp } from './usecases/sign-up/sign-up.usecase';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'Too many attempts from this address for this account' })
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly signUp: SignUp,
    private readonly logIn: LogIn,
    private readonly refreshSession: RefreshSession,
    private readonly tokens: SessionTokens,
    private readonly tenants: TenantConnections,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  @Public()
  @UseGuards(AttemptThrottlerGuard)
  @Post('signup')
  @ApiCreatedResponse({ type: SessionResponse })
  signup(@Body() body: SignUpDto) {
    return this.signUp.execute(body);
  }

  @Public()
  @UseGuards(AttemptThrottlerGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionResponse })
  login(@Body() body: LogInDto) {
    return this.logIn.execute(body);
  }

  @Public()
  @UseGuards(AttemptThrottlerGuard)
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionResponse })
  refresh(@Body() body: RefreshTokenDto) {
    return this.refreshSession.execute(body.refreshToken);
  }

  /**
   * Ends this login everywhere it was refreshed: the whole token family is revoked, and the
   * dashboard connections it opened are closed.
   */
  @Public()
  @UseGuards(AttemptThrottlerGuard)
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    const ended = await this.tokens.revokeFamilyOf(body.refreshToken);
    if (ended) this.broadcaster.endAgentSockets(ended.workspaceId, ended, 'logged_out');
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal) {
    const { User, Workspace } = this.tenants.control;
    const workspace = await Workspace.findByPk(principal.workspaceId, {
      attributes: ['id', 'name', 'slug', 'tenancyMode'],
    });
    if (principal.kind !== 'user')
      return {
        principal: principal.kind,
        role: 'role' in principal ? principal.role : null,
        workspace,
      };
    const user = await User.findByPk(principal.userId, {
      attributes: ['id', 'email', 'name', 'lastLoginAt'],
    });
    return { principal: 'user', role: principal.role, user, workspace };
  }
}
