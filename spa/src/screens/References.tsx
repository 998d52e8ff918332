import { useEffect, useRef, useState } from 'preact/hooks';
import { api, latest, ApiFailure, can, query, session, type Page, errorText } from '../lib/api';
import { forgetBooks, type Row } from '../lib/books';
import { date } from '../lib/format';
import { useStore } from '../lib/store';
import { DataTable, Pager, type Column, type SortState } from '../ui/table';
import { Link, PageHeader } from '../ui/shell';
import { Message } from '../ui/form';
import { TaskStatus, runTask, type TaskOutcome } from '../ui/task';
import type { TaskEnvelope } from '../lib/types';

/** One entry of GET /api/reference (both the names of the brief and of the reference-books API are read). */
interface BookInfo {
  id: string;
  title: string;
  kind?: string;
  group?: string;
  editable?: boolean;
  canEdit?: boolean;
  count?: number;
  rowCount?: number;
}

const labels: Record<string, string> = {
  code: 'Код', name: 'Наименование', shortCode: 'Код ТФОМС', shortName: 'Наименование кратко', okato: 'ОКАТО', dateBeg: 'Начало',
  dateEnd: 'Окончание', spec: 'Спец.', specName: 'Специальность', family: 'Врач', snils: 'СНИЛС', division: 'Отделение',
  district: 'Участок', tabid: 'Таб. номер', id: '№', pattern: 'Шаблон', tableType: 'Тип таблицы', active: 'Активный', prvs: 'PRVS',
  profil: 'Профиль', profK: 'Профиль койки', det: 'Детский', oneVisit: 'ПМУ посещение', twoVisit: 'ПМУ обращение', podr: 'Подразделение',
  ccode: 'Номер', codePodr: 'Подразд.', codeSpec: 'Спец.', amb: 'Амб.', ds: 'ДС', stom: 'Стом.', members: 'Услуг', price: 'Цена, руб.',
  validFrom: 'Действует с', versionId: 'Версия', sourceFile: 'Файл', importedAt: 'Загружен', importedBy: 'Кем', rows: 'Строк',
  inForce: 'Действует', email: 'E-mail', region: 'Код региона', serialTpl: 'Шаблон серии', numberTpl: 'Шаблон номера', oms: 'ОМС',
  omsDs: 'ОМС ДС', site: 'Веб-сайт', postName: 'Должность', uslOk: 'Условия',
};

