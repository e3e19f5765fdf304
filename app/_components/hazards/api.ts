/** One answer of the app's API: the status and the JSON body (with `error` on failure). */
export interface ApiAnswer<T> {
  ok: boolean;
  status: number;
  body: (T & { error?: string }) | null;
}

/** Calls the app's own API; a network failure is an answer with status 0, never a thrown error. */
export async function callApi<T>(url: string, init: RequestInit = {}): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let body: (T & { error?: string }) | null = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { ok: response.ok, status: response.status, body };
  } catch (error) {
    return { ok: false, status: 0, body: { error: String(error) } as T & { error?: string } };
  }
}

export function sendJson<T>(url: string, method: 'POST' | 'PATCH', data: unknown): Promise<ApiAnswer<T>> {
  return callApi<T>(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });
}

/** The message to show for a failed answer: the API's own, else the status. */
export function errorMessage(answer: ApiAnswer<unknown>, fallback: string): string {
  return answer.body && typeof answer.body === 'object' && 'error' in answer.body && answer.body.error
    ? String(answer.body.error)
    : `${fallback} (${answer.status || 'network'})`;
}
