import { useEffect, useState } from 'preact/hooks';
import { api, can, errorText, latest, query, session } from '../../lib/api';
import { date } from '../../lib/format';
import { addMonths, currentMonth, isMonth, monthTitle } from '../../lib/months';
import type { FileResult, MekList, MekTransferResult, MekVisit } from '../../lib/returns';
import { useRoute } from '../../lib/router';
import { useStore } from '../../lib/store';
import type { TaskEnvelope } from '../../lib/types';
import { confirmAction } from '../../ui/dialog';
import { Field, Message } from '../../ui/form';
import { ResultFile } from '../../ui/files';
import { Link } from '../../ui/shell';
import { DataTable, type Column } from '../../ui/table';
import { TaskForm, TaskStatus, runTask, type TaskOutcome } from '../../ui/task';
import { showVisits } from '../VisitList';

const uslOkNames: Record<number, string> = { 1: 'стационар', 2: 'дневной стационар', 3: 'амбулаторно' };

const columns: Column<MekVisit>[] = [
  { key: 'number', label: 'Талон', className: 'num', render: (v) => <Link href={`/visits/${v.visitId}`}>{v.number}</Link> },
  { key: 'cardNumber', label: 'Карта', render: (v) => <Link href={`/patients/${v.patientId}`}>{v.cardNumber}</Link> },
  { key: 'fam', label: 'Фамилия', render: (v) => v.fam ?? '' },
  { key: 'openDate', label: 'Открыт', render: (v) => date(v.openDate) },
  { key: 'closeDate', label: 'Закрыт', render: (v) => date(v.closeDate) },
  { key: 'uslOk', label: 'Условия', render: (v) => (v.uslOk ? (uslOkNames[v.uslOk] ?? v.uslOk) : '') },
  { key: 'ds1', label: 'Диагноз', render: (v) => v.ds1 ?? '' },
];

/** What the status panel shows: the CSV export or the transfer, whichever ran last. */
type Outcome = { kind: 'export'; outcome: TaskOutcome<FileResult> } | { kind: 'transfer'; outcome: TaskOutcome<MekTransferResult> };

let remembered: { month: string; target: string; shown: Outcome | null } = { month: currentMonth(), target: addMonths(currentMonth(), 1), shown: null };

/**
 * ui.md §4.4.3 "Перенести МЭК": the month's MEK visits still open (count and the first 50, linked), their CSV (D4),
 * and the move forward to a later report month (D7: the visits keep their number, services and MEK; December goes
 * to January of the next year), after a confirmation.
 */
