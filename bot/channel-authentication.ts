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

/** Errors of jsonwebtoken's verify: a token that is forged, tampered with or not valid now. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

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
 * botbuilder's channel authentication, with one correction: botframework-connector rethrows
 * jsonwebtoken's own errors (bad signature, `alg` not allowed, not yet valid, tampered payload), and
 * CloudAdapter answers anything that is not an AuthenticationError with 500. A forged token is the
 * caller's fault, so it gets 401 like every other rejected token (and an attacker learns nothing from
 * the difference). Other failures (the key server cannot be reached) stay 500.
 */
export class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(settings: ChannelAuthSettings) {
    super(options(settings));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  }
}

function asUnauthorized(error: unknown): unknown {
  if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
    return new AuthenticationError('Unauthorized. Invalid token.', 401);
  }
  return error;
}
