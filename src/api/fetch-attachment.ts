import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress, matchAllowlist } from './address-policy';
import { ApiError } from './http-errors';

/** Options of `fetchAttachment`; the caller passes them from AppConfig. */
export interface FetchAttachmentOptions {
  /** FETCH_ALLOWLIST: hostnames (exact or `*.suffix`) we may fetch from. Nothing else is contacted. */
  allowlist: readonly string[];
  /** Largest body accepted, counted while streaming (MAX_FILE_BYTES). */
  maxBytes: number;
  /** Budget for the whole fetch, redirects included (FETCH_TIMEOUT_MS). */
  timeoutMs: number;
  /** Redirects followed, each re-checked like the first URL. Default 3. */
  maxRedirects?: number;
  /** DNS resolution; defaults to the system resolver (all addresses). */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
}

export interface FetchedAttachment {
  bytes: Uint8Array;
  /** The URL the bytes came from after redirects; its last path segment is a fallback file name. */
  finalUrl: URL;
}

interface VettedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

type Outcome = { kind: 'redirect'; location: string } | { kind: 'body'; bytes: Uint8Array };

/**
 * Fetches a résumé named by a webhook, defending the server against being used to reach places
 * it should not (SSRF): the host must be allowlisted, every resolved address must be public
 * unless the host is allowlisted by its exact name, and we connect to the very address we
 * checked (no second DNS answer can slip in). Plain http only for an exactly allowlisted
 * internal host (test servers, an in-cluster file store). Redirects are followed by hand and
 * re-checked; the body is cut off past `maxBytes`; one timeout covers everything.
 * Error messages name the host, never the full URL (it may carry a signed token).
 */
export async function fetchAttachment(rawUrl: string, options: FetchAttachmentOptions): Promise<FetchedAttachment> {
  const maxRedirects = options.maxRedirects ?? 3;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = parseUrl(rawUrl);
  for (let redirects = 0; ; redirects += 1) {
    const target = await vetUrl(url, options);
    const outcome = await requestOnce(target, options, signal);
    if (outcome.kind === 'body') return { bytes: outcome.bytes, finalUrl: url };
    if (redirects >= maxRedirects) {
      throw new ApiError('ATTACHMENT_FETCH_FAILED', `More than ${maxRedirects} redirects fetching the résumé from ${url.hostname}; give a direct link.`);
    }
    url = parseUrl(outcome.location, url);
  }
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    return new URL(raw, base);
  } catch {
    throw new ApiError('ATTACHMENT_URL_REFUSED', 'The résumé URL is not a valid absolute URL.');
  }
}

async function vetUrl(url: URL, options: FetchAttachmentOptions): Promise<VettedTarget> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError('ATTACHMENT_URL_REFUSED', `The résumé URL must use https (got ${url.protocol}).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ApiError('ATTACHMENT_URL_REFUSED', 'The résumé URL must not carry credentials.');
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const match = matchAllowlist(hostname, options.allowlist);
  if (match === undefined) {
    throw new ApiError('ATTACHMENT_URL_REFUSED', `Host ${hostname} is not on FETCH_ALLOWLIST; add it there to let the service fetch résumés from it.`);
  }
  const addresses = await resolveAll(hostname, options);
  const first = addresses[0];
  if (first === undefined) {
    throw new ApiError('ATTACHMENT_FETCH_FAILED', `Host ${hostname} did not resolve to any address.`);
  }
  const allPublic = addresses.every((entry) => isPublicAddress(entry.address));
  if (!allPublic && match !== 'exact') {
    throw new ApiError(
      'ATTACHMENT_URL_REFUSED',
      `Host ${hostname} resolves to a private, loopback or link-local address; only a host named exactly in FETCH_ALLOWLIST may.`,
    );
  }
  if (url.protocol === 'http:' && (allPublic || match !== 'exact')) {
    throw new ApiError('ATTACHMENT_URL_REFUSED', `Plain http is refused for ${hostname}; use https.`);
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function resolveAll(hostname: string, options: FetchAttachmentOptions): Promise<Array<{ address: string; family: number }>> {
  const literal = isIP(hostname);
  if (literal !== 0) return [{ address: hostname, family: literal }];
  try {
    return options.resolve ? await options.resolve(hostname) : await dnsLookup(hostname, { all: true, verbatim: true });
  } catch (error) {
    throw new ApiError('ATTACHMENT_FETCH_FAILED', `Could not resolve ${hostname}; check the URL.`, { cause: error });
  }
}

function requestOnce(target: VettedTarget, options: FetchAttachmentOptions, signal: AbortSignal): Promise<Outcome> {
  const { url, address, family } = target;
  // Pin the connection to the address we vetted, whatever DNS would answer now.
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Outcome>((resolve, reject) => {
    let settled = false;
    const fail = (error: ApiError): void => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    const request = client.request(
      url,
      { method: 'GET', lookup: pinnedLookup, signal, headers: { accept: '*/*', 'user-agent': 'resume-evidence' } },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && typeof location === 'string') {
          response.resume();
          settled = true;
          resolve({ kind: 'redirect', location });
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          fail(new ApiError('ATTACHMENT_FETCH_FAILED', `Fetching the résumé from ${url.hostname} failed: it answered HTTP ${status}.`));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          fail(tooLarge(url, options.maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let total = 0;
        response.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > options.maxBytes) {
            fail(tooLarge(url, options.maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ kind: 'body', bytes: new Uint8Array(Buffer.concat(chunks)) });
        });
        response.on('error', (error) => fail(networkError(url, signal, error)));
      },
    );
    request.on('error', (error) => fail(networkError(url, signal, error)));
    request.end();
  });
}

function tooLarge(url: URL, maxBytes: number): ApiError {
  return new ApiError('ATTACHMENT_TOO_LARGE', `The résumé at ${url.hostname} is larger than ${maxBytes} bytes (MAX_FILE_BYTES).`);
}

function networkError(url: URL, signal: AbortSignal, cause: unknown): ApiError {
  if (signal.aborted) {
    return new ApiError('ATTACHMENT_TIMEOUT', `Fetching the résumé from ${url.hostname} took longer than FETCH_TIMEOUT_MS; retry later.`, { cause });
  }
  return new ApiError('ATTACHMENT_FETCH_FAILED', `Fetching the résumé from ${url.hostname} failed (${(cause as NodeJS.ErrnoException).code ?? 'network error'}).`, { cause });
}
