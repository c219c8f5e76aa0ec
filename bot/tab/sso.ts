/**
 * Teams SSO for the "Overzicht" tab: the tab asks TeamsJS `getAuthToken()` for an Entra ID access
 * token for the app's own resource, and sends it as a bearer token. Here it is checked with jose
 * against Entra ID's OpenID configuration (its JWKS): RS256 signature by a published key, lifetime,
 * audience = the Application ID URI (webApplicationInfo.resource; v2 tokens carry the client id, the
 * URI's last segment), issuer = Entra ID for the token's own tenant (v1 or v2 form), and that tenant
 * must be the bot's unless the bot is multi-tenant. The person is the token's `oid`.
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface TabSsoSettings {
  /** Application ID URI; unset: no token is accepted. */
  resource?: string;
  openIdMetadataUrl: string;
  /** The bot's tenant; undefined accepts any tenant (a multi-tenant bot). */
  tenantId?: string;
}

export interface TabIdentity {
  objectId: string;
  tenantId: string;
}

const metadataSchema = z.object({ issuer: z.string().min(1), jwks_uri: z.url() });
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const claimsSchema = z.object({ oid: z.string().min(1).max(100), tid: z.string().regex(GUID) });

/** The token's tenant, unverified: only used to pick which issuer to demand. */
function claimedTenant(token: string): string | undefined {
  try {
    const tid = decodeJwt(token).tid;
    return typeof tid === 'string' && GUID.test(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

export class TabTokenValidator {
  private keys: Promise<{ issuer: string; jwks: JWTVerifyGetKey }> | undefined;
  private readonly audiences: string[];

  constructor(private readonly settings: TabSsoSettings) {
    const resource = settings.resource;
    const clientId = resource?.split('/').at(-1);
    this.audiences = resource ? [resource, ...(clientId && GUID.test(clientId) ? [clientId] : [])] : [];
  }

  /** The OpenID configuration, fetched once (again after a failure); jose caches and refreshes the keys. */
  private configuration(): Promise<{ issuer: string; jwks: JWTVerifyGetKey }> {
    this.keys ??= (async () => {
      const response = await fetch(this.settings.openIdMetadataUrl, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`OpenID configuration answered ${response.status}`);
      const metadata = metadataSchema.parse(await response.json());
      return { issuer: metadata.issuer, jwks: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
    })();
    this.keys.catch(() => {
      this.keys = undefined;
    });
    return this.keys;
  }

  /** The signed-in person, or undefined for any token that is not a valid one for this app. */
  async verify(token: string): Promise<TabIdentity | undefined> {
    if (this.audiences.length === 0) return undefined;
    const tenant = claimedTenant(token);
    if (!tenant || (this.settings.tenantId && tenant !== this.settings.tenantId)) return undefined;
    const { issuer, jwks } = await this.configuration();
    const issuers = [issuer.replace('{tenantid}', tenant)];
    if (issuer.startsWith('https://login.microsoftonline.com/')) issuers.push(`https://sts.windows.net/${tenant}/`);
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        audience: this.audiences,
        issuer: issuers,
        requiredClaims: ['exp', 'iat'],
        clockTolerance: 60,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success || claims.data.tid !== tenant) return undefined;
      return { objectId: claims.data.oid, tenantId: claims.data.tid };
    } catch {
      return undefined;
    }
  }
}
