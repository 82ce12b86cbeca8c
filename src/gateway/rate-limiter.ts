/**
 * Per-sender limit: at most `perMinute` messages in any rolling minute (a token bucket refilled
 * continuously). Checked before parsing, so a flood of bad commands costs almost nothing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; told: boolean }>();

  constructor(private readonly perMinute: number) {}

  /**
   * 'ok'; or 'limited' the first time a sender goes over (tell it once), then 'silent' until it
   * is allowed again: a flood of SMS must not be answered message for message.
   */
  check(sender: string, now: number): 'ok' | 'limited' | 'silent' {
    if (this.perMinute <= 0) return 'ok';
    const b = this.buckets.get(sender) ?? { tokens: this.perMinute, at: now, told: false };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    this.buckets.set(sender, b);
    if (this.buckets.size > 100_000) this.prune(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.told = false;
      return 'ok';
    }
    if (b.told) return 'silent';
    b.told = true;
    return 'limited';
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
  }
}
