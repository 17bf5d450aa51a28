/**
 * A small browser-like HTTP client for tests: keeps cookies, finds the CSRF token on the last page,
 * and does not follow redirects (tests assert them).
 */
export class Browser {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;
  lastHtml = '';

  /** `ip` is sent as X-Forwarded-For, which the app trusts from loopback: each test can be its own visitor. */
  constructor(
    private readonly baseUrl: string,
    private readonly options: { ip?: string } = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private extraHeaders(): Record<string, string> {
    return this.options.ip ? { 'x-forwarded-for': this.options.ip } : {};
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async get(path: string) {
    const res = await fetch(this.baseUrl + path, {
      headers: { cookie: this.cookieHeader(), accept: 'text/html', ...this.extraHeaders() },
      redirect: 'manual',
    });
    this.remember(res);
    const body = await res.text();
    this.lastHtml = body;
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, body, location: res.headers.get('location'), headers: res.headers };
  }

  /** Posts a form; fetches `csrfFrom` first when no token has been seen yet. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string | false } = {},
  ) {
    const form = new URLSearchParams();
    const csrf = options.csrf === false ? undefined : (options.csrf ?? this.csrf);
    if (csrf) form.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) {
      for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
    }
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: {
        cookie: this.cookieHeader(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        ...this.extraHeaders(),
      },
      body: form,
      redirect: 'manual',
    });
    this.remember(res);
    const body = await res.text();
    this.lastHtml = body;
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, body, location: res.headers.get('location'), headers: res.headers };
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.status !== 303) throw new Error(`Sign-in failed for ${email}: ${res.status}`);
    // Refresh the CSRF token: a new session has a new one.
    await this.get('/account');
    return res;
  }
}

/** JSON client for /api/v1 with a bearer token. */
export function apiClient(baseUrl: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, rawBody?: string) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: json as any, text };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    postRaw: (path: string, raw: string) => call('POST', path, undefined, raw),
    patch: (path: string, body?: unknown) => call('PATCH', path, body),
    delete: (path: string, body?: unknown) => call('DELETE', path, body),
  };
}
