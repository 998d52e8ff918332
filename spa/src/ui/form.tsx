import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';

/** A labelled input with its hint (grey, or red when the code is unknown) and the API's message for the field. */
export function Field(props: {
  label: ComponentChildren;
  name?: string;
  error?: string;
  hint?: ComponentChildren;
  hintBad?: boolean;
  wide?: boolean;
  className?: string;
  children: ComponentChildren;
}) {
  return (
    <label class={`field ${props.wide ? 'wide' : ''} ${props.error ? 'has-error' : ''} ${props.className ?? ''}`} data-field={props.name}>
      <span class="label">{props.label}</span>
      {props.children}
      {props.hint ? <span class={`hint ${props.hintBad ? 'bad' : ''}`}>{props.hint}</span> : null}
      {props.error ? <span class="error" role="alert">{props.error}</span> : null}
    </label>
  );
}

export function Check(props: { label: string; name: string; checked: boolean; disabled?: boolean; onChange: (v: boolean) => void }) {
  return (
    <label class="check" data-field={props.name}>
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      {props.label}
    </label>
  );
}

export function Row(props: { children: ComponentChildren; title?: string }) {
  return (
    <div class="row">
      {props.title ? <span class="row-title">{props.title}</span> : null}
      {props.children}
    </div>
  );
}

/** An editor's "Сохранить" (Ctrl+Enter does the same from any field). */
export function SaveButton(props: { saving: boolean; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" class="primary" onClick={props.onClick} disabled={props.saving || props.disabled} title="Ctrl+Enter">
      {props.saving ? 'Сохранение…' : 'Сохранить'}
    </button>
  );
}

export function Message(props: { kind: 'error' | 'ok' | 'info' | 'warn'; children: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class={`message ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <span>{props.children}</span>
      {props.action}
    </div>
  );
}

/**
 * ui.md §1.3(g): Enter moves to the next field (Omslite fixes the original's stop at group boundaries: it goes on
 * through the whole form and wraps to the first field); Ctrl+Enter submits. Buttons, text areas and open suggestion
 * lists keep their own Enter.
 */
export function enterToNext(event: TargetedKeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.isComposing) return;
  const target = event.target as HTMLElement;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  if (target instanceof HTMLInputElement && ['submit', 'button', 'file'].includes(target.type)) return;
  const form = event.currentTarget as HTMLElement;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    (form.querySelector('[data-submit]') as HTMLButtonElement | null)?.click();
    return;
  }
  event.preventDefault();
  const fields = [...form.querySelectorAll<HTMLElement>('input, select, textarea')].filter(
    (el) =>
      !(el as HTMLInputElement).disabled &&
      !(el as HTMLInputElement).readOnly &&
      (el as HTMLInputElement).type !== 'hidden' &&
      (el as HTMLInputElement).type !== 'file' &&
      el.tabIndex >= 0 &&
      el.offsetParent !== null &&
      isTabStop(el, form),
  );
  if (fields.length === 0) return;
  const i = fields.indexOf(target);
  const next = i >= 0 ? fields[(i + 1) % fields.length] : firstAfter(target, fields);
  next.focus();
  if (next instanceof HTMLInputElement && next.type !== 'checkbox' && next.type !== 'radio') next.select?.();
}

/** From a read-only field, or a radio button that is not its group's stop: the first field after it (wrapping). */
function firstAfter(target: HTMLElement, fields: HTMLElement[]): HTMLElement {
  const after = (el: HTMLElement) => Boolean(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) && !sameRadioGroup(el, target);
  return fields.find(after) ?? fields[0];
}

function sameRadioGroup(a: HTMLElement, b: HTMLElement): boolean {
  return a instanceof HTMLInputElement && b instanceof HTMLInputElement && a.type === 'radio' && b.type === 'radio' && a.name === b.name;
}

/** As Tab sees it: a radio group is one stop, its checked button (or its first while none is checked). */
function isTabStop(el: HTMLElement, form: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
  const group = [...form.querySelectorAll<HTMLInputElement>('input[type=radio]')].filter((r) => r.name === el.name);
  const checked = group.find((r) => r.checked);
  return checked ? checked === el : group[0] === el;
}

/** An editor's form: Enter moves to the next field, Ctrl+Enter (and a submit button inside) saves. */
export function EditorForm(props: { onSave: () => void; className?: string; children: ComponentChildren }) {
  return (
    <form
      class={`tab-body ${props.className ?? ''}`}
      onKeyDown={enterToNext}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <button type="submit" data-submit hidden tabIndex={-1} />
      {props.children}
    </form>
  );
}

/** Settings as key = value rows with add and remove (a source's connector settings, the MO's settings). */
export function KeyValueRows(props: {
  legend: string;
  rows: [string, string][];
  readOnly: boolean;
  onChange: (rows: [string, string][]) => void;
  /** Known keys offered as suggestions, with what they mean. */
  keys?: Record<string, string>;
}) {
  const { rows, keys } = props;
  const put = (i: number, k: string, v: string) => props.onChange(rows.map((r, j) => (j === i ? [k, v] : r)));
  const listId = keys ? `dl-keys-${props.legend.length}` : undefined;
  return (
    <fieldset class="kv">
      <legend>{props.legend}</legend>
      {rows.length === 0 ? <p class="muted small">Нет настроек.</p> : null}
      {rows.map(([k, v], i) => (
        <div class="kv-row" key={i}>
          <input name={`settingKey${i}`} class="w12" placeholder="ключ" aria-label="Ключ настройки" list={listId} value={k} readOnly={props.readOnly} onInput={(e) => put(i, e.currentTarget.value, v)} />
          <span>=</span>
          <input name={`settingValue${i}`} class="w20" placeholder="значение" aria-label={`Значение настройки ${k}`} value={v} readOnly={props.readOnly} onInput={(e) => put(i, k, e.currentTarget.value)} />
          {keys?.[k] ? <span class="muted small">{keys[k]}</span> : null}
          {props.readOnly ? null : (
            <button type="button" class="icon minus" title="Удалить настройку" aria-label={`Удалить настройку ${k}`} onClick={() => props.onChange(rows.filter((_, j) => j !== i))}>
              −
            </button>
          )}
        </div>
      ))}
      {keys ? (
        <datalist id={listId}>
          {Object.entries(keys).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </datalist>
      ) : null}
      {props.readOnly ? null : (
        <button type="button" onClick={() => props.onChange([...rows, ['', '']])}>
          Добавить настройку
        </button>
      )}
    </fieldset>
  );
}
