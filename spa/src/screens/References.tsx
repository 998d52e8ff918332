import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, can, session, type Page, errorText } from '../lib/api';
import { forgetBooks } from '../lib/books';
import { useStore } from '../lib/store';
import { Link, PageHeader } from '../ui/shell';
import { Message } from '../ui/form';
import { TaskStatus, runTask, type TaskOutcome } from '../ui/task';
import type { TaskEnvelope } from '../lib/types';
import type { BookInfo } from './references/bookInfo';
import { BookTable } from './references/BookTable';

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
          {current ? (
            <BookTable
              key={current.id}
              book={current}
              onChanged={() => {
                forgetBooks(); // the visit and card forms resolve codes against these books
                setReload((n) => n + 1);
              }}
            />
          ) : props.book && books ? (
            <Message kind="error">Справочник «{props.book}» не найден</Message>
          ) : !props.book ? (
            <p class="muted">Выберите справочник слева.</p>
          ) : null}
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
