import type { ReplyUsage } from '../options.js';

/** The call counter a client shares with its `actAs` clients. */
export class QuotaCounter {
  calls = 0;
  readonly #warnAt: number;
  declare readonly monthlyQuota: number;
  declare readonly onWarning: ((usage: ReplyUsage) => void) | undefined;

  constructor(
    monthlyQuota: number,
    warningRatio: number,
    onWarning: ((usage: ReplyUsage) => void) | undefined,
  ) {
    this.monthlyQuota = monthlyQuota;
    this.onWarning = onWarning;
    this.#warnAt = Math.max(1, Math.ceil(monthlyQuota * warningRatio));
  }

  usage(): ReplyUsage {
    return {
      calls: this.calls,
      monthlyQuota: this.monthlyQuota,
      remaining: Math.max(0, this.monthlyQuota - this.calls),
    };
  }

  /** Counts one request; calls the hook exactly when the count reaches the warning level or the quota. */
  count(): void {
    this.calls++;
    if (this.onWarning && (this.calls === this.#warnAt || this.calls === this.monthlyQuota)) {
      this.onWarning(this.usage());
    }
  }
}
