import { describe, expect, it } from 'vitest';
import type { ReplyUsage } from '../../src/options.js';
import { QuotaCounter } from '../../src/transport/quota.js';

describe('QuotaCounter', () => {
  it('calls the hook once at the warning level and once at the quota', () => {
    const seen: ReplyUsage[] = [];
    const counter = new QuotaCounter(10, 0.8, (usage) => seen.push(usage));
    for (let call = 0; call < 12; call++) counter.count();
    expect(seen).toEqual([
      { calls: 8, monthlyQuota: 10, remaining: 2 },
      { calls: 10, monthlyQuota: 10, remaining: 0 },
    ]);
    expect(counter.usage()).toEqual({ calls: 12, monthlyQuota: 10, remaining: 0 });
  });
});
