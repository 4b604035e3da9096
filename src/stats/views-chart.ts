// The geometry of the views-per-day bar chart, drawn as SVG on the server (no JavaScript); the template draws it.
import { dayToDate } from '../lib/calendar-day.js';
import type { DailyTotal } from './stats-summary.js';

export interface Chart {
  readonly width: number;
  readonly height: number;
  readonly bars: readonly { x: number; y: number; width: number; height: number; day: string; views: number }[];
  readonly ticks: readonly { y: number; label: string }[];
  readonly dayLabels: readonly { x: number; label: string }[];
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
}

const shortDays = new Map<string, Intl.DateTimeFormat>();

/** "27 Nov"; in Russian "27 нояб.". */
function shortDay(locale: string): Intl.DateTimeFormat {
  let format = shortDays.get(locale);
  if (!format) shortDays.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
  return format;
}

/** A round axis maximum at or above the largest value: 1, 2, 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The chart of the days given, its day labels written in `locale`. */
export function viewsChart(days: readonly DailyTotal[], locale = 'en-GB'): Chart {
  const SHORT_DAY = shortDay(locale);
  const width = 640;
  const height = 240;
  const plot = { left: 48, top: 12, right: width - 8, bottom: height - 28 };
  const max = niceMax(Math.max(0, ...days.map((day) => day.views)));
  const slot = (plot.right - plot.left) / Math.max(days.length, 1);
  const scale = (views: number): number => ((plot.bottom - plot.top) * views) / max;
  const round = (value: number): number => Math.round(value * 10) / 10;
  return {
    width,
    height,
    plot,
    bars: days.map((day, index) => ({
      x: round(plot.left + index * slot + slot * 0.15),
      y: round(plot.bottom - scale(day.views)),
      width: round(slot * 0.7),
      height: round(scale(day.views)),
      day: SHORT_DAY.format(dayToDate(day.day)),
      views: day.views,
    })),
    ticks: [0, 0.5, 1].map((fraction) => ({ y: round(plot.bottom - (plot.bottom - plot.top) * fraction), label: String(Math.round(max * fraction)) })),
    dayLabels: days
      .map((day, index) => ({ index, day }))
      .filter(({ index }) => index % 7 === 0 || index === days.length - 1)
      .map(({ index, day }) => ({ x: round(plot.left + index * slot + slot / 2), label: SHORT_DAY.format(dayToDate(day.day)) })),
  };
}
