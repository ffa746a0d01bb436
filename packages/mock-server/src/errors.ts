/**
 * Thrown for bad configuration: options of `startMockServer`, CLI flags, fault settings or an unusable spec.
 * The message is one line naming what is wrong and where.
 */
export class ReplyMockConfigError extends Error {
  override readonly name = 'ReplyMockConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
