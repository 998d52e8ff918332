import { useEffect, useState } from 'preact/hooks';
import { api, session, type Page } from '../lib/api';
import { monthNames, plural } from '../lib/format';
import { useStore } from '../lib/store';
import { PageHeader, Link } from '../ui/shell';
import { showVisits } from './VisitList';

interface Counts {
  open: number;
  closed: number;
  mek: number;
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

  useEffect(() => {
    setCounts(null);
    Promise.all([total('open', year, month), total('closed', year, month), total('mek', year, month)]).then(
      ([open, closed, mek]) => (setCounts({ open, closed, mek }), setError(null)),
      (e) => setError(String(e.message ?? e)),
    );
  }, [year, month]);

  const shift = (delta: number) => {
    const d = new Date(year, month - 1 + delta, 1);
    setYear(d.getFullYear());
    setMonth(d.getMonth() + 1);
  };
  const all = counts ? counts.open + counts.closed : 0;

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
      </div>
      <div class="columns">
        <div class="panel">
          <h2>Что делать дальше</h2>
          <ol class="next-steps">
            {counts && counts.open > 0 ? (
              <li>
                Просмотрите <a href="/visits" onClick={(e) => (e.preventDefault(), showVisits({ year, month, state: 'open' }))}>{counts.open} {plural(counts.open, 'открытый талон', 'открытых талона', 'открытых талонов')}</a>{' '}
                за {monthNames[month - 1].toLowerCase()}: диагноз, врач, направление, ПМУ.
              </li>
            ) : (
              <li>Открытых талонов за этот месяц нет.</li>
            )}
            {counts && counts.mek > 0 ? (
              <li>
                Исправьте <a href="/visits" onClick={(e) => (e.preventDefault(), showVisits({ year, month, state: 'mek' }))}>отказы МЭК ({counts.mek})</a> — они уйдут в
                следующий пакет как повторные.
              </li>
            ) : null}
            <li>
              Новый пациент — в разделе <Link href="/patients">Пациенты</Link>: найдите карту или создайте новую, затем «Новый талон».
            </li>
            <li>
              Обновите справочники НСИ и тарифы, когда ТФОМС выпускает новые: <Link href="/reference">Справочники</Link>.
            </li>
            <li>Закройте проверенные талоны — после этого их можно включать в реестр.</li>
          </ol>
        </div>
        <div class="panel placeholder">
          <h2>Источники МИС и пакеты</h2>
          <p class="muted">
            Состояние загрузки из МИС, последние пакеты реестров, протоколы ФЛК и счета появятся вместе с
            синхронизацией и реестрами.
          </p>
        </div>
      </div>
    </section>
  );
}
