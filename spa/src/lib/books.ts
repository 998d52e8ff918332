import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure, query, type Page } from './api';

/**
 * The reference books the forms resolve codes against (ui.md §1.3(i) hints, §1.3(j) suggestions), read from
 * /api/reference/{book} and kept for the session. A book the hub does not serve (yet) is simply "not loaded": its
 * hints stay silent instead of claiming every code is unknown.
 */
export type Row = Record<string, unknown> & { code?: string | number; name?: string };

export interface Book {
  loaded: boolean;
  rows: Row[];
  byKey: Map<string, Row>;
}

const empty: Book = { loaded: false, rows: [], byKey: new Map() };
const cache = new Map<string, Promise<Book>>();

/** The key a book's rows are found by: doctors by "spec/code", local MOs by short code, the rest by code. */
export function keyOf(book: string, row: Row): string {
  if (book === 'doctors') return `${row.spec}/${row.code}`;
  if (book === 'mo-local') return String(row.shortCode ?? '');
  if (book === 'local-specialties') return String(row.spec ?? '');
  return String(row.code ?? row.id ?? '');
}

async function load(book: string): Promise<Book> {
  try {
    const page = await api.get<Page<Row>>(`/api/reference/${book}${query({ pageSize: 500 })}`);
    const rows = page.items ?? [];
    return { loaded: true, rows, byKey: new Map(rows.map((r) => [keyOf(book, r), r])) };
  } catch (e) {
    if (e instanceof ApiFailure && e.status !== 401) return empty;
    throw e;
  }
}

export function getBook(book: string): Promise<Book> {
  let p = cache.get(book);
  if (!p) {
    p = load(book);
    cache.set(book, p);
    p.catch(() => cache.delete(book));
  }
  return p;
}

export function forgetBooks(): void {
  cache.clear();
}

export function useBook(book: string): Book {
  const [value, setValue] = useState<Book>(empty);
  useEffect(() => {
    let live = true;
    getBook(book).then((b) => live && setValue(b), () => undefined);
    return () => {
      live = false;
    };
  }, [book]);
  return value;
}

/** One row by key from the server (MKB-10 and UFMS are too large to load whole). */
export async function findRow(book: string, key: string): Promise<Row | null | undefined> {
  try {
    return await api.get<Row>(`/api/reference/${book}/${encodeURIComponent(key)}`);
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) {
      // 404 for the row, or for the whole API when it is not there yet: tell them apart by the catalogue.
      return (await getBook(book)).loaded || (await catalogueHas(book)) ? null : undefined;
    }
    return undefined;
  }
}

let catalogue: Promise<Set<string>> | null = null;

async function catalogueHas(book: string): Promise<boolean> {
  catalogue ??= api
    .get<Row[] | Page<Row>>('/api/reference')
    .then((r) => new Set((Array.isArray(r) ? r : r.items).map((b) => String(b.id).toLowerCase())))
    .catch(() => new Set<string>());
  return (await catalogue).has(book.toLowerCase());
}

/** Up to `limit` rows of a book matching a search text (codes by prefix, in either keyboard layout). */
export async function searchBook(book: string, q: string, limit = 21): Promise<Row[]> {
  try {
    const page = await api.get<Page<Row>>(`/api/reference/${book}${query({ q, pageSize: limit })}`);
    return page.items ?? [];
  } catch {
    return [];
  }
}
