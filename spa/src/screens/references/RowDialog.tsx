import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, errorText } from '../../lib/api';
import type { Row } from '../../lib/books';
import { Check, Field, Message } from '../../ui/form';
import { useHint } from '../../ui/lookup';
import { Membership, membershipOf } from './Membership';
import { bodyOf, rowPath, valuesOf, type BookForm, type BookInfo, type FormField, type Values } from './bookInfo';

export type DialogMode = 'add' | 'edit' | 'delete';

const modeTitle: Record<DialogMode, string> = { add: 'Добавить', edit: 'Изменить', delete: 'Удалить' };

/** A refusal as the dialog shows it: messages at their fields, the rest in one line; a 409 with a way to reload. */
interface Problem {
  summary: string;
  fields: Record<string, string>;
  conflict: boolean;
}

function problemOf(e: unknown, form: BookForm): Problem {
  if (!(e instanceof ApiFailure)) return { summary: errorText(e), fields: {}, conflict: false };
  const known = new Set(form.fields.map((f) => f.field));
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const x of e.errors) {
    if (known.has(x.field)) fields[x.field] ??= x.message;
    else other.push(x.message);
  }
  const summary = Object.keys(fields).length ? ['Исправьте ошибки в отмеченных полях', ...other].join('. ') : other.join('. ') || e.message;
  return { summary, fields, conflict: e.status === 409 };
}

/**
 * ui.md §1.3(d): the modal "<book> (Добавить | Изменить | Удалить)" with the book's form, built from the fields the
 * API says are editable. Enter saves, Esc closes; on success the dialog closes and the list reloads.
 */
export function RowDialog(props: { book: BookInfo; form: BookForm; mode: DialogMode; row: Row | null; onClose: (changed: boolean) => void }) {
  const { book, form, mode } = props;
  const [original, setOriginal] = useState<Row | null>(props.row);
  const [values, setValues] = useState<Values>(() => valuesOf(form, props.row));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  /** Group links are saved at once, so the list behind reloads on close even without "Изменить". */
  const [linked, setLinked] = useState(false);
  const membership = props.row ? membershipOf(book.id, props.row) : null;

  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input:not([readonly]):not([disabled]), textarea:not([readonly]), button.danger');
    first?.focus();
  }, []);

  // Esc closes wherever the focus is (a button that was just disabled leaves it on the page body).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose(linked);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [linked]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      if (mode === 'delete') {
        const path = rowPath(book, original!);
        const version = form.versioned && original!.version !== undefined ? `${path.includes('?') ? '&' : '?'}version=${original!.version}` : '';
        await api.del(path + version);
      } else if (mode === 'add') {
        await api.post(`/api/reference/${encodeURIComponent(book.id)}`, bodyOf(form, values, null));
      } else {
        const body = bodyOf(form, values, original);
        if (Object.keys(body).some((k) => k !== 'version')) await api.put(rowPath(book, original!), body);
      }
      props.onClose(true);
    } catch (err) {
      setProblem(problemOf(err, form));
      setBusy(false);
    }
  }

  /** After a 409: the row as it is now, replacing what was typed (the user makes the change again). */
  async function reload() {
    setProblem(null);
    try {
      const fresh = await api.get<Row>(rowPath(book, original!));
      setOriginal(fresh);
      setValues(valuesOf(form, fresh));
      setNotice('Загружена текущая запись: внесите изменения снова.');
    } catch (err) {
      setProblem(problemOf(err, form));
    }
  }

  const set = (name: string, v: string | boolean) => {
    setValues((x) => ({ ...x, [name]: v }));
    // A field being corrected no longer shows the refusal of the last save (its hint shows instead).
    setProblem((p) => (p && name in p.fields ? { ...p, fields: Object.fromEntries(Object.entries(p.fields).filter(([f]) => f !== name)) } : p));
  };
  const readOnly = (f: FormField) => mode === 'delete' || (mode === 'edit' && f.fixed);

  return (
    <div class="overlay" role="dialog">
      <div ref={ref} class="dialog book-dialog" aria-modal="true" aria-labelledby="book-dialog-title">
        <div class="dialog-head">
          <h2 id="book-dialog-title">
            {book.title} ({modeTitle[mode]})
          </h2>
          <button type="button" class="icon close" title="Закрыть (Esc)" aria-label="Закрыть" onClick={() => props.onClose(linked)}>
            ×
          </button>
        </div>
        <form class="book-form" onSubmit={submit} noValidate>
          <div class="book-fields">
            {form.fields.map((f) =>
              f.type === 'boolean' ? (
                <div key={f.field} class="field" data-field={f.field}>
                  <Check label={f.label} name={f.field} checked={Boolean(values[f.field])} disabled={readOnly(f)} onChange={(v) => set(f.field, v)} />
                  {problem?.fields[f.field] ? <span class="error" role="alert">{problem.fields[f.field]}</span> : null}
                </div>
              ) : (
                <TextField
                  key={f.field}
                  f={f}
                  value={String(values[f.field])}
                  readOnly={readOnly(f)}
                  error={problem?.fields[f.field]}
                  onInput={(v) => set(f.field, v)}
                />
              ),
            )}
          </div>
          {mode === 'delete' ? <p>Удалить эту запись? Она пропадёт из списков и подсказок; история изменений сохранится.</p> : null}
          {notice ? <Message kind="info">{notice}</Message> : null}
          {problem ? (
            <Message
              kind={problem.conflict ? 'warn' : 'error'}
              action={problem.conflict && original ? <button type="button" onClick={reload}>Загрузить текущую запись</button> : undefined}
            >
              {problem.summary}
            </Message>
          ) : null}
          <div class="buttons">
            <span class="muted small keys-hint">Enter — {modeTitle[mode].toLowerCase()}, Esc — закрыть</span>
            <button type="submit" class={mode === 'delete' ? 'danger' : 'primary'} disabled={busy}>
              {busy ? 'Сохранение…' : modeTitle[mode]}
            </button>
            <button type="button" onClick={() => props.onClose(linked)}>
              Отмена
            </button>
          </div>
        </form>
        {mode === 'edit' && membership ? <Membership side={membership} onChanged={() => setLinked(true)} /> : null}
      </div>
    </div>
  );
}

