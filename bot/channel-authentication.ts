import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

export interface ChannelAuthSettings {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: string;
  /** The channel's OpenID configuration, when not the public Bot Framework one (tests, sovereign cloud). */
  channelOpenIdMetadataUrl?: string;
  /** The `iss` of the channel's tokens that goes with that configuration. */
  channelTokenIssuer?: string;
}

function options(settings: ChannelAuthSettings): ConfigurationBotFrameworkAuthenticationOptions {
  const base: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppTenantId: settings.tenantId,
    MicrosoftAppType: settings.appType,
  };
  if (!settings.channelOpenIdMetadataUrl || !settings.channelTokenIssuer) return base;
  // Setting any parameterized value makes the SDK expect all of them: keep the public cloud's for the rest.
  return {
    ...base,
    ToBotFromChannelOpenIdMetadataUrl: settings.channelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: settings.channelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * botbuilder's channel authentication, with two corrections.
 * - Only tokens of the channel's own issuer are validated. botbuilder would validate a token that
 *   names a Bot Framework Emulator issuer against Microsoft's public OpenID endpoint (and adds that
 *   token's tenant to a process-wide issuer list); a Teams bot never receives one.
 * - Every refusal is the same 401 "Unauthorized.": botframework-connector rethrows jsonwebtoken's
 *   errors and fetch failures, which CloudAdapter answered with 500 and the error's text. The reason
 *   goes to `onRefused` (the log), never to the caller. A genuine request refused because the key
 *   server was unreachable is lost like a 500 would be; Teams shows the user a failure.
 */
export class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly issuer: string;

  constructor(
    private readonly settings: ChannelAuthSettings,
    private readonly onRefused: (reason: string) => void = () => undefined,
  ) {
    super(options(settings));
    this.issuer = settings.channelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      this.refuseOtherIssuers(authHeader);
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw this.unauthorized(error);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      this.refuseOtherIssuers(authHeader);
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw this.unauthorized(error);
    }
  }

  private refuseOtherIssuers(authHeader: string): void {
    // Without an app id authentication is off (embedded default): nothing to refuse.
    if (!this.settings.appId) return;
    const issuer = issuerOf(authHeader);
    if (issuer !== undefined && issuer !== this.issuer) {
      throw new AuthenticationError(`token of another issuer (${issuer.slice(0, 100)})`, 401);
    }
  }

  private unauthorized(error: unknown): AuthenticationError {
    this.onRefused(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return new AuthenticationError('Unauthorized.', 401);
  }
}

/** The `iss` claim of a bearer token, read without validating it (the SDK validates what passes). */
function issuerOf(authHeader: string): string | undefined {
  const payload = /^Bearer [^.\s]+\.([^.\s]+)\.[^.\s]*$/.exec(authHeader ?? '')?.[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && 'iss' in claims && typeof claims.iss === 'string'
      ? claims.iss
      : undefined;
  } catch {
    return undefined;
  }
}
