import { useEffect, useState } from 'preact/hooks';
import { api, latest, query, type Page, errorText } from '../../lib/api';
import type { Row } from '../../lib/books';
import { date, money } from '../../lib/format';
import { DataTable, Pager, type Column, type SortState } from '../../ui/table';
import { Message } from '../../ui/form';
import { editFormOf, type BookInfo } from './bookInfo';
import { RowDialog, type DialogMode } from './RowDialog';

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

function cell(v: unknown, field?: string): string {
  if (v === null || v === undefined) return '';
  if (field === 'price' && typeof v === 'number') return money(v);
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return date(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Columns from the rows themselves (the book's own fields, then its extra `attrs`), so every book uses one table. */
function columnsOf(rows: Row[], sortable: string[] | undefined): Column<Row>[] {
  const keys: string[] = [];
  const extra: string[] = [];
  for (const r of rows.slice(0, 20)) {
    for (const k of Object.keys(r)) if (!hidden.has(k) && !keys.includes(k)) keys.push(k);
    const attrs = r.attrs as Record<string, unknown> | undefined;
    if (attrs) for (const k of Object.keys(attrs)) if (!extra.includes(k)) extra.push(k);
  }
  return [
    ...keys.map((k) => ({ key: k, label: labels[k] ?? k, sort: !sortable || sortable.includes(k) ? k : undefined, render: (r: Row) => cell(r[k], k), className: k === 'name' ? 'name' : k === 'price' ? 'num' : undefined })),
    ...extra.map((k) => ({ key: `attrs.${k}`, label: labels[k] ?? k, render: (r: Row) => cell((r.attrs as Record<string, unknown>)?.[k]) })),
  ];
}

function readOnlyNote(book: BookInfo): string {
  if (book.kind === 'federal') return 'Федеральный справочник: только просмотр, обновляется загрузкой файла НСИ.';
  if (book.editing) return 'Изменять справочник может администратор МО.';
  return 'Справочник только для просмотра.';
}

/**
 * One book: search, sort, paging; for a book this user may edit, ui.md §1.3(d): "Добавить", the first column's value
 * (blue) or a click on the row opens "Изменить", the red minus "Удалить".
 */
export function BookTable(props: { book: BookInfo; onChanged: () => void }) {
  const { book } = props;
  const form = editFormOf(book);
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [sort, setSort] = useState<SortState>({ sort: null, desc: false });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Row> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [columns, setColumns] = useState<Column<Row>[]>([]);
  const [dialog, setDialog] = useState<{ mode: DialogMode; row: Row | null } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const t = setTimeout(() => (setApplied(q), setPage(1)), 350);
    return () => clearTimeout(t);
  }, [q]);

  useEffect(
    () =>
      latest(
        api.get<Page<Row>>(`/api/reference/${encodeURIComponent(book.id)}` + query({ q: applied.trim(), sort: sort.sort, desc: sort.sort ? sort.desc : null, page, pageSize: 50 })),
        (d) => {
          setData(d);
          setError(null);
          if (d.items.length && !columns.length) setColumns(columnsOf(d.items, book.sortable));
        },
        (e) => setError(errorText(e)),
      ),
    [book.id, applied, sort, page, reload],
  );

  const base: Column<Row>[] = columns.length ? columns : form ? form.fields.map((f) => ({ key: f.field, label: f.label })) : [{ key: 'code', label: 'Код' }, { key: 'name', label: 'Наименование' }];
  const shown: Column<Row>[] = form
    ? [
        {
          ...base[0],
          render: (r: Row) => (
            <button type="button" class="link edit-link" title="Изменить" onClick={() => setDialog({ mode: 'edit', row: r })}>
              {base[0].render ? base[0].render(r) : cell(r[base[0].key]) || '—'}
            </button>
          ),
        },
        ...base.slice(1),
        ...(form.canDelete
          ? [
              {
                key: 'delete',
                label: 'Удалить',
                className: 'actions',
                render: (r: Row) => (
                  <button type="button" class="icon minus" title="Удалить" aria-label={`Удалить ${cell(r[base[0].key])}`} onClick={() => setDialog({ mode: 'delete', row: r })}>
                    −
                  </button>
                ),
              },
            ]
          : []),
      ]
    : base;

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
        {form?.canCreate ? (
          <button type="button" onClick={() => setDialog({ mode: 'add', row: null })}>
            Добавить
          </button>
        ) : null}
      </form>
      {error ? <Message kind="error">{error}</Message> : null}
      {form ? null : <p class="muted small">{readOnlyNote(book)}</p>}
      <Pager page={page} pageSize={50} total={data?.total ?? 0} onPage={setPage} />
      <DataTable
        columns={shown}
        rows={data?.items ?? []}
        rowKey={(_, i) => i}
        sort={sort}
        onSort={(x) => (setSort(x), setPage(1))}
        onRowClick={form ? (r) => setDialog({ mode: 'edit', row: r }) : undefined}
        loading={!data && !error}
      />
      {dialog && form ? (
        <RowDialog
          book={book}
          form={form}
          mode={dialog.mode}
          row={dialog.row}
          onClose={(changed) => {
            setDialog(null);
            if (changed) {
              setReload((n) => n + 1);
              props.onChanged();
            }
          }}
        />
      ) : null}
    </div>
  );
}
