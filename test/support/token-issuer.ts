import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework's token service (login.botframework.com): serves an OpenID
 * configuration and a JWKS on 127.0.0.1 and signs RS256 tokens with its own keys, shaped like the
 * tokens Teams sends (iss, aud = the bot's app id, serviceurl, nbf/exp). The bot is pointed at it with
 * BOT_OPENID_METADATA_URL and BOT_TOKEN_ISSUER, so its real channel validation runs offline.
 */

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type JwtHeader = Record<string, unknown>;
export type JwtClaims = Record<string, unknown>;

export function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

export const base64url = (input: string | Buffer): string => Buffer.from(input).toString('base64url');

/** Signs header.payload as a JWT; `alg` in the header decides how (RS*, HS256 with `hmacSecret`, none). */
export function signJwt(
  header: JwtHeader,
  claims: JwtClaims,
  key: { privateKey?: KeyObject; hmacSecret?: string | Buffer },
): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const alg = header.alg;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') {
    if (key.hmacSecret === undefined) throw new Error('HS256 needs a secret');
    return `${input}.${createHmac('sha256', key.hmacSecret).update(input).digest('base64url')}`;
  }
  const hash = alg === 'RS512' ? 'sha512' : alg === 'RS384' ? 'sha384' : 'sha256';
  if (!key.privateKey) throw new Error(`${String(alg)} needs a private key`);
  return `${input}.${sign(hash, Buffer.from(input), key.privateKey).toString('base64url')}`;
}

interface PublishedKey {
  key: SigningKey;
  endorsements: string[];
}

export class TokenIssuer {
  /** The key Teams would sign with, endorsed for the msteams channel. */
  readonly teamsKey = newSigningKey('teams-key');
  /** A genuine key of this issuer, but endorsed only for another channel. */
  readonly webchatKey = newSigningKey('webchat-key');
  /** A key nobody published: an attacker's own. */
  readonly attackerKey = newSigningKey('teams-key');
  private readonly published: PublishedKey[] = [
    { key: this.teamsKey, endorsements: ['msteams'] },
    { key: this.webchatKey, endorsements: ['webchat'] },
  ];
  private server: Server | undefined;
  /** How often the bot fetched the configuration and the keys. */
  readonly fetches = { configuration: 0, keys: 0 };
  url = '';

  get metadataUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  /** The `iss` of this issuer's tokens (a plain string; the SDK compares it exactly). */
  get issuer(): string {
    return `${this.url}/issuer`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/.well-known/openid-configuration') {
        this.fetches.configuration += 1;
        return json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.url}/authorize`,
          jwks_uri: `${this.url}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.url === '/keys') {
        this.fetches.keys += 1;
        return json(200, {
          keys: [
            ...this.published.map(({ key, endorsements }) => ({
              ...key.publicKey.export({ format: 'jwk' }),
              kid: key.kid,
              use: 'sig',
              alg: 'RS256',
              endorsements,
            })),
            // A symmetric key in the set: the SDK must never use it to check an HS256 token.
            { kty: 'oct', kid: 'shared-secret', k: base64url('shared-secret'), endorsements: ['msteams'] },
          ],
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

  /** The claims of a genuine channel token for `appId`, about an activity from `serviceUrl`. */
  claims(appId: string, serviceUrl: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtClaims {
    return {
      serviceurl: serviceUrl,
      nbf: nowSeconds - 60,
      exp: nowSeconds + 3600,
      iss: this.issuer,
      aud: appId,
    };
  }

  /** A genuine token: RS256 with the msteams-endorsed key. */
  token(claims: JwtClaims, header: JwtHeader = {}): string {
    return signJwt({ alg: 'RS256', typ: 'JWT', kid: this.teamsKey.kid, ...header }, claims, this.teamsKey);
  }

  /** The PEM of the msteams key's public half (for the "HS256 with the public key as secret" attack). */
  teamsPublicPem(): string {
    return this.teamsKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }
}
