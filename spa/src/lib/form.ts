import { useState } from 'preact/hooks';

/** How a field travels: text in the inputs, typed values in the API's JSON. */
export type Kind = 'int' | 'int0' | 'text' | 'upper' | 'date' | 'bool' | 'code';
export type Schema = Record<string, Kind>;
export type FormValues = Record<string, string | boolean>;

export function toForm(fields: Record<string, unknown>, schema: Schema): FormValues {
  const form: FormValues = {};
  for (const [name, kind] of Object.entries(schema)) {
    const v = fields[name];
    form[name] = kind === 'bool' ? Boolean(v) : v === null || v === undefined ? '' : String(v);
  }
  return form;
}

/**
 * The API's fields from the form: empty text → null (so a cleared field is cleared, ui.md §1.3(e)), empty counts
 * → 0 (§3.5.4 rule 7). A number field holding something else is the client's own error, at that field.
 */
export function fromForm(form: FormValues, schema: Schema): { fields: Record<string, unknown>; errors: Record<string, string> } {
  const fields: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, kind] of Object.entries(schema)) {
    const raw = form[name];
    if (kind === 'bool') {
      fields[name] = Boolean(raw);
      continue;
    }
    const text = String(raw ?? '').trim();
    if (kind === 'int' || kind === 'int0') {
      if (text === '') fields[name] = kind === 'int0' ? 0 : null;
      else if (/^-?\d{1,9}$/.test(text)) fields[name] = Number(text);
      else {
        errors[name] = 'Введите целое число';
        fields[name] = null;
      }
    } else if (kind === 'date') {
      if (text === '') fields[name] = null;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) fields[name] = text;
      else errors[name] = 'Неверная дата';
    } else if (kind === 'upper' || kind === 'code') fields[name] = text === '' ? null : text.toUpperCase();
    else fields[name] = text === '' ? null : text;
  }
  return { fields, errors };
}

export interface FormState {
  values: FormValues;
  set: (name: string, value: string | boolean) => void;
  reset: (values: FormValues) => void;
  /** Fills a field the user has left empty (a default that arrives late), without making the form dirty. */
  fill: (name: string, value: string) => void;
  dirty: boolean;
}

export function useFormState(initial: FormValues): FormState {
  const [values, setValues] = useState(initial);
  const [dirty, setDirty] = useState(false);
  return {
    values,
    dirty,
    set: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
      setDirty(true);
    },
    reset: (v) => {
      setValues(v);
      setDirty(false);
    },
    fill: (name, value) => setValues((v) => (v[name] ? v : { ...v, [name]: value })),
  };
}

/** Props for a text input bound to a form field. */
export function bind(form: FormState, name: string, opts: { readOnly?: boolean; upper?: boolean; map?: (v: string) => string } = {}) {
  return {
    name,
    id: `f-${name}`,
    value: String(form.values[name] ?? ''),
    readOnly: opts.readOnly,
    autocomplete: 'off',
    class: opts.upper ? 'upper' : undefined,
    onInput: (e: Event) => {
      const el = e.currentTarget as HTMLInputElement;
      const v = opts.map ? opts.map(el.value) : el.value;
      if (v !== el.value) el.value = v;
      form.set(name, v);
    },
  };
}
