/** How far back the same-sale rule (DOMAIN.md §4.1) looks. */
export type SameSaleWindow =
  | { readonly kind: 'businessDay' }
  | { readonly kind: 'off' }
  | { readonly kind: 'duration'; readonly ms: number };

/** Epoch ms where the window containing `now` starts, or null when the rule is off. */
export function windowStart(now: number, window: SameSaleWindow, timeZone: string): number | null {
  switch (window.kind) {
    case 'off':
      return null;
    case 'duration':
      return now - window.ms;
    case 'businessDay':
      return startOfLocalDay(now, timeZone);
  }
}

const lastDay = new Map<string, { start: number; end: number }>();

/** Midnight of the operator's calendar day containing `now`, as epoch ms (memoized per day). */
export function startOfLocalDay(now: number, timeZone: string): number {
  const hit = lastDay.get(timeZone);
  if (hit && now >= hit.start && now < hit.end) return hit.start;
  const start = computeStartOfLocalDay(now, timeZone);
  const end = computeStartOfLocalDay(start + 36 * 3_600_000, timeZone); // the next local midnight
  lastDay.set(timeZone, { start, end });
  return start;
}

function computeStartOfLocalDay(now: number, timeZone: string): number {
  const offset = zoneOffsetMs(now, timeZone);
  const local = now + offset;
  const dayStartLocal = local - mod(local, 86_400_000);
  // A DST change during the day would move the offset; recompute it at the candidate midnight.
  return dayStartLocal - zoneOffsetMs(dayStartLocal - offset, timeZone);
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at instant `at`, in ms (Asia/Jakarta: +7 h). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}