/** Code fields whose meaning the form shows under them (ui.md §1.3(i)): the book and its name in the red hint. */
const hintBooks: Record<string, [book: string, listName: string]> = {
  spec: ['local-specialties', 'Специальности'],
  codeSpec: ['local-specialties', 'Специальности'],
  prvs: ['V021', 'V021'],
  profil: ['V002', 'V002'],
};

interface TextFieldProps {
  f: FormField;
  value: string;
  readOnly: boolean;
  error?: string;
  onInput: (value: string) => void;
}

function TextField(props: TextFieldProps) {
  return hintBooks[props.f.field] ? <HintedField {...props} /> : <PlainField {...props} />;
}

function HintedField(props: TextFieldProps) {
  const [book, listName] = hintBooks[props.f.field];
  const hint = useHint(book, props.value.trim(), listName);
  // The hub's message at the field says the same as a red "not found" hint, and says it better.
  return props.error ? <PlainField {...props} /> : <PlainField {...props} hint={hint?.text} hintBad={hint?.bad} />;
}

function PlainField(props: TextFieldProps & { hint?: ComponentChildren; hintBad?: boolean }) {
  const { f, value, readOnly } = props;
  const onInput = (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value);
  return (
    <Field label={f.required ? `${f.label} *` : f.label} name={f.field} error={props.error} hint={props.hint} hintBad={props.hintBad} wide>
      {f.type === 'json' ? (
        <textarea name={f.field} rows={4} readOnly={readOnly} value={value} onInput={onInput} />
      ) : f.type === 'date' ? (
        <input name={f.field} type="date" readOnly={readOnly} value={value} onInput={onInput} />
      ) : (
        <input
          name={f.field}
          inputMode={f.type === 'integer' ? 'numeric' : f.type === 'decimal' ? 'decimal' : undefined}
          class={f.type === 'integer' || f.type === 'decimal' ? 'number' : undefined}
          autocomplete="off"
          readOnly={readOnly}
          value={value}
          onInput={onInput}
        />
      )}
    </Field>
  );
}
