/**
 * A stand-in for Entra ID's token service for the tab's Teams SSO tokens: serves a tenant's OpenID
 * configuration (issuer with the {tenantid} placeholder, as the multi-tenant document has it) and its
 * JWKS on 127.0.0.1, and signs RS256 access tokens shaped like the ones TeamsJS getAuthToken returns
 * (aud = the Application ID URI, iss = the tenant's v2 issuer, tid, oid). Keys and signing are the
 * channel issuer's (token-issuer.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newSigningKey, signJwt, type JwtClaims, type JwtHeader } from './token-issuer';

export class EntraIssuer {
  readonly key = newSigningKey('entra-key');
  /** A key nobody published, under the same kid: an attacker's own. */
  readonly attackerKey = newSigningKey('entra-key');
  private server: Server | undefined;
  url = '';

  get metadataUrl(): string {
    return `${this.url}/organizations/v2.0/.well-known/openid-configuration`;
  }

  issuerFor(tenantId: string): string {
    return `${this.url}/${tenantId}/v2.0`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/organizations/v2.0/.well-known/openid-configuration') {
        return json(200, { issuer: `${this.url}/{tenantid}/v2.0`, jwks_uri: `${this.url}/discovery/v2.0/keys` });
      }
      if (req.url === '/discovery/v2.0/keys') {
        return json(200, {
          keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: this.key.kid, use: 'sig', alg: 'RS256' }],
        });
      }
      json(404, { error: 'not found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The claims of a genuine tab token for `resource`, signed in as `objectId` of `tenantId`. */
  claims(resource: string, tenantId: string, objectId: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtClaims {
    return {
      aud: resource,
      iss: this.issuerFor(tenantId),
      iat: nowSeconds - 60,
      nbf: nowSeconds - 60,
      exp: nowSeconds + 3600,
      tid: tenantId,
      oid: objectId,
      scp: 'access_as_user',
      ver: '2.0',
    };
  }

  token(claims: JwtClaims, header: JwtHeader = {}, key = this.key): string {
    return signJwt({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }, claims, key);
  }
}
