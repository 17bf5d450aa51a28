import type { Body, Case } from './inputs.ts';

/** Who sends a request: a signed-in role (session cookie, CSRF token, API token) or a visitor. */
export interface Caller {
  name: string;
  cookie: string;
  csrf: string;
  apiToken?: string;
}

export interface Answer {
  status: number;
  body: string;
  location: string | null;
  headers: Headers;
}

/** A body as a browser would post it (qs bracket notation): `{ a: { b: [1] } }` → `a[b][0]=1`. */
export function toForm(body: Body): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === null || value === undefined) form.append(key, '');
    else if (Array.isArray(value)) value.forEach((v, i) => add(`${key}[${i}]`, v));
    else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as object)) add(`${key}[${k}]`, v);
    } else form.append(key, String(value));
  };
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body)) add(k, v);
  } else add('value', body);
  return form;
}

/** Sends one request to the in-process app; the API as JSON with a bearer token, pages as a form with CSRF. */
export async function send(
  baseUrl: string,
  caller: Caller,
  method: string,
  path: string,
  input?: Case,
): Promise<Answer> {
  const api = path.startsWith('/api/');
  const headers: Record<string, string> = { accept: api ? 'application/json' : 'text/html' };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (api) {
    if (caller.apiToken) headers.authorization = `Bearer ${caller.apiToken}`;
  } else if (caller.cookie) headers.cookie = caller.cookie;
  if (method !== 'GET' && method !== 'HEAD' && input) {
    if (api) {
      headers['content-type'] = 'application/json';
      body = input.raw ? new Uint8Array(input.raw) : JSON.stringify(input.body);
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const csrf = `_csrf=${encodeURIComponent(caller.csrf)}`;
      body = input.raw
        ? new Uint8Array(Buffer.concat([Buffer.from(`${csrf}&`), input.raw]))
        : `${csrf}&${toForm(input.body)}`;
    }
  }
  const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
  return {
    status: res.status,
    body: await res.text(),
    location: res.headers.get('location'),
    headers: res.headers,
  };
}

/** A 4xx answer carries an error a person or program can read: JSON `error.code`, or a page with a heading. */
export function hasErrorBody(path: string, answer: Answer): boolean {
  if (path.startsWith('/api/')) {
    try {
      return typeof (JSON.parse(answer.body) as { error?: { code?: unknown } }).error?.code === 'string';
    } catch {
      return false;
    }
  }
  return /<h1[^>]*>/.test(answer.body) || /"error"\s*:/.test(answer.body);
}
