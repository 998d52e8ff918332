import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, can, errorText, latest, query, session, type Page } from '../lib/api';
import { date, dateTime } from '../lib/format';
import { keyInForce, type SigningKeyInfo } from '../lib/signing';
import { useStore } from '../lib/store';
import type { PackProblem, PackRecord, PackResult, TaskEnvelope } from '../lib/types';
import { ask } from '../ui/dialog';
import { Check, Field, Message } from '../ui/form';
import { Link, PageHeader } from '../ui/shell';
import { DataTable, Pager, type Column } from '../ui/table';
import { TaskStatus, runTask, type TaskOutcome } from '../ui/task';
import { currentMonth, monthTitle } from '../lib/months';
import { DownloadButton } from '../ui/files';
import { FlkErrors } from './registries/FlkErrors';
import { Invoices } from './registries/Invoices';
import { Mek } from './registries/Mek';
import { Calculations } from './registries/Calculations';

/** The sections after the pack: what comes back from TFOMS (docs/returns.md). */
const returnsScreens: Record<string, FunctionComponent> = { errors: FlkErrors, invoices: Invoices, calculations: Calculations, mek: Mek };

const sections = [
  { id: 'packs', href: '/registries', label: 'Пакеты', title: 'Реестры: пакеты для ТФОМС' },
  { id: 'errors', href: '/registries/errors', label: 'Ошибки ФЛК', title: 'Реестры: ошибки ФЛК' },
  { id: 'invoices', href: '/registries/invoices', label: 'Счета', title: 'Реестры: счета СМО и ТФОМС' },
  { id: 'calculations', href: '/registries/calculations', label: 'Расчёты', title: 'Реестры: собственные расчёты' },
  { id: 'mek', href: '/registries/mek', label: 'МЭК', title: 'Реестры: перенос случаев МЭК' },
];

export { currentMonth, monthTitle };

/** The download of a pack's zip (the token goes with it), with its own error line. */
export function PackDownload(props: { pack: { id: number; file: string | null } }) {
  if (!props.pack.file) return null;
  return <DownloadButton path={`/api/packs/${props.pack.id}/download`} name={props.pack.file} title="Скачать архив пакета" className="pack-download" />;
}

/** The pack history as a table: checks and packs, newest first. */
export function PackTable(props: { packs: PackRecord[]; loading?: boolean; onPick?: (p: PackRecord) => void; picked?: number | null; compact?: boolean }) {
  const columns: Column<PackRecord>[] = [
    { key: 'createdAt', label: 'Когда', render: (p) => dateTime(p.createdAt) },
    { key: 'month', label: 'Месяц', render: (p) => monthTitle(p.month) },
    { key: 'kind', label: 'Что', render: (p) => (p.checkOnly ? 'проверка' : `пакет № ${p.number}`) },
    { key: 'records', label: 'H записей', className: 'num', render: (p) => p.records },
    { key: 'persons', label: 'L записей', className: 'num', render: (p) => p.persons },
    {
      key: 'excluded',
      label: 'Ошибок',
      className: 'num',
      render: (p) =>
        p.excluded > 0 && props.onPick ? (
          <button type="button" class="link bad" onClick={() => props.onPick!(p)} title="Показать ошибки">
            {p.excluded}
          </button>
        ) : (
          p.excluded
        ),
    },
    { key: 'markedSent', label: 'Отмечено', className: 'num', title: 'Отмечено отправленными', render: (p) => (p.checkOnly ? '' : p.markedSent) },
    {
      key: 'file',
      label: 'Файл',
      render: (p) => (
        <>
          <PackDownload pack={p} />
          {p.signed ? <span class="badge s1 signed" title="Файлы пакета подписаны ЭЦП">ЭЦП</span> : null}
        </>
      ),
    },
    { key: 'createdBy', label: 'Кто' },
  ];
  const brief = ['createdAt', 'month', 'kind', 'records', 'excluded', 'file'];
  return (
    <DataTable
      columns={props.compact ? columns.filter((c) => brief.includes(c.key)) : columns}
      rows={props.packs}
      rowKey={(p) => p.id}
      rowClass={(p) => (p.id === props.picked ? 'picked' : '')}
      loading={props.loading}
      empty="Пакетов и проверок ещё не было"
    />
  );
}

/** "Реестры": Пакеты (check, build, history), Ошибки ФЛК, Счета, Расчёты, МЭК. */
export function Registries(props: { section: string }) {
  const section = sections.find((x) => x.id === props.section) ?? sections[0];
  const Returns = returnsScreens[section.id];
  return (
    <section class="registries">
      <PageHeader title={section.title} />
      <div class="split">
        <nav class="side" aria-label="Реестры">
          <h3>Реестры</h3>
          {sections.map((x) => (
            <Link key={x.id} href={x.href} class={x === section ? 'active' : ''}>
              <span>{x.label}</span>
            </Link>
          ))}
        </nav>
        <div class="main">
          {Returns ? <Returns /> : <Packs />}
        </div>
      </div>
    </section>
  );
}

