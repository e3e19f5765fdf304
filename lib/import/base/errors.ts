/** A commit refused because of the preview's report (422, with the report); nothing was written. */
export class BaseImportRefusedError extends Error {
  constructor(
    message: string,
    readonly report: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BaseImportRefusedError';
  }
}
