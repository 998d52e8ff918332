import { useEffect, useState } from 'preact/hooks';
import { api, can, errorText, latest, query, session } from '../../lib/api';
import { date, dateTime } from '../../lib/format';
import { monthOf, monthTitle } from '../../lib/months';
import type { FileResult, FlkBatch, FlkErrorRow, FlkErrorsPage, FlkImportResult } from '../../lib/returns';
import { useStore } from '../../lib/store';
import type { TaskEnvelope } from '../../lib/types';
import { Field, Message } from '../../ui/form';
import { FilePick, ResultFile, useUploadTask } from '../../ui/files';
import { Link } from '../../ui/shell';
import { DataTable, type Column } from '../../ui/table';
import { TaskForm, TaskStatus, runTask, type TaskOutcome } from '../../ui/task';

/** Kept while the tab lives, so that coming back from a visit shows the same batch and the last results. */
let remembered: { batch: number | null; imported: TaskOutcome<FlkImportResult> | null; exported: TaskOutcome<FileResult> | null } = {
  batch: null,
  imported: null,
  exported: null,
};

/**
 * ui.md §4.3 "Ошибки": import of the TFOMS error protocol (FLK_P), the errors of the newest batch (or a chosen one,
 * D3) with links to the visit and the card, the CSV export (D4), the history of the imported protocols.
 */
export function FlkErrors() {
  const s = useStore(session);
  const [batch, setBatch] = useState<number | null>(remembered.batch);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    remembered.batch = batch;
  }, [batch]);

  return (
    <>
      {can.write(s) ? (
        <FlkImport
          onImported={() => {
            setBatch(null);
            setTick((n) => n + 1);
          }}
        />
      ) : (
        <Message kind="info">Загружать протоколы ошибок могут оператор и администратор.</Message>
      )}
      <BatchErrors batch={batch} tick={tick} onNewest={() => setBatch(null)} />
      <BatchHistory picked={batch} tick={tick} onPick={setBatch} />
    </>
  );
}

/** "Импорт протокола ошибок (XML файл)": the file, "Тип протокола", the upload with its progress, the counts. */
function FlkImport(props: { onImported: () => void }) {
  const [ptype, setPtype] = useState('1');
  const task = useUploadTask<FlkImportResult>('/api/flk/import', 'Протокол обрабатывается: ищем талоны, записываем ошибки…', {
    initial: remembered.imported,
    keep: (o) => (remembered.imported = o),
    onDone: props.onImported,
  });

  function submit() {
    const file = task.file;
    if (!file) return task.fail('Выберите файл протокола ошибок (.xml)');
    if (/\.zip$/i.test(file.name)) {
      return task.fail(`Протокол загружается как XML-файл: распакуйте архив «${file.name}» и выберите файл .xml из него`);
    }
    task.run({ ptype });
  }

  const r = task.outcome?.envelope?.result ?? null;
  return (
    <div class="task">
      <TaskForm onRun={submit}>
        <fieldset disabled={task.busy !== null}>
          <legend>Импорт протокола ошибок (XML файл)</legend>
          <p class="muted small">Протокол ФЛК от ТФОМС (FLK_P), например FHT25M250999_26119991.xml. Найденные талоны снова станут открытыми для исправления.</p>
          <FilePick name="protocol" accept=".xml" file={task.file} onPick={task.pick} resetKey={task.resetKey} />
          <Field label="Тип протокола" name="ptype">
            <select name="ptype" value={ptype} onChange={(e) => setPtype(e.currentTarget.value)}>
              <option value="1">Амбулаторный</option>
              <option value="2">Онкология</option>
            </select>
          </Field>
          <button type="submit" class="primary" data-submit>
            Импорт
          </button>
        </fieldset>
      </TaskForm>
      <TaskStatus busy={task.busy} percent={task.percent} outcome={task.outcome} idle="Протокол в этом сеансе ещё не загружали.">
        {r ? (
          <ul class="result-counts" data-testid="flk-result">
            <li>Случаев в протоколе: {r.read}; с ошибками: {r.records}</li>
            <li>
              Найдено талонов: {r.matched}; снова открыто для исправления: {r.reopened}
            </li>
            <li>Строк ошибок записано: {r.errors}</li>
            {r.unknown.length ? (
              <li class="bad">
                Талон не найден ({r.unknown.length}): {r.unknown.slice(0, 30).join(', ')}
                {r.unknown.length > 30 ? ', …' : ''}
              </li>
            ) : null}
          </ul>
        ) : null}
      </TaskStatus>
    </div>
  );
}

const errorColumns: Column<FlkErrorRow>[] = [
  {
    key: 'visitNumber',
    label: 'Талон',
    className: 'num',
    render: (e) => (e.visitId ? <Link href={`/visits/${e.visitId}`} title={e.visitYear ? `Отчётный год ${e.visitYear}` : undefined}>{e.visitNumber}</Link> : e.visitNumber),
  },
  { key: 'cardNumber', label: 'Карта', render: (e) => (e.patientId ? <Link href={`/patients/${e.patientId}`}>{e.cardNumber}</Link> : e.cardNumber) },
  { key: 'fam', label: 'Фамилия', render: (e) => (e.visitId ? e.fam : <span class="bad">{e.fam}</span>) },
  { key: 'openDate', label: 'Открыт', render: (e) => date(e.openDate) },
  { key: 'closeDate', label: 'Закрыт', render: (e) => date(e.closeDate) },
  { key: 'code', label: 'Номер ошибки', className: 'num' },
  { key: 'description', label: 'Текст ошибки', className: 'text' },
  { key: 'comment', label: 'Комментарий', className: 'text', render: (e) => e.comment ?? '' },
];

