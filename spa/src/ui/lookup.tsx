import { useEffect, useState } from 'preact/hooks';
import { useBook, searchBook, findRow, keyOf, type Row } from '../lib/books';
import { codeInput } from '../lib/format';
import { bind, type FormState } from '../lib/form';
import { Field } from './form';

/** The name of a code in a loaded book, or the red "not found" hint of ui.md §1.3(i); nothing while not loaded. */
export function useHint(book: string, key: string, listName: string): { text: string; bad: boolean } | null {
  const b = useBook(book);
  if (!key || !b.loaded) return null;
  const row = b.byKey.get(key);
  if (row) return { text: String(row.name ?? row.family ?? row.shortName ?? ''), bad: false };
  return { text: `Нет элемента ${key} в списке «${listName}»`, bad: true };
}

/** A code input with the book's suggestions (value = code, label = name) and the name as its hint. */
export function BookField(props: {
  form: FormState;
  name: string;
  label: string;
  book: string;
  listName: string;
  error?: string;
  readOnly?: boolean;
  className?: string;
}) {
  const b = useBook(props.book);
  const value = String(props.form.values[props.name] ?? '');
  const hint = useHint(props.book, value.trim(), props.listName);
  const listId = `dl-${props.name}`;
  return (
    <Field label={props.label} name={props.name} error={props.error} hint={hint?.text} hintBad={hint?.bad} className={props.className}>
      <input {...bind(props.form, props.name, { readOnly: props.readOnly })} inputMode="numeric" list={b.loaded ? listId : undefined} />
      {b.loaded ? (
        <datalist id={listId}>
          {b.rows.map((r) => (
            <option key={keyOf(props.book, r)} value={keyOf(props.book, r)}>
              {String(r.name ?? r.shortName ?? '')}
            </option>
          ))}
        </datalist>
      ) : null}
    </Field>
  );
}

/** ui.md §3.5.3 "Diagnosis lookup": from a letter and two digits, in either keyboard layout, up to 21 MKB-10 codes. */
export function DiagnosisField(props: { form: FormState; name: string; label: string; error?: string; readOnly?: boolean; className?: string }) {
  const value = String(props.form.values[props.name] ?? '');
  const [options, setOptions] = useState<Row[]>([]);
  const [name, setName] = useState<{ text: string; bad: boolean } | null>(null);
  useEffect(() => {
    const code = value.trim();
    if (!/^[A-Z]\d\d/.test(code)) {
      setOptions([]);
      setName(null);
      return;
    }
    let live = true;
    const t = setTimeout(async () => {
      const rows = await searchBook('MKB10', code, 21);
      if (!live) return;
      setOptions(rows);
      const exact = rows.find((r) => String(r.code) === code);
      if (exact) setName({ text: String(exact.name ?? ''), bad: false });
      else if (/^[A-Z]\d\d(\.\d{1,2})?$/.test(code)) {
        const row = await findRow('MKB10', code);
        if (!live) return;
        setName(row ? { text: String(row.name ?? ''), bad: false } : row === null ? { text: `Нет кода ${code} в МКБ-10`, bad: true } : null);
      } else setName(null);
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [value]);
  const listId = `dl-${props.name}`;
  return (
    <Field label={props.label} name={props.name} error={props.error} hint={name?.text} hintBad={name?.bad} className={props.className}>
      <input {...bind(props.form, props.name, { readOnly: props.readOnly, map: codeInput })} list={listId} class="code" />
      <datalist id={listId}>
        {options.map((r) => (
          <option key={String(r.code)} value={String(r.code)}>
            {String(r.name ?? '')}
          </option>
        ))}
      </datalist>
    </Field>
  );
}

/** ui.md §3.3: the live policy-type hint of a policy number. */
export function policyHint(series: string, number: string): { text: string; bad: boolean } {
  const n = number.trim();
  if (!n) return { text: 'Тип полиса неизвестен', bad: true };
  if (series.trim()) return { text: 'Полис старого образца (серия и номер)', bad: false };
  if (n.length === 16) return { text: 'ЕНП 16 цифр', bad: false };
  if (n.length === 9) return { text: 'Временное свидетельство 9 цифр', bad: false };
  return { text: 'Возможно, старый полис', bad: true };
}

/** The SMO input with the local SMOs of the chosen region; the region input with OKATO suggestions. */
export function SmoFields(props: { form: FormState; errors: Record<string, string>; smo: string; okato: string; readOnly?: boolean }) {
  const smos = useBook('smo-local');
  const regions = useBook('O002');
  const { form } = props;
  const okato = String(form.values[props.okato] ?? '').trim();
  const smoCode = String(form.values[props.smo] ?? '').trim();
  const inRegion = smos.rows.filter((s) => !okato || String(s.okato ?? '') === okato || String(s.code) === '0');
  const smoRow = smos.byKey.get(smoCode);
  const region = regions.byKey.get(okato);
  const smoListId = `dl-${props.smo}`;
  const okatoListId = `dl-${props.okato}`;
  return (
    <>
      <Field
        label="СМО"
        name={props.smo}
        error={props.errors[props.smo]}
        hint={smoCode && smos.loaded ? (smoRow ? String(smoRow.name ?? '') : `Нет СМО ${smoCode} в списке`) : undefined}
        hintBad={smoCode !== '' && smos.loaded && !smoRow}
      >
        <input
          {...bind(form, props.smo, { readOnly: props.readOnly })}
          class="w6"
          list={smos.loaded ? smoListId : undefined}
          onChange={(e) => {
            // ui.md §3.3: leaving the SMO sets the region from the SMO book.
            const row = smos.byKey.get(e.currentTarget.value.trim());
            if (row?.okato && String(row.code) !== '0') form.set(props.okato, String(row.okato));
          }}
        />
        {smos.loaded ? (
          <datalist id={smoListId}>
            {inRegion.map((s) => (
              <option key={String(s.code)} value={String(s.code)}>
                {String(s.name ?? '')}
              </option>
            ))}
          </datalist>
        ) : null}
      </Field>
      <Field
        label="Регион (ОКАТО)"
        name={props.okato}
        error={props.errors[props.okato]}
        hint={okato && regions.loaded ? (region ? String(region.name ?? '') : `Нет ОКАТО ${okato}`) : undefined}
        hintBad={okato !== '' && regions.loaded && !region}
      >
        <input {...bind(form, props.okato, { readOnly: props.readOnly })} class="w6" list={regions.loaded ? okatoListId : undefined} />
        {regions.loaded ? (
          <datalist id={okatoListId}>
            {regions.rows.map((r) => (
              <option key={String(r.code)} value={String(r.code)}>
                {`${(r.attrs as Record<string, unknown> | undefined)?.region ?? ''}. ${String(r.name ?? '').split(' ')[0]}`}
              </option>
            ))}
          </datalist>
        ) : null}
      </Field>
    </>
  );
}
