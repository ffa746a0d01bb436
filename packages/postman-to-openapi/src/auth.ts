import type { WarningSink } from './errors.js';
import type { SecurityRequirement, SecuritySchemeObject } from './openapi.js';
import type { PostmanAuth } from './types.js';
import { resolveVariables, type VariableValues } from './variables.js';

/**
 * What a request's effective auth means for OpenAPI:
 * - `undefined`: no auth anywhere (nothing to say);
 * - `'none'`: explicitly no auth (`noauth`), which overrides a collection-wide scheme;
 * - a requirement naming a registered scheme.
 */
export type AuthResult = undefined | 'none' | SecurityRequirement;

/** Read auth parameters in either shape: v2.1 `[{ key, value }]` arrays or v2.0 plain objects. */
export function authParams(auth: PostmanAuth, type: string): Map<string, unknown> {
  const params = new Map<string, unknown>();
  const raw = auth[type];
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (entry && typeof entry === 'object' && typeof entry.key === 'string')
        params.set(entry.key, entry.value);
    }
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) params.set(key, value);
  }
  return params;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The Authorization header scheme each non-standard Postman auth type sends. */
const HTTP_SCHEME_NAMES: Record<string, string> = {
  hawk: 'Hawk',
  ntlm: 'NTLM',
  awsv4: 'AWS4-HMAC-SHA256',
  edgegrid: 'EG1-HMAC-SHA256',
  akamai: 'EG1-HMAC-SHA256',
};

const OAUTH2_FLOWS: Record<string, string> = {
  authorization_code: 'authorizationCode',
  authorization_code_with_pkce: 'authorizationCode',
  implicit: 'implicit',
  password_credentials: 'password',
  password: 'password',
  client_credentials: 'clientCredentials',
};

/** Registers security schemes once per distinct definition and hands out stable names for them. */
export class SecurityRegistry {
  readonly schemes = new Map<string, SecuritySchemeObject>();
  private readonly byDefinition = new Map<string, string>();
  /** Header names (lower case) that carry an apiKey: they are auth, not header parameters. */
  readonly authHeaders = new Set<string>(['authorization']);

  constructor(
    private readonly warnings: WarningSink,
    private readonly variables: VariableValues,
  ) {}

  /** Interpret one Postman `auth` block. `inherited` is true when the block came from a folder or the root. */
  read(auth: PostmanAuth, location: string): AuthResult {
    const type = typeof auth.type === 'string' ? auth.type.toLowerCase() : '';
    const params = authParams(auth, type);
    switch (type) {
      case 'noauth':
        return 'none';
      case 'apikey': {
        const name = text(params.get('key'));
        if (name === undefined) {
          this.warnings.add(
            'incomplete-auth',
            location,
            'apikey auth has no key name; no security scheme emitted',
          );
          return undefined;
        }
        const where = text(params.get('in')) === 'query' ? 'query' : 'header';
        const resolved = resolveVariables(name, this.variables);
        if (where === 'header') this.authHeaders.add(resolved.toLowerCase());
        return this.register('apiKeyAuth', { type: 'apiKey', name: resolved, in: where });
      }
      case 'bearer':
        return this.register('bearerAuth', { type: 'http', scheme: 'bearer' });
      case 'jwt':
        return this.register('bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      case 'basic':
        return this.register('basicAuth', { type: 'http', scheme: 'basic' });
      case 'digest':
        return this.register('digestAuth', { type: 'http', scheme: 'digest' });
      case 'oauth1':
        // RFC 5849 OAuth 1.0 is registered with IANA as the HTTP authentication scheme "OAuth".
        return this.register('oauth1Auth', { type: 'http', scheme: 'OAuth' });
      case 'oauth2':
        return this.readOAuth2(params, location);
      case 'hawk':
      case 'ntlm':
      case 'awsv4':
      case 'edgegrid':
      case 'akamai': {
        // No OpenAPI type fits; they all travel in the Authorization header under their own scheme name.
        const scheme = HTTP_SCHEME_NAMES[type] as string;
        this.warnings.add(
          'unsupported-auth',
          location,
          `${type} auth has no OpenAPI equivalent; described as HTTP authentication scheme "${scheme}"`,
        );
        return this.register(`${type}Auth`, { type: 'http', scheme });
      }
      default:
        this.warnings.add(
          'unsupported-auth',
          location,
          `auth type "${type || '(missing)'}" has no OpenAPI equivalent; no security scheme emitted`,
        );
        return undefined;
    }
  }

  private readOAuth2(params: Map<string, unknown>, location: string): AuthResult {
    const grant = text(params.get('grant_type')) ?? 'authorization_code';
    const flowName = OAUTH2_FLOWS[grant];
    const url = (key: string) => {
      const value = text(params.get(key));
      return value === undefined ? undefined : resolveVariables(value, this.variables);
    };
    const authorizationUrl = url('authUrl');
    const tokenUrl = url('accessTokenUrl');
    const scopeText = text(params.get('scope'));
    const scopeNames = scopeText
      ? [...new Set(scopeText.split(/[\s,]+/).filter((scope) => scope !== ''))]
      : [];
    const scopes: Record<string, string> = {};
    for (const scope of scopeNames) scopes[scope] = '';
    const flow: Record<string, unknown> = {};
    const needsAuthorization = flowName === 'authorizationCode' || flowName === 'implicit';
    const needsToken =
      flowName === 'authorizationCode' || flowName === 'password' || flowName === 'clientCredentials';
    if (
      flowName === undefined ||
      (needsAuthorization && authorizationUrl === undefined) ||
      (needsToken && tokenUrl === undefined)
    ) {
      this.warnings.add(
        'incomplete-auth',
        location,
        `oauth2 auth (grant "${grant}") lacks the URLs an OpenAPI flow needs; described as a bearer token instead`,
      );
      return this.register('oauth2Auth', {
        type: 'http',
        scheme: 'bearer',
        description: 'OAuth 2.0 access token',
      });
    }
    if (needsAuthorization) flow.authorizationUrl = authorizationUrl;
    if (needsToken) flow.tokenUrl = tokenUrl;
    flow.scopes = scopes;
    const requirement = this.register('oauth2Auth', { type: 'oauth2', flows: { [flowName]: flow } });
    const name = Object.keys(requirement)[0] as string;
    return { [name]: scopeNames };
  }

  /** One requirement object per scheme, so requests sharing a scheme can be compared by identity. */
  private readonly requirements = new Map<string, SecurityRequirement>();

  private register(baseName: string, scheme: SecuritySchemeObject): SecurityRequirement {
    const definition = JSON.stringify(scheme);
    let name = this.byDefinition.get(definition);
    if (name === undefined) {
      name = baseName;
      for (let suffix = 2; this.schemes.has(name); suffix++) name = `${baseName}${suffix}`;
      this.schemes.set(name, scheme);
      this.byDefinition.set(definition, name);
      this.requirements.set(name, { [name]: [] });
    }
    return this.requirements.get(name) as SecurityRequirement;
  }
}
