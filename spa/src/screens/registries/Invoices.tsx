import { useEffect, useState } from 'preact/hooks';
import { api, can, errorText, latest, session } from '../../lib/api';
import { useBook } from '../../lib/books';
import { dateTime } from '../../lib/format';
import { monthOf, monthTitle } from '../../lib/months';
import type { InvoiceImportResult, InvoiceRecord } from '../../lib/returns';
import { useStore } from '../../lib/store';
import { Check, Field, Message } from '../../ui/form';
import { DownloadButton, FilePick, ResultFile, producedFile, useUploadTask } from '../../ui/files';
import { Link } from '../../ui/shell';
import { DataTable, type Column } from '../../ui/table';
import { TaskForm, TaskStatus, type TaskOutcome } from '../../ui/task';

/** ui.md §4.4.1 "Тип счета": the three named choices (workflows.md §3.5); SMO or fund layout follows the file's name. */
const registers = [
  { id: 'amb', label: 'Амбулаторный (счёт СМО)' },
  { id: 'foms', label: 'Инокраевые (счёт ТФОМС)' },
  { id: 'pmu', label: 'Тарифы ПМУ' },
];

let remembered: TaskOutcome<InvoiceImportResult> | null = null;

/** "Счета": the invoice import with its register, and the imports made with their registers. */
export function Invoices() {
  const s = useStore(session);
  const [tick, setTick] = useState(0);
  return (
    <>
      {can.write(s) ? (
        <InvoiceImport onImported={() => setTick((n) => n + 1)} />
      ) : (
        <Message kind="info">Загружать счета могут оператор и администратор.</Message>
      )}
      <InvoiceHistory tick={tick} />
    </>
  );
}

/** "Реестр в СМО из ZIP файла счета БАРС": the archive, "Тип счета", "Отметить МЭК" (on, D5), "Корректировать СМО" (off). */
function InvoiceImport(props: { onImported: () => void }) {
  const [register, setRegister] = useState('amb');
  const [markMek, setMarkMek] = useState(true);
  const [fixSmo, setFixSmo] = useState(false);
  const task = useUploadTask<InvoiceImportResult>('/api/invoices/import', 'Счёт обрабатывается: читаем записи, отмечаем МЭК, печатаем реестр…', {
    initial: remembered,
    keep: (o) => (remembered = o),
    onDone: props.onImported,
  });

  function submit() {
    if (!task.file) return task.fail('Выберите архив счёта (.zip)');
    task.run({ register, cmek: String(markMek), csmo: String(fixSmo) });
  }

  const r = task.outcome?.envelope?.result ?? null;
  return (
    <div class="task">
      <TaskForm onRun={submit}>
        <fieldset disabled={task.busy !== null}>
          <legend>Реестр в СМО из ZIP файла счета</legend>
          <p class="muted small">Архив счёта с файлами HM и LM, например HM250999S25011_26119991.zip. Отказы МЭК — записи с SUMP = 0 или без SUMP.</p>
          <FilePick name="invoice" accept=".zip" file={task.file} onPick={task.pick} resetKey={task.resetKey} />
          <Field label="Тип счета" name="register" hint="СМО или ТФОМС определяется по имени файла">
            <select name="register" value={register} onChange={(e) => setRegister(e.currentTarget.value)}>
              {registers.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          </Field>
          <Check label="Отметить МЭК (открыть отказанные талоны)" name="cmek" checked={markMek} onChange={setMarkMek} />
          <Check label="Корректировать СМО" name="csmo" checked={fixSmo} onChange={setFixSmo} />
          <button type="submit" class="primary" data-submit>
            Импорт
          </button>
        </fieldset>
      </TaskForm>
      <TaskStatus busy={task.busy} percent={task.percent} outcome={task.outcome} idle="Счёт в этом сеансе ещё не загружали.">
        {r ? (
          <>
            <ResultFile name={r.registerFile} />
            <ul class="result-counts" data-testid="invoice-result">
              <li>
                Плательщик: {r.payer === '0' ? 'ТФОМС' : `СМО ${r.payer}`}, период {monthTitle(r.period).toLowerCase()}
              </li>
              <li>Записей в счёте: {r.records}; в реестре: {r.registerRows}</li>
              <li>
                Отказов МЭК в счёте: {r.mekRows}; талонов отмечено МЭК и открыто: {r.mek}
                {r.mek > 0 ? (
                  <>
                    {' '}
                    — <Link href={`/registries/mek?month=${r.period}`}>перейти к МЭК</Link>
                  </>
                ) : null}
              </li>
              {r.smoFixed ? <li>Исправлено СМО в талонах: {r.smoFixed}</li> : null}
              {r.notFound.length ? <li class="bad">Талон не найден: {r.notFound.join(', ')}</li> : null}
            </ul>
          </>
        ) : null}
      </TaskStatus>
    </div>
  );
}

/** The invoices imported (the hub keeps each import with its register, workflows.md §3.1). */
function InvoiceHistory(props: { tick: number }) {
  const smos = useBook('smo-local');
  const [items, setItems] = useState<InvoiceRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      latest(
        api.get<{ items: InvoiceRecord[] }>('/api/invoices'),
        (r) => {
          setItems(r.items);
          setError(null);
        },
        (e) => setError(errorText(e)),
      ),
    [props.tick],
  );
  const payer = (code: string) => (code === '0' ? 'ТФОМС' : `${code} ${(smos.byKey.get(code)?.name as string | undefined) ?? ''}`.trim());
  const columns: Column<InvoiceRecord>[] = [
    { key: 'importedAt', label: 'Загружен', render: (i) => dateTime(i.importedAt) },
    { key: 'fileName', label: 'Файл', className: 'file' },
    { key: 'payer', label: 'Плательщик', render: (i) => payer(i.payer) },
    { key: 'period', label: 'Период', render: (i) => monthTitle(monthOf(i.reportYear, i.reportMonth)) },
    { key: 'records', label: 'Записей', className: 'num' },
    { key: 'mek', label: 'МЭК', className: 'num', title: 'Отказов МЭК / отмечено талонов', render: (i) => (i.markMek ? `${i.mekRows} / ${i.mekMarked}` : `${i.mekRows} / не отмечали`) },
    { key: 'notFound', label: 'Не найдено', className: 'num', render: (i) => i.notFound?.length ?? 0 },
    { key: 'registerFile', label: 'Реестр', className: 'file', render: (i) => (i.registerFile ? <DownloadButton path={producedFile(i.registerFile)} name={i.registerFile} /> : '') },
    { key: 'importedBy', label: 'Кто' },
  ];
  return (
    <div class="panel">
      <h2>Загруженные счета</h2>
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable columns={columns} rows={items ?? []} rowKey={(i) => i.id} loading={items === null && !error} empty="Счета ещё не загружали" />
    </div>
  );
}
