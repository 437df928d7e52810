import type { OutgoingRequest, VendorAdapter, VendorAnswer, WebhookTarget } from './vendors';

/** The part of fetch the alerts use: tests pass one that sends to a local server. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; redirect: 'manual'; signal: AbortSignal },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** A robot that has not answered in this long is treated as a network failure and tried again later. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** One POST to a robot, and what its answer means. Never throws; no text it returns holds the URL or the secret. */
export async function deliver(fetchFn: FetchLike, vendor: VendorAdapter, req: OutgoingRequest, target: WebhookTarget): Promise<VendorAnswer> {
  let status: number;
  let body: string;
  try {
    const res = await fetchFn(req.url, {
      method: 'POST',
      headers: { ...req.headers },
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = res.status;
    body = await res.text();
  } catch (e) {
    return { ok: false, retry: 'backoff', message: redact(`网络错误 (network error): ${networkErrorText(e)}`, target, req.url) };
  }
  if (status >= 200 && status < 300) {
    const answer = vendor.read(body);
    return answer.ok ? answer : { ...answer, message: redact(answer.message, target, req.url) };
  }
  if (status >= 300 && status < 400) {
    return { ok: false, retry: vendor.redirectMeansThrottled ? 'cooldown' : 'no', message: `HTTP ${status} 重定向 (redirected)` };
  }
  const retry = status >= 500 || status === 429 ? 'backoff' : 'no';
  return { ok: false, retry, message: redact(`HTTP ${status}${body ? `: ${body.slice(0, 120)}` : ''}`, target, req.url) };
}

function networkErrorText(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `${REQUEST_TIMEOUT_MS / 1000} 秒无应答 (no answer in ${REQUEST_TIMEOUT_MS / 1000} s)`;
    const cause = (e as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: unknown }).code;
      return typeof code === 'string' ? code : cause.message;
    }
    return e.message;
  }
  return String(e);
}

/** The token in a webhook URL: the access_token or key parameter, else the last path segment. */
export function webhookToken(url: string): string {
  try {
    const u = new URL(url);
    const fromQuery = u.searchParams.get('access_token') ?? u.searchParams.get('key');
    if (fromQuery) return fromQuery;
    const segments = u.pathname.split('/').filter((s) => s.length > 0);
    return segments[segments.length - 1] ?? '';
  } catch {
    return url;
  }
}

/** Removes the URL, its token and the secret from a text meant for the log or a client. */
export function redact(text: string, target: WebhookTarget, ...urls: string[]): string {
  const hidden = [...urls, target.url, webhookToken(target.url), target.secret ?? ''].filter((s) => s.length >= 4);
  hidden.sort((a, b) => b.length - a.length);
  let out = text;
  for (const h of hidden) out = out.split(h).join('***');
  return out;
}

/** `oapi.dingtalk.com …3f9a`: enough for a trader to tell robots apart, too little to post with. */
export function maskWebhookUrl(url: string): string {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return '***';
  }
  const token = webhookToken(url);
  return token.length >= 8 ? `${host} …${token.slice(-4)}` : `${host} …`;
}
