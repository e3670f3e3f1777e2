/** An HTTP answer, or status 0 when the request never got one (refused, reset, timed out). */
export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Calls an OJS server over real HTTP; a network failure is an answer with status 0, never a throw. */
export async function ojsCall(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<HttpAnswer> {
  try {
    const res = await fetch(baseUrl + path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/openjobspec+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

export const ok = (answer: HttpAnswer): boolean => answer.status >= 200 && answer.status < 300;
