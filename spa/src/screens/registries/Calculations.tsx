import { useEffect, useState } from 'preact/hooks';
import { api, can, session } from '../../lib/api';
import { useBook } from '../../lib/books';
import { date } from '../../lib/format';
import { currentMonth, isMonth } from '../../lib/months';
import type { FileResult } from '../../lib/returns';
import { useStore } from '../../lib/store';
import type { TaskEnvelope } from '../../lib/types';
import { Check, Field } from '../../ui/form';
import { ResultFile } from '../../ui/files';
import { TaskForm, TaskStatus, runTask, type TaskOutcome } from '../../ui/task';

/** The calculations of workflows.md §4 (ui.md §4.4.2 and its recommended additions), by the hub's kind. */
const kinds = [
  { id: 'own', label: 'Реестр по месяцу и СМО', hint: 'Собственный расчёт по тарифам ПМУ, в виде реестра СМО или ТФОМС.' },
  { id: 'referrals', label: 'Реестры по направившим МО', hint: 'Архив: по одному реестру на каждую направившую МО.' },
  { id: 'by-month', label: 'Сводка за месяц по МО', hint: 'Число исследований и сумма по каждой направившей МО.' },
  { id: 'by-service', label: 'Сводка по услугам', hint: 'Услуги за месяц, период или год: количество и сумма по коду и тарифу.' },
] as const;

type Kind = (typeof kinds)[number]['id'];
type Span = 'month' | 'period' | 'year';

interface Form {
  kind: Kind;
  month: string;
  smo: string;
  fresh: boolean;
  sent: boolean;
  span: Span;
  from: string;
  to: string;
  referringMo: string;
  closed: boolean;
}

let remembered: { form: Form; outcome: TaskOutcome<FileResult> | null } = {
  form: { kind: 'own', month: currentMonth(), smo: '0', fresh: false, sent: false, span: 'month', from: '', to: '', referringMo: '', closed: false },
  outcome: null,
};

/** The fields a kind sends (workflows.md §1.8): month, smo; fresh, sent; date_beg, date_end, onyear, talons_mo, closed. */
function fieldsOf(f: Form): Record<string, string> {
  switch (f.kind) {
    case 'own':
      return { month: f.month, smo: f.smo };
    case 'referrals':
      return { month: f.month, fresh: String(f.fresh), sent: String(f.sent) };
    case 'by-month':
      return { month: f.month };
    case 'by-service':
      return {
        ...(f.span === 'period' ? { date_beg: f.from, date_end: f.to } : { month: f.month }),
        ...(f.span === 'year' ? { onyear: 'true' } : {}),
        ...(f.referringMo ? { talons_mo: f.referringMo } : {}),
        closed: String(f.closed),
      };
  }
}

/** The problem of a form before it is sent, or null. */
function problemOf(f: Form): string | null {
  if (f.kind === 'by-service' && f.span === 'period') {
    if (!f.from || !f.to) return 'Укажите начало и конец периода';
    if (f.from > f.to) return `Период задан наоборот: ${date(f.from)} позже ${date(f.to)}`;
    return null;
  }
  return isMonth(f.month) ? null : 'Выберите месяц';
}

