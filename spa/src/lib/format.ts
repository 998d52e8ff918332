/** Dates, months, roles and the keyboard-layout fix of ui.md §1.3(h). */

export const monthNames = [
  'Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь',
];

export const monthNamesGenitive = [
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
];

export const roleNames: Record<string, string> = { admin: 'администратор', operator: 'оператор', viewer: 'просмотр' };

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-01-12" → "12.01.2026". */
export function date(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime())
    ? value
    : `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function money(value: number | null | undefined): string {
  return value === null || value === undefined
    ? ''
    : value.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "1 запись", "2 записи", "5 записей". */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

export const records = (n: number) => `${n.toLocaleString('ru-RU')} ${plural(n, 'запись', 'записи', 'записей')}`;

const ru = 'йцукенгшщзхъфывапролджэячсмитьбю';
const en = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";

/**
 * Diagnosis and PMU codes: the first character upper-cased, a Cyrillic letter replaced by the Latin letter on the
 * same key ("ф05" → "A05", "ы" → "S"), and in the rest the Russian "б"/"ю" typed for "," and "." become dots.
 */
export function codeInput(value: string): string {
  if (!value) return value;
  const first = value[0].toLowerCase();
  const i = ru.indexOf(first);
  const head = (i >= 0 ? en[i] : first).toUpperCase();
  const tail = value.slice(1).replace(/[юЮбБ,]/g, '.').toUpperCase();
  return head + tail;
}