const batchPeriod = (b: FlkBatch) => monthTitle(monthOf(b.reportYear, b.reportMonth));

/** "Показать последние": the first 50 errors of the batch, with its CSV export. */
function BatchErrors(props: { batch: number | null; tick: number; onNewest: () => void }) {
  const [page, setPage] = useState<FlkErrorsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<TaskOutcome<FileResult> | null>(remembered.exported);

  useEffect(() => {
    remembered.exported = exported;
  }, [exported]);

  useEffect(() => {
    setPage(null);
    return latest(
      api.get<FlkErrorsPage>('/api/flk/errors' + query({ batch: props.batch })),
      (p) => {
        setPage(p);
        setError(null);
      },
      (e) => setError(errorText(e)),
    );
  }, [props.batch, props.tick]);

  async function exportCsv() {
    setExporting(true);
    setExported(null);
    setExported(await runTask(api.get<TaskEnvelope<FileResult>>('/api/flk/export' + query({ batch: page?.batch?.id }))));
    setExporting(false);
  }

  const b = page?.batch ?? null;
  return (
    <div class="panel" data-testid="flk-errors">
      <div class="panel-head">
        <h2>{props.batch === null ? 'Последние принятые ошибки (50 первых записей)' : 'Ошибки выбранного протокола (50 первых записей)'}</h2>
        <div class="row-actions">
          {props.batch !== null ? (
            <button type="button" onClick={props.onNewest}>
              Показать последние
            </button>
          ) : null}
          <button type="button" onClick={exportCsv} disabled={!b || exporting} title="CSV (значения, разделенные «;»)">
            {exporting ? 'Выгрузка…' : 'Выгрузить в CSV'}
          </button>
        </div>
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
      {b ? (
        <p data-testid="flk-batch">
          Файл <b>{b.fileName}</b> за {batchPeriod(b).toLowerCase()}, загружен {dateTime(b.importedAt)} ({b.importedBy}): случаев с ошибками {b.cases},
          найдено талонов {b.matched}, открыто для исправления {b.reopened}, ошибок {b.errors}
          {page && page.total > page.items.length ? <span class="muted"> — показаны первые {page.items.length} из {page.total}</span> : null}.
        </p>
      ) : null}
      {exported ? (
        <div class="export-result" data-testid="flk-export">
          {exported.envelope ? (
            <p class={`task-message ${exported.envelope.done ? 'done' : 'failed'}`}>{exported.envelope.message}</p>
          ) : (
            <Message kind="error">{exported.error}</Message>
          )}
          <ResultFile name={exported.envelope?.file} />
        </div>
      ) : null}
      <DataTable
        columns={errorColumns}
        rows={page?.items ?? []}
        rowKey={(e, i) => `${e.visitNumber}-${e.code}-${i}`}
        loading={page === null && !error}
        empty={page?.message ?? 'Нет принятых ошибок'}
      />
    </div>
  );
}

/** The imported protocols, newest first; a row shows its errors. */
function BatchHistory(props: { picked: number | null; tick: number; onPick: (batch: number) => void }) {
  const [batches, setBatches] = useState<FlkBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      latest(
        api.get<{ items: FlkBatch[] }>('/api/flk/batches'),
        (r) => {
          setBatches(r.items);
          setError(null);
        },
        (e) => setError(errorText(e)),
      ),
    [props.tick],
  );
  const columns: Column<FlkBatch>[] = [
    { key: 'importedAt', label: 'Загружен', render: (b) => dateTime(b.importedAt) },
    {
      key: 'fileName',
      label: 'Файл',
      className: 'file',
      render: (b) => (
        <button type="button" class="link" onClick={() => props.onPick(b.id)} title="Показать ошибки этого протокола">
          {b.fileName}
        </button>
      ),
    },
    { key: 'period', label: 'Период', render: batchPeriod },
    { key: 'cases', label: 'Случаев', className: 'num', title: 'Случаев с ошибками' },
    { key: 'matched', label: 'Найдено', className: 'num', title: 'Найдено талонов' },
    { key: 'errors', label: 'Ошибок', className: 'num' },
    { key: 'reopened', label: 'Открыто', className: 'num', title: 'Талонов снова открыто для исправления' },
    { key: 'importedBy', label: 'Кто' },
  ];
  const newest = batches?.[0]?.id ?? null;
  return (
    <div class="panel">
      <h2>История протоколов</h2>
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable
        columns={columns}
        rows={batches ?? []}
        rowKey={(b) => b.id}
        rowClass={(b) => (b.id === (props.picked ?? newest) ? 'picked' : '')}
        loading={batches === null && !error}
        empty="Протоколы ошибок ещё не загружали"
      />
    </div>
  );
}