/** What the status panel shows: a task just run, or the problems of a run picked in the history. */
interface Shown {
  title: string;
  outcome: TaskOutcome<PackResult> | null;
  problems: PackProblem[];
  packId: number | null;
  file: string | null;
}

const failed = (error: string): Shown => ({ title: '', outcome: { envelope: null, error }, problems: [], packId: null, file: null });

/** Kept while the tab lives, so that coming back from a visit shows the same problem table. */
let remembered: { month: string; shown: Shown | null } = { month: currentMonth(), shown: null };

function shownOf(title: string, outcome: TaskOutcome<PackResult>): Shown {
  const r = outcome.envelope?.result ?? null;
  return { title, outcome, problems: r?.problems ?? [], packId: r?.packId ?? null, file: r?.file || null };
}

/** ui.md §4.2: "Проверить" and "Сформировать" (number 1–9, fresh/sent ticked, the login typed), the pack history. */
function Packs() {
  const s = useStore(session);
  const [month, setMonth] = useState(remembered.month);
  const [number, setNumber] = useState('1');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [fresh, setFresh] = useState(true);
  const [markSent, setMarkSent] = useState(true);
  const [signingKey, setSigningKey] = useState<SigningKeyInfo | null>(null);
  const [sign, setSign] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(remembered.shown);
  const [page, setPage] = useState(1);
  const [history, setHistory] = useState<Page<PackRecord> | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    remembered = { month, shown };
  }, [month, shown]);

  // "Подписать ЭЦП" only when the MO has a key; ticked by default while its certificate is in force (docs/signing.md).
  useEffect(
    () =>
      latest(
        api.get<SigningKeyInfo>('/api/mo/signing-key'),
        (k) => {
          setSigningKey(k.configured ? k : null);
          setSign(keyInForce(k));
        },
        () => setSigningKey(null),
      ),
    [],
  );

  useEffect(
    () =>
      latest(
        api.get<Page<PackRecord>>('/api/packs' + query({ page, pageSize: 20 })),
        (p) => {
          setHistory(p);
          setHistoryError(null);
          // ui.md §4.2.1: with nothing run in this tab yet, show the errors of the MO's newest run.
          const newest = p.items[0];
          if (!remembered.shown && page === 1 && newest && newest.excluded > 0) pick(newest);
        },
        (e) => setHistoryError(errorText(e)),
      ),
    [page, tick],
  );

  async function pick(p: PackRecord) {
    try {
      const details = await api.get<{ pack: PackRecord; problems: PackProblem[] }>(`/api/packs/${p.id}`);
      setShown({
        title: `${p.checkOnly ? 'Проверка' : `Пакет № ${p.number}`} за ${monthTitle(p.month).toLowerCase()} от ${dateTime(p.createdAt)}`,
        outcome: null,
        problems: details.problems,
        packId: p.id,
        file: p.file,
      });
    } catch (e) {
      setShown(failed(errorText(e)));
    }
  }

  const validMonth = /^\d{4}-\d{2}$/.test(month);

  async function check() {
    if (!validMonth) return setShown(failed('Выберите месяц'));
    setBusy(`Проверяем талоны за ${monthTitle(month).toLowerCase()}…`);
    setShown(null);
    const outcome = await runTask(api.post<TaskEnvelope<PackResult>>('/api/packs/check', { month }));
    setBusy(null);
    setShown(shownOf(`Проверка за ${monthTitle(month).toLowerCase()}`, outcome));
    setTick((n) => n + 1);
  }

  async function build() {
    setNumberError(null);
    const n = Number(number.trim());
    if (!/^\d$/.test(number.trim()) || n < 1 || n > 9) return setNumberError('Номер пакета: от 1 до 9');
    if (!validMonth) return setShown(failed('Выберите месяц'));
    const login = s?.user.login ?? '';
    const typed = await ask({
      title: 'Формируем XML пакет для ФОМС',
      text:
        `Пакет № ${n} за ${monthTitle(month).toLowerCase()}` +
        (fresh ? ', только ещё не отправленные талоны' : ', открытые и отправленные талоны') +
        (markSent ? '; талоны пакета станут отправленными (закрытыми).' : '; состояние талонов не меняется.') +
        (sign ? ' Файлы будут подписаны ЭЦП.' : '') +
        ' Для подтверждения введите свой логин.',
      input: `Код для задачи — ваш логин (${login})`,
      ok: 'Сформировать',
    });
    if (typed === null) return;
    if (typed.trim() !== login) {
      setShown(failed('Формирование не подтверждено: введён не ваш логин'));
      return;
    }
    setBusy(`Формируем пакет № ${n} за ${monthTitle(month).toLowerCase()}…`);
    setShown(null);
    const outcome = await runTask(
      api.post<TaskEnvelope<PackResult>>('/api/packs', { month, number: n, freshOnly: fresh, markSent, checkOnly: false, sign, confirm: typed.trim() }),
    );
    setBusy(null);
    setShown(shownOf(`Пакет № ${n} за ${monthTitle(month).toLowerCase()}`, outcome));
    setTick((x) => x + 1);
  }

  const writer = can.write(s);
  return (
    <>
      <div class="task">
        <form class="task-form" onSubmit={(e) => e.preventDefault()}>
          <fieldset disabled={busy !== null}>
            <legend>Отчётный месяц</legend>
            <Field label="Месяц" name="month">
              <input type="month" name="month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
            </Field>
            <p class="muted small">Проверка находит ошибки талонов месяца, ничего не меняя и не создавая файла.</p>
            <button type="button" class="primary" onClick={check}>
              Проверить
            </button>
          </fieldset>
          <fieldset disabled={busy !== null || !writer}>
            <legend>Параметры реестра</legend>
            <Field label="Номер пакета" name="number" error={numberError ?? undefined} hint="от 1 до 9">
              <input name="number" class="w3" inputMode="numeric" maxLength={1} value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
            </Field>
            <Check label="Не отправлять принятые" name="fresh" checked={fresh} onChange={setFresh} />
            <Check label="Отметить отправленные" name="markSent" checked={markSent} onChange={setMarkSent} />
            {signingKey ? (
              <>
                <Check label="Подписать ЭЦП" name="sign" checked={sign} onChange={setSign} />
                <p class={`small ${keyInForce(signingKey) ? 'muted' : 'bad'}`} data-testid="signing-key-hint">
                  {signingKey.owner}, сертификат {keyInForce(signingKey) ? 'действует' : 'не действует'} с {date(signingKey.notBefore)} по{' '}
                  {date(signingKey.notAfter)}
                </p>
              </>
            ) : null}
            <p class="muted small">Для настоящей отправки оставьте обе отметки: тогда каждый случай уйдёт в ТФОМС один раз.</p>
            {writer ? (
              <button type="button" class="primary" onClick={build}>
                Сформировать
              </button>
            ) : (
              <p class="muted small">Формировать пакеты могут оператор и администратор.</p>
            )}
          </fieldset>
        </form>
        <TaskStatus busy={busy} outcome={shown?.outcome ?? null} idle={shown ? '' : 'Проверку и формирование за этот сеанс ещё не запускали.'}>
          {shown ? <PackOutcome shown={shown} /> : null}
        </TaskStatus>
      </div>
      <div class="panel">
        <h2>История пакетов</h2>
        {historyError ? <Message kind="error">{historyError}</Message> : null}
        {history && history.total > 20 ? <Pager page={page} pageSize={20} total={history.total} onPage={setPage} /> : null}
        <PackTable packs={history?.items ?? []} loading={history === null && !historyError} onPick={pick} picked={shown?.packId ?? null} />
      </div>
    </>
  );
}

