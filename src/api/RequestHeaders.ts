// The headers every request of a transport sends: JSON, the client's user agent and the token in
// the header the auth scheme names. Kept apart from HttpTransport, which only asks for them.

export type AuthScheme = 'api-token' | 'bearer';

/**
 * Builds the request headers. Requests without a body share one object per token: node-fetch
 * copies the headers it is given and never changes them, so a GET builds nothing.
 */
export class RequestHeaders {
  private bodiless: { token: string; headers: Record<string, string> } | undefined;

  constructor(private readonly userAgent: string, private readonly authScheme: AuthScheme) {}

  for(token: string, hasBody: boolean): Record<string, string> {
    if (!hasBody && this.bodiless?.token === token) return this.bodiless.headers;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    if (this.authScheme === 'bearer') headers.authorization = `Bearer ${token}`;
    else headers['x-api-token'] = token;
    if (hasBody) headers['content-type'] = 'application/json';
    else this.bodiless = { token, headers };
    return headers;
  }
}
