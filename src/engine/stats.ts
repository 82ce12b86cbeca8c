import { startOfLocalDay } from '../domain/sale-window.js';
import type { Minor } from '../domain/money.js';
import { statsRepo } from '../store/repos/stats-repo.js';
import type { EngineContext } from './context.js';

export interface DayFigures {
  /** The operator's calendar day, YYYY-MM-DD. */
  readonly day: string;
  readonly sales: number;
  readonly volume: Minor;
  readonly commission: Minor;
}

export interface AgentStats {
  readonly days: number;
  readonly since: number;
  readonly sales: number;
  readonly volume: Minor;
  readonly commission: Minor;
  readonly topProducts: ReadonlyArray<{ code: string; count: number; volume: Minor }>;
  /** One entry per day of the window, oldest first, zero days included. */
  readonly perDay: readonly DayFigures[];
}

/**
 * Statistics of one agent over the last `days` days of the operator's calendar, today included
 * (DOMAIN.md §7): successful sales, their volume, commission earned on downlines' sales, top
 * products and a per-day series.
 */
export function agentStats(ctx: EngineContext, agentId: number, days: number): AgentStats {
  const tz = ctx.settings.timeZone;
  const today = startOfLocalDay(ctx.clock.now(), tz);
  const since = startOfLocalDay(today - (days - 1) * 86_400_000 + 43_200_000, tz);
  return ctx.sql.read(() => {
    const sales = statsRepo.salesSince(ctx.sql, agentId, since);
    const commissions = statsRepo.commissionsSince(ctx.sql, agentId, since);
    const perDay = new Map<string, { sales: number; volume: number; commission: number }>();
    for (let i = 0; i < days; i++) perDay.set(dayOf(since + i * 86_400_000 + 43_200_000, tz), { sales: 0, volume: 0, commission: 0 });
    for (const s of sales) {
      const d = perDay.get(dayOf(s.created_at, tz));
      if (d) {
        d.sales++;
        d.volume += s.price;
      }
    }
    for (const c of commissions) {
      const d = perDay.get(dayOf(c.created_at, tz));
      if (d) d.commission += c.markup;
    }
    const series = [...perDay].map(([day, f]) => ({ day, ...f }));
    return {
      days, since,
      sales: sales.length,
      volume: series.reduce((t, d) => t + d.volume, 0),
      commission: series.reduce((t, d) => t + d.commission, 0),
      topProducts: statsRepo.topProducts(ctx.sql, agentId, since, 5),
      perDay: series,
    };
  });
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayOf(at: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(new Date(at));
}
