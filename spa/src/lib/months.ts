import { monthNames, pad } from './format';

/** Report months as the month inputs hold them: "YYYY-MM". */

/** "2026-01" → "Январь 2026". */
export function monthTitle(month: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  return m ? `${monthNames[Number(m[2]) - 1]} ${m[1]}` : month;
}

export const currentMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
};

/** "2026-12" + 1 → "2027-01". */
export function addMonths(month: string, n: number): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export const isMonth = (month: string) => /^20\d{2}-(0[1-9]|1[0-2])$/.test(month);

/** A year and month of the API (2026, 3) → "2026-03". */
export const monthOf = (year: number, month: number) => `${year}-${pad(month)}`;
