import { useEffect, useState } from 'preact/hooks';
import { api, errorText, latest, session, type Page } from '../lib/api';
import { monthNames, pad, plural } from '../lib/format';
import { useStore } from '../lib/store';
import type { PackRecord } from '../lib/types';
import { Message } from '../ui/form';
import { PageHeader, Link } from '../ui/shell';
import { PackTable } from './Registries';
import { SourceCard, useSources } from './Sources';
import { pluginStatusNames } from '../ui/sync';
import { showVisits } from './VisitList';

interface Counts {
  open: number;
  closed: number;
  mek: number;
  conflict: number;
}

const total = (state: string, year: number, month: number) =>
  api.get<Page<unknown>>(`/api/visits?year=${year}&month=${month}&state=${state}&pageSize=1`).then((p) => p.total);

/** "Обзор": the report month at a glance and what to do next. */
export function Overview() {
  const s = useStore(session);
  const now = new Date();
  const [year, setYear] = useState(now.getFullYear());
  const [month, setMonth] = useState(now.getMonth() + 1);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [packs, setPacks] = useState<PackRecord[] | null>(null);
  const [packsError, setPacksError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const sources = useSources();

  useEffect(() => {
    setCounts(null);
    return latest(
      Promise.all([total('open', year, month), total('closed', year, month), total('mek', year, month), total('conflict', year, month)]),
      ([open, closed, mek, conflict]) => (setCounts({ open, closed, mek, conflict }), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, [year, month, tick]);
  useEffect(
    () => latest(api.get<Page<PackRecord>>('/api/packs?pageSize=50'), (p) => (setPacks(p.items), setPacksError(null)), (e) => setPacksError(errorText(e))),
    [],
  );

  const shift = (delta: number) => {
    const d = new Date(year, month - 1 + delta, 1);
    setYear(d.getFullYear());
    setMonth(d.getMonth() + 1);
  };
  const all = counts ? counts.open + counts.closed : 0;

  const monthKey = `${year}-${pad(month)}`;
  const monthName = monthNames[month - 1].toLowerCase();
  const ofMonth = (packs ?? []).filter((p) => p.month === monthKey);
  const built = ofMonth.find((p) => !p.checkOnly);
  const lastCheck = ofMonth[0];
  const visitsLink = (state: string, text: string) => (
    <a href="/visits" onClick={(e) => (e.preventDefault(), showVisits({ year, month, state }))}>
      {text}
    </a>
  );
  const hints = [];
  const unplugged = (sources.list ?? []).filter((i) => i.plugin.status !== 'loaded');
  if (unplugged.length === 1)
    hints.push(<>Источник «{unplugged[0].source.name}»: плагин-коннектор {pluginStatusNames[unplugged[0].plugin.status] ?? unplugged[0].plugin.status} — <Link href={`/sources/${unplugged[0].source.id}`}>проверьте источник</Link>.</>);
  else if (unplugged.length > 1)
    hints.push(<>Не работают плагины-коннекторы источников {unplugged.map((i) => `«${i.source.name}»`).join(', ')} — <Link href="/sources">проверьте источники</Link>.</>);
  for (const info of sources.list ?? []) {
    if (info.plugin.status === 'loaded' && info.lastRun && info.lastRun.status !== 'succeeded' && info.lastRun.status !== 'running')
      hints.push(<>Последняя загрузка из «{info.source.name}» {info.lastRun.status === 'partial' ? 'прошла частично' : 'не удалась'}: <Link href={`/sources/${info.source.id}`}>журнал загрузок</Link>.</>);
  }
  if (counts && counts.conflict > 0)
    hints.push(<>Разберите {visitsLink('conflict', `${counts.conflict} ${plural(counts.conflict, 'талон', 'талона', 'талонов')} с конфликтами МИС`)}: МИС изменила поля, исправленные здесь, или отменила случай.</>);
  if (lastCheck && lastCheck.excluded > 0)
    hints.push(<>Последняя проверка за {monthName} нашла ошибки в {lastCheck.excluded} {plural(lastCheck.excluded, 'талоне', 'талонах', 'талонах')}: <Link href="/registries">таблица ошибок</Link> — исправьте и проверьте снова.</>);
  if (counts && counts.open > 0)
    hints.push(<>Просмотрите {visitsLink('open', `${counts.open} ${plural(counts.open, 'открытый талон', 'открытых талона', 'открытых талонов')}`)} за {monthName}: диагноз, врач, направление, ПМУ.</>);
  if (counts && counts.mek > 0)
    hints.push(<>Исправьте {visitsLink('mek', `отказы МЭК (${counts.mek})`)} — они уйдут в следующий пакет как повторные.</>);
  if (packs && !built && counts && counts.open > 0)
    hints.push(<>Пакет за {monthName} ещё не сформирован: <Link href="/registries">Реестры → Пакеты</Link> — сначала «Проверить», затем «Сформировать».</>);
  else if (built) hints.push(<>Пакет № {built.number} за {monthName} сформирован ({built.file}): передайте его в ТФОМС.</>);
  if (counts && counts.open === 0 && counts.mek === 0 && counts.conflict === 0) hints.push(<>Открытых талонов за {monthName} нет.</>);
  hints.push(<>Новый пациент — в разделе <Link href="/patients">Пациенты</Link>: найдите карту или создайте новую, затем «Новый талон».</>);
  hints.push(<>Обновите справочники НСИ и тарифы, когда ТФОМС выпускает новые: <Link href="/reference">Справочники</Link>.</>);

  return (
    <section class="overview">
      <PageHeader title="Обзор">
        <span class="muted">{s?.user.mo?.name}</span>
      </PageHeader>
      <div class="month-switch">
        <button type="button" onClick={() => shift(-1)} aria-label="Предыдущий месяц">
          ‹
        </button>
        <span class="month" data-testid="report-month">
          Отчётный месяц: <b>{monthNames[month - 1]} {year}</b>
        </span>
        <button type="button" onClick={() => shift(1)} aria-label="Следующий месяц">
          ›
        </button>
      </div>
      {error ? <div class="message error">{error}</div> : null}
      <div class="cards">
        <button type="button" class="card" onClick={() => showVisits({ year, month, state: '' })}>
          <span class="big">{counts ? all : '…'}</span>
          <span>всего талонов</span>
        </button>
        <button type="button" class="card open" onClick={() => showVisits({ year, month, state: 'open' })}>
          <span class="big" data-testid="count-open">{counts ? counts.open : '…'}</span>
          <span>открытых — на проверке и исправлении</span>
        </button>
        <button type="button" class="card closed" onClick={() => showVisits({ year, month, state: 'closed' })}>
          <span class="big" data-testid="count-closed">{counts ? counts.closed : '…'}</span>
          <span>закрытых — готовы или отправлены</span>
        </button>
        <button type="button" class="card mek" onClick={() => showVisits({ year, month, state: 'mek' })}>
          <span class="big" data-testid="count-mek">{counts ? counts.mek : '…'}</span>
          <span>отказов МЭК — исправить и отправить повторно</span>
        </button>
        <button type="button" class="card problem" onClick={() => showVisits({ year, month, state: 'conflict' })}>
          <span class="big" data-testid="count-conflict">{counts ? counts.conflict : '…'}</span>
          <span>с конфликтами МИС — разобрать на вкладке «Источник»</span>
        </button>
      </div>
      <div class="columns">
        <div class="panel">
          <h2>Что делать дальше</h2>
          <ol class="next-steps" data-testid="next-steps">
            {hints.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ol>
        </div>
        <div class="side-panels">
          <div class="panel">
            <h2>
              <Link href="/sources">Источники МИС</Link>
            </h2>
            {sources.error ? <Message kind="error">{sources.error}</Message> : null}
            {sources.list?.length === 0 ? <p class="muted">Источников нет: талоны вводятся вручную.</p> : null}
            {sources.list?.map((info) => (
              <SourceCard
                key={info.source.id}
                info={info}
                compact
                onFinished={() => {
                  sources.reload();
                  setTick((n) => n + 1);
                }}
              />
            ))}
          </div>
          <div class="panel">
            <h2>
              <Link href="/registries">Последние пакеты</Link>
            </h2>
            {packsError ? <Message kind="error">{packsError}</Message> : null}
            <PackTable packs={(packs ?? []).slice(0, 5)} loading={packs === null && !packsError} compact />
          </div>
        </div>
      </div>
    </section>
  );
}
