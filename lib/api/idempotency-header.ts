/** The header a field client names its retriable write by; its own module so browser code can import it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