export function Mek() {
  const s = useStore(session);
  const asked = useRoute().query.get('month');
  const [month, setMonth] = useState(asked && isMonth(asked) ? asked : remembered.month);
  const [target, setTarget] = useState(asked && isMonth(asked) ? addMonths(asked, 1) : remembered.target);
  const [list, setList] = useState<MekList | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState<Outcome | null>(remembered.shown);

  useEffect(() => {
    remembered = { month, target, shown };
  }, [month, target, shown]);

  useEffect(() => {
    if (!isMonth(month)) return;
    setList(null);
    return latest(
      api.get<MekList>('/api/mek' + query({ month })),
      (l) => {
        setList(l);
        setListError(null);
      },
      (e) => setListError(errorText(e)),
    );
  }, [month, tick]);

  function pickMonth(value: string) {
    setMonth(value);
    if (isMonth(value)) setTarget(addMonths(value, 1));
  }

  async function exportCsv() {
    if (!isMonth(month)) return setShown({ kind: 'export', outcome: { envelope: null, error: 'Выберите месяц' } });
    setShown(null);
    setBusy(`Выгружаем МЭК за ${monthTitle(month).toLowerCase()}…`);
    const outcome = await runTask(api.get<TaskEnvelope<FileResult>>('/api/mek/export' + query({ month })));
    setBusy(null);
    setShown({ kind: 'export', outcome });
  }

  async function transfer() {
    if (!isMonth(month) || !isMonth(target)) return setShown({ kind: 'transfer', outcome: { envelope: null, error: 'Выберите оба месяца' } });
    const count = list?.total ?? 0;
    const ok = await confirmAction(
      'Перенести случаи МЭК',
      `Случаи МЭК за ${monthTitle(month).toLowerCase()}` +
        (count ? ` (${count})` : '') +
        ` получат отчётный месяц ${monthTitle(target).toLowerCase()} и войдут в его пакет как повторная подача. ` +
        'Номера талонов, услуги и отметка МЭК сохраняются. Перенести?',
      'Перенести',
    );
    if (!ok) return;
    setShown(null);
    setBusy(`Переносим МЭК с ${monthTitle(month).toLowerCase()} на ${monthTitle(target).toLowerCase()}…`);
    const body = new FormData();
    body.append('month', month);
    body.append('target', target);
    const outcome = await runTask(api.post<TaskEnvelope<MekTransferResult>>('/api/mek/transfer', body));
    setBusy(null);
    setShown({ kind: 'transfer', outcome });
    setTick((n) => n + 1);
  }

  const moved = shown?.kind === 'transfer' ? (shown.outcome.envelope?.result ?? null) : null;
  return (
    <>
      <div class="task">
        <TaskForm onRun={() => setTick((n) => n + 1)}>
          <fieldset disabled={busy !== null}>
            <legend>Случаи отказа по МЭК</legend>
            <Field label="Месяц" name="month">
              <input type="month" name="month" value={month} onInput={(e) => pickMonth(e.currentTarget.value)} />
            </Field>
            <div class="form-row">
              <button type="button" onClick={() => setTick((n) => n + 1)}>
                Показать МЭКи
              </button>
              <button type="button" onClick={exportCsv} title="CSV (значения, разделенные «;»)">
                Выгрузить в CSV
              </button>
            </div>
          </fieldset>
          <fieldset disabled={busy !== null || !can.write(s)}>
            <legend>Перенести МЭК</legend>
            {can.write(s) ? (
              <>
                <Field label="Перенести на" name="target" hint="только вперёд, на месяц текущего года (с декабря — на январь)">
                  <input type="month" name="target" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
                </Field>
                <button type="button" class="primary" onClick={transfer}>
                  Перенести МЭКи
                </button>
              </>
            ) : (
              <p class="muted small">Переносить случаи МЭК могут оператор и администратор.</p>
            )}
          </fieldset>
        </TaskForm>
        <TaskStatus<unknown> busy={busy} outcome={(shown?.outcome as TaskOutcome<unknown> | undefined) ?? null} idle="Выгрузку и перенос в этом сеансе ещё не запускали.">
          {shown?.kind === 'export' ? <ResultFile name={shown.outcome.envelope?.file} /> : null}
          {moved ? (
            <p data-testid="mek-moved">
              Перенесено талонов: {moved.moved}.{' '}
              <button
                type="button"
                class="link"
                onClick={() => {
                  const [y, m] = moved.to.split('-').map(Number);
                  showVisits({ year: y, month: m, state: 'mek' });
                }}
              >
                Открыть случаи МЭК за {monthTitle(moved.to).toLowerCase()}
              </button>
            </p>
          ) : null}
        </TaskStatus>
      </div>
      <div class="panel" data-testid="mek-list">
        <div class="panel-head">
          <h2>МЭК за {isMonth(month) ? monthTitle(month).toLowerCase() : '…'}</h2>
          <span class="count" data-testid="mek-total">
            Всего МЭК по месяцу: {list ? list.total : '…'}
          </span>
        </div>
        {listError ? <Message kind="error">{listError}</Message> : null}
        {list && list.total > list.items.length ? <p class="muted">Показаны первые {list.items.length}; все — в CSV.</p> : null}
        <DataTable
          columns={columns}
          rows={list?.items ?? []}
          rowKey={(v) => v.visitId}
          loading={list === null && !listError && isMonth(month)}
          empty={`Нет открытых случаев МЭК за ${isMonth(month) ? monthTitle(month).toLowerCase() : 'этот месяц'}`}
        />
      </div>
    </>
  );
}
