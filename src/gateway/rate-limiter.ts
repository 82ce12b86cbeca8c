/**
 * Per-sender limit: at most `perMinute` messages in any rolling minute (a token bucket refilled
 * continuously). Checked before parsing, so a flood of bad commands costs almost nothing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  allow(sender: string, now: number): boolean {
    if (this.perMinute <= 0) return true;
    const b = this.buckets.get(sender) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(sender, b);
    if (this.buckets.size > 100_000) this.prune(now);
    return ok;
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
  }
}
