import { useState } from 'preact/hooks';
import { api, can, session, actionError } from '../../lib/api';
import { date } from '../../lib/format';
import { useStore } from '../../lib/store';
import type { SourceField, VisitSource } from '../../lib/types';
import { confirmAction } from '../../ui/dialog';
import { Message } from '../../ui/form';
import { DataTable } from '../../ui/table';
import { visitLabels } from './visitForm';

/** Column names of the MIS values that are not the visit form's fields as such. */
const columnLabels: Record<string, string> = {
  for_pom: 'Форма помощи (2 — неотложная, 3 — плановая)',
  usl_ok: 'Условия оказания',
  policy_type: 'Тип полиса',
  __services: 'ПМУ (состав услуг)',
};

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** "open_date" → "Открыт", "ds1" → "Осн. диагноз": the labels of the visit form. */
export function columnLabel(column: string): string {
  return columnLabels[column] ?? visitLabels[camel(column)] ?? column;
}

function shown(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (v === 'true') return 'да';
  if (v === 'false') return 'нет';
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? date(v) : v;
}

interface Row extends SourceField {
  label: string;
}

/**
 * The visit editor's "Источник" tab (docs/sync.md): every field the MIS sends, its MIS value beside the value here,
 * the local corrections marked, and each conflict — the MIS changed a field that was corrected here — with its two
 * ways out.
 */
export function SourceTab(props: { data: VisitSource | null; error: string | null; visitId: number; open: boolean; dirty: boolean; onResolved: (note: string) => void }) {
  const s = useStore(session);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { data } = props;
  if (props.error) return <div class="source-tab"><Message kind="error">{props.error}</Message></div>;
  if (!data) return <div class="source-tab"><p class="muted">Загрузка…</p></div>;

  const rows: Row[] = data.fields.map((f) => ({ ...f, label: columnLabel(f.field) }));
  // Conflicts the field list does not carry (the services set).
  for (const [field, c] of Object.entries(data.conflicts)) {
    if (!rows.some((r) => r.field === field)) rows.push({ field, mis: c.mis, local: c.local, corrected: true, conflict: c, label: columnLabel(field) });
  }
  // Conflicts first, then corrections, each in the order of the visit form.
  const order = Object.keys(visitLabels);
  const place = (r: Row) => (r.conflict ? 0 : r.corrected ? 1 : 2) * 1000 + (order.indexOf(camel(r.field)) + 1 || 999);
  rows.sort((a, b) => place(a) - place(b));
  const conflicts = rows.filter((r) => r.conflict).length;
  const corrected = rows.filter((r) => r.corrected && !r.conflict).length;

  async function resolve(r: Row, take: 'mis' | 'local') {
    if (props.dirty && !(await confirmAction('Конфликт с МИС', 'В форме талона есть несохранённые изменения: после решения талон перечитается и они пропадут. Продолжить?', 'Продолжить')))
      return;
    setError(null);
    setBusy(r.field);
    try {
      await api.post(`/api/visits/${props.visitId}/source/resolve`, { field: r.field, take });
      props.onResolved(
        take === 'mis' ? `${r.label}: возвращено значение МИС (${shown(r.conflict?.mis ?? r.mis)})` : `${r.label}: исправление оставлено (${shown(r.conflict?.local ?? r.local)})`,
      );
    } catch (e) {
      setError(actionError(e));
    } finally {
      setBusy(null);
    }
  }

  const writer = can.write(s);
  return (
    <div class="source-tab">
      <h3>
        Источник: {data.source ?? 'МИС'}
        {data.sourceKey ? <span class="muted"> · случай {data.sourceKey}</span> : null}
      </h3>
      {data.reviewReason ? <Message kind="warn">Требует проверки: {data.reviewReason}</Message> : null}
      <p class="muted small">
        {conflicts
          ? `Конфликтов: ${conflicts} — МИС изменила поля, исправленные здесь. Выберите, какое значение оставить.`
          : 'Конфликтов с МИС нет.'}{' '}
        {corrected ? `Исправлено в Omslite: ${corrected}. Исправления сохраняются при следующих загрузках, пока МИС не изменит само поле.` : ''}
      </p>
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable
        columns={[
          { key: 'label', label: 'Поле', className: 'wrap', render: (r) => <span title={r.field}>{r.label}</span> },
          { key: 'mis', label: 'Значение МИС', render: (r) => shown(r.conflict ? r.conflict.mis : r.mis) },
          { key: 'local', label: 'Значение в Omslite', render: (r) => shown(r.conflict ? r.conflict.local : r.local) },
          {
            key: 'mark',
            label: '',
            render: (r) =>
              r.conflict ? <span class="badge mek">конфликт</span> : r.corrected ? <span class="badge corrected">исправлено</span> : null,
          },
          {
            key: 'actions',
            label: '',
            className: 'actions',
            render: (r) =>
              r.conflict && writer ? (
                r.field.startsWith('__') ? (
                  <span class="muted small">исправьте состав на вкладке «ПМУ»</span>
                ) : (
                  <span class="row-actions">
                    <button
                      type="button"
                      disabled={busy !== null || !props.open}
                      title={props.open ? undefined : 'Талон закрыт: откройте его, чтобы вернуть значение МИС'}
                      onClick={() => resolve(r, 'mis')}
                    >
                      Вернуть значение МИС
                    </button>
                    <button type="button" disabled={busy !== null} onClick={() => resolve(r, 'local')}>
                      Оставить исправление
                    </button>
                  </span>
                )
              ) : null,
          },
        ]}
        rows={rows}
        rowKey={(r) => r.field}
        rowClass={(r) => (r.conflict ? 'conflict' : r.corrected ? 'corrected' : '')}
        empty="МИС не прислала полей этого талона"
      />
    </div>
  );
}