/** The file of a run and the problems of its excluded visits (ui.md §4.2.1: "Талон", "Карта", "Ошибка"). */
function PackOutcome(props: { shown: Shown }) {
  const { shown } = props;
  return (
    <>
      {shown.title && !shown.outcome ? <p class="task-title">{shown.title}</p> : null}
      {shown.file && shown.packId ? (
        <p class="pack-file" data-testid="pack-file">
          Результат, файл: <PackDownload pack={{ id: shown.packId, file: shown.file }} />
        </p>
      ) : null}
      {shown.problems.length ? (
        <div class="pack-problems" data-testid="pack-problems">
          <h3>Ошибки ({shown.problems.length})</h3>
          <DataTable
            columns={[
              { key: 'number', label: 'Талон', className: 'num', render: (p) => <Link href={`/visits/${p.visitId}`}>{p.number}</Link> },
              { key: 'cardNumber', label: 'Карта', render: (p) => <Link href={`/patients/${p.patientId}`}>{p.cardNumber}</Link> },
              { key: 'field', label: 'Поле', render: (p) => p.field ?? '' },
              { key: 'message', label: 'Ошибка', className: 'wrap' },
            ]}
            rows={shown.problems}
            rowKey={(p, i) => `${p.visitId}-${i}`}
          />
        </div>
      ) : null}
    </>
  );
}