const hidden = new Set(['version', 'attrs', 'moId']);

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return date(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Columns from the rows themselves (the book's own fields, then its extra `attrs`), so every book uses one table. */
function columnsOf(rows: Row[]): Column<Row>[] {
  const keys: string[] = [];
  const extra: string[] = [];
  for (const r of rows.slice(0, 20)) {
    for (const k of Object.keys(r)) if (!hidden.has(k) && !keys.includes(k)) keys.push(k);
    const attrs = r.attrs as Record<string, unknown> | undefined;
    if (attrs) for (const k of Object.keys(attrs)) if (!extra.includes(k)) extra.push(k);
  }
  return [
    ...keys.map((k) => ({ key: k, label: labels[k] ?? k, sort: k, render: (r: Row) => cell(r[k]), className: k === 'name' ? 'name' : undefined })),
    ...extra.map((k) => ({ key: `attrs.${k}`, label: labels[k] ?? k, render: (r: Row) => cell((r.attrs as Record<string, unknown>)?.[k]) })),
  ];
}

/** "Справочники": the book list, one generic table per book (search, sort, paging), and the NSI/tariff upload. */
export function References(props: { book: string | null }) {
  const s = useStore(session);
  const [books, setBooks] = useState<BookInfo[] | null>(null);
  const [booksError, setBooksError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api.get<BookInfo[] | Page<BookInfo>>('/api/reference').then(
      (r) => setBooks(Array.isArray(r) ? r : r.items),
      (e) => setBooksError(e instanceof ApiFailure && e.status === 404 ? 'Сервер пока не отдаёт список справочников: обновите Omslite.' : errorText(e)),
    );
  }, [reload]);

  const current = books?.find((b) => b.id.toLowerCase() === props.book?.toLowerCase());
  const groups = new Map<string, BookInfo[]>();
  for (const b of books ?? []) {
    const g = b.group ?? (b.kind === 'federal' ? 'Федеральные (НСИ)' : 'Локальные');
    groups.set(g, [...(groups.get(g) ?? []), b]);
  }

  return (
    <section class="references">
      <PageHeader title={current ? current.title : 'Справочники'} />
      <div class="split">
        <nav class="side" aria-label="Справочники">
          {booksError ? <p class="muted small">{booksError}</p> : null}
          {!books && !booksError ? <p class="muted">Загрузка…</p> : null}
          {[...groups.entries()].map(([g, list]) => (
            <div key={g} class="side-group">
              <h3>{g}</h3>
              {list.map((b) => (
                <Link key={b.id} href={`/reference/${encodeURIComponent(b.id)}`} class={b === current ? 'active' : ''}>
                  <span>{b.title}</span>
                  <span class="count">{b.count ?? b.rowCount ?? ''}</span>
                </Link>
              ))}
            </div>
          ))}
        </nav>
        <div class="main">
          {props.book ? <BookTable key={props.book} book={props.book} /> : <p class="muted">Выберите справочник слева.</p>}
          {can.admin(s) ? (
            <Upload
              onDone={() => {
                forgetBooks();
                setReload((n) => n + 1);
              }}
            />
          ) : null}
        </div>
      </div>
    </section>
  );
}

function BookTable(props: { book: string }) {
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [sort, setSort] = useState<SortState>({ sort: null, desc: false });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Row> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [columns, setColumns] = useState<Column<Row>[]>([]);

  useEffect(() => {
    const t = setTimeout(() => (setApplied(q), setPage(1)), 350);
    return () => clearTimeout(t);
  }, [q]);

  useEffect(
    () =>
      latest(
        api.get<Page<Row>>(`/api/reference/${encodeURIComponent(props.book)}` + query({ q: applied.trim(), sort: sort.sort, desc: sort.sort ? sort.desc : null, page, pageSize: 50 })),
        (d) => {
          setData(d);
          setError(null);
          if (d.items.length && !columns.length) setColumns(columnsOf(d.items));
        },
        (e) => setError(errorText(e)),
      ),
    [props.book, applied, sort, page],
  );

  return (
    <div class="book">
      <form class="filters" onSubmit={(e) => (e.preventDefault(), setApplied(q), setPage(1))}>
        <label class="field grow">
          <span class="label">Поиск</span>
          <input name="q" type="search" placeholder="код или часть названия" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Выбрать
        </button>
      </form>
      {error ? <Message kind="error">{error}</Message> : null}
      <Pager page={page} pageSize={50} total={data?.total ?? 0} onPage={setPage} />
      <DataTable
        columns={columns.length ? columns : [{ key: 'code', label: 'Код' }, { key: 'name', label: 'Наименование' }]}
        rows={data?.items ?? []}
        rowKey={(_, i) => i}
        sort={sort}
        onSort={(x) => (setSort(x), setPage(1))}
        loading={!data && !error}
      />
    </div>
  );
}

/** The task form of ui.md §1.3(k): NSI books (.xml/.zip) and the tariff CSV, the message blue when done, red otherwise. */
function Upload(props: { onDone: () => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TaskOutcome<unknown> | null>(null);
  const isCsv = fileName.toLowerCase().endsWith('.csv');

  async function submit(e: Event) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setOutcome({ envelope: null, error: 'Выберите файл' });
    const body = new FormData();
    body.append('file', file);
    if (isCsv && validFrom) body.append('validFrom', validFrom);
    setBusy(true);
    setOutcome(null);
    const result = await runTask(api.post<TaskEnvelope>('/api/nsi/import', body));
    setOutcome(result);
    setBusy(false);
    if (result.envelope) props.onDone();
  }

  return (
    <div class="task">
      <form class="task-form" onSubmit={submit}>
        <fieldset disabled={busy}>
          <legend>Загрузить справочник НСИ или тарифы</legend>
          <p class="muted small">
            Справочник ФФОМС/ТФОМС: .xml или .zip с одним .xml (заменяет весь справочник). Тарифы на ПМУ: .csv «код;наименование;цена».
          </p>
          <div class="file-pick">
            <label class="button">
              Выбрать файл
              <input
                ref={fileRef}
                type="file"
                name="file"
                class="visually-hidden"
                accept=".xml,.zip,.csv"
                onChange={(e) => setFileName(e.currentTarget.files?.[0]?.name ?? '')}
              />
            </label>
            <span class={fileName ? 'file-name' : 'muted'}>{fileName || 'файл не выбран'}</span>
          </div>
          {isCsv ? (
            <label class="field">
              <span class="label">Тарифы действуют с</span>
              <input type="date" name="validFrom" value={validFrom} onInput={(e) => setValidFrom(e.currentTarget.value)} />
              <span class="hint">пусто — с 1 января текущего года</span>
            </label>
          ) : null}
          <button type="submit" class="primary">
            {busy ? 'Загрузка…' : 'Загрузить'}
          </button>
        </fieldset>
      </form>
      <TaskStatus busy={busy ? 'Файл обрабатывается…' : null} outcome={outcome} idle="Файл ещё не загружали." />
    </div>
  );
}