/** "Собственные расчеты": preliminary, by the PMU tariffs in effect on the service date (D6); every result is a file. */
export function Calculations() {
  const s = useStore(session);
  const smos = useBook('smo-local');
  const mos = useBook('mo-local');
  const [form, setForm] = useState<Form>(remembered.form);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TaskOutcome<FileResult> | null>(remembered.outcome);
  const put = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    remembered = { form, outcome };
  }, [form, outcome]);

  async function calculate() {
    const problem = problemOf(form);
    if (problem) return setOutcome({ envelope: null, error: problem });
    const body = new FormData();
    for (const [k, v] of Object.entries(fieldsOf(form))) body.append(k, v);
    const kind = kinds.find((k) => k.id === form.kind)!;
    setOutcome(null);
    setBusy(`${kind.label}: расчёт…`);
    setOutcome(await runTask(api.post<TaskEnvelope<FileResult>>(`/api/calculations/${form.kind}`, body)));
    setBusy(null);
  }

  const kind = kinds.find((k) => k.id === form.kind)!;
  const monthField = (
    <Field label="Месяц" name="calcMonth">
      <input type="month" name="calcMonth" value={form.month} onInput={(e) => put('month', e.currentTarget.value)} />
    </Field>
  );
  return (
    <div class="calculations">
      <p class="muted">Предварительные расчёты по тарифам ПМУ, действующим на дату услуги. Окончательные суммы — в счёте СМО или ТФОМС.</p>
      <div class="task">
        <TaskForm onRun={calculate}>
          <fieldset disabled={busy !== null}>
            <legend>Собственные расчеты</legend>
            <Field label="Расчет" name="kind" hint={kind.hint}>
              <select name="kind" value={form.kind} onChange={(e) => put('kind', e.currentTarget.value as Kind)}>
                {kinds.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
            {form.kind === 'by-service' ? (
              <Field label="За" name="span">
                <select name="span" value={form.span} onChange={(e) => put('span', e.currentTarget.value as Span)}>
                  <option value="month">месяц</option>
                  <option value="period">период</option>
                  <option value="year">год</option>
                </select>
              </Field>
            ) : null}
            {form.kind !== 'by-service' || form.span !== 'period' ? monthField : null}
            {form.kind === 'by-service' && form.span === 'period' ? (
              <div class="form-row">
                <Field label="С" name="dateFrom">
                  <input type="date" name="dateFrom" value={form.from} onInput={(e) => put('from', e.currentTarget.value)} />
                </Field>
                <Field label="По" name="dateTo">
                  <input type="date" name="dateTo" value={form.to} onInput={(e) => put('to', e.currentTarget.value)} />
                </Field>
              </div>
            ) : null}
            {form.kind === 'own' ? (
              <Field label="СМО" name="smo">
                <select name="smo" value={form.smo} onChange={(e) => put('smo', e.currentTarget.value)}>
                  <option value="0">ТФОМС (инокраевые)</option>
                  {smos.rows
                    .filter((r) => String(r.code) !== '0')
                    .map((r) => (
                      <option key={String(r.code)} value={String(r.code)}>
                        {r.code} {r.name}
                      </option>
                    ))}
                </select>
              </Field>
            ) : null}
            {form.kind === 'referrals' ? (
              <>
                <Check label="Не отправлять принятые" name="fresh" checked={form.fresh} onChange={(v) => put('fresh', v)} />
                {can.write(s) ? <Check label="Отметить отправленные" name="sent" checked={form.sent} onChange={(v) => put('sent', v)} /> : null}
              </>
            ) : null}
            {form.kind === 'by-service' ? (
              <>
                <Field label="Направившая МО" name="referringMo" hint="пусто — все">
                  <select name="referringMo" value={form.referringMo} onChange={(e) => put('referringMo', e.currentTarget.value)}>
                    <option value="">все</option>
                    {mos.rows.map((r) => (
                      <option key={String(r.shortCode)} value={String(r.shortCode)}>
                        {String(r.shortCode)} {String(r.shortName ?? r.name ?? '')}
                      </option>
                    ))}
                  </select>
                </Field>
                <Check label="Только закрытые" name="closed" checked={form.closed} onChange={(v) => put('closed', v)} />
              </>
            ) : null}
            <button type="submit" class="primary" data-submit>
              Рассчитать
            </button>
          </fieldset>
        </TaskForm>
        <TaskStatus busy={busy} outcome={outcome} idle="Расчёты в этом сеансе ещё не запускали.">
          <ResultFile name={outcome?.envelope?.file} />
        </TaskStatus>
      </div>
    </div>
  );
}
