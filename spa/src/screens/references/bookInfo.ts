import type { Row } from '../../lib/books';

/** An editable field of a book, as GET /api/reference describes it (docs/api-reference-books.md, "The edit form"). */
export interface FormField {
  field: string;
  label: string;
  type: 'integer' | 'text' | 'boolean' | 'date' | 'decimal' | 'json';
  required: boolean;
  /** Given when the row is created, never changed (a key such as the specialty code). */
  fixed: boolean;
  default?: unknown;
}

export interface BookForm {
  canCreate: boolean;
  canDelete: boolean;
  /** Saves carry the row's `version`; a save based on an old one is refused with 409. */
  versioned: boolean;
  fields: FormField[];
}

/** One entry of GET /api/reference (both the names of the brief and of the reference-books API are read). */
export interface BookInfo {
  id: string;
  title: string;
  kind?: string;
  group?: string;
  editable?: boolean;
  canEdit?: boolean;
  count?: number;
  rowCount?: number;
  /** The field a row is addressed by in /api/reference/{book}/{key}. */
  key?: string;
  /** The fields ?sort= accepts (the others would fall back to the book's order). */
  sortable?: string[];
  editing?: BookForm | null;
}

/** The form of a book this user may edit, or null (federal books, read-only local books, non-admins). */
export function editFormOf(book: BookInfo | undefined): BookForm | null {
  return book?.canEdit && book.editing ? book.editing : null;
}

/**
 * The address of one row. A tariff row names the version it belongs to, so that an edit changes the price of the
 * version shown rather than whatever version is in force when the request arrives.
 */
export function rowPath(book: BookInfo, row: Row): string {
  const key = String(row[book.key ?? 'id'] ?? '');
  const version = row.versionId !== undefined && row.versionId !== null ? `?version=${encodeURIComponent(String(row.versionId))}` : '';
  return `/api/reference/${encodeURIComponent(book.id)}/${encodeURIComponent(key)}${version}`;
}

export type Values = Record<string, string | boolean>;

/** The inputs' values: a row's (for Изменить/Удалить) or the defaults of a new row (for Добавить). */
export function valuesOf(form: BookForm, row: Row | null): Values {
  const values: Values = {};
  for (const f of form.fields) {
    const v = row ? row[f.field] : f.default;
    if (f.type === 'boolean') values[f.field] = Boolean(v);
    else if (f.type === 'json') values[f.field] = v === null || v === undefined ? '' : JSON.stringify(v);
    else values[f.field] = v === null || v === undefined ? '' : String(v);
  }
  return values;
}

/** A value as the API reads it: trimmed text, an empty input as an explicit null (ui.md §1.3(e): clearing works). */
function apiValue(f: FormField, v: string | boolean): unknown {
  if (f.type === 'boolean') return Boolean(v);
  const text = String(v).trim();
  if (text === '') return null;
  if (f.type === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text; // the hub answers "ожидается объект JSON" at the field
    }
  }
  // Numbers travel as typed text: the hub parses them and says at the field what is wrong ("введите целое число").
  return text;
}

/**
 * The request body: a new row gets every filled field; an update only the fields that changed (a field not sent
 * keeps its value), never a fixed one, plus the version it was based on when the book is versioned.
 */
export function bodyOf(form: BookForm, values: Values, original: Row | null): Record<string, unknown> {
  const before = original ? valuesOf(form, original) : null;
  const body: Record<string, unknown> = {};
  for (const f of form.fields) {
    if (before && (f.fixed || before[f.field] === values[f.field])) continue;
    const v = apiValue(f, values[f.field]);
    if (!before && v === null) continue;
    body[f.field] = v;
  }
  if (before && form.versioned) body.version = original!.version;
  return body;
}
