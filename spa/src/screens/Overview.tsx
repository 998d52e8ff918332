import { useEffect, useState } from 'preact/hooks';
import { api, errorText, latest, session, type Page } from '../lib/api';
import { monthNames, pad } from '../lib/format';
import { useStore } from '../lib/store';
import type { PackRecord, VisitCounts } from '../lib/types';
import { Message } from '../ui/form';
import { PageHeader, Link } from '../ui/shell';
import { PackTable } from './Registries';
import { SourceCard, useSources } from './Sources';
import { showVisits } from './VisitList';
import { StageCards } from './overview/StageCards';
import { nextSteps } from './overview/nextSteps';

/** The month shown, kept while the tab lives: back from a card's list, the overview is still on that month. */
let remembered: { year: number; month: number } | null = null;

/** "Обзор": the report month at a glance — its visits by stage, the MIS sources, the latest packs — and what to do next. */
export function Overview() {
  const s = useStore(session);
  const now = new Date();
  const [year, setYear] = useState(remembered?.year ?? now.getFullYear());
  const [month, setMonth] = useState(remembered?.month ?? now.getMonth() + 1);
  const [counts, setCounts] = useState<VisitCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [packs, setPacks] = useState<PackRecord[] | null>(null);
  const [packsError, setPacksError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const sources = useSources();

  useEffect(() => {
    remembered = { year, month };
    setCounts(null);
    return latest(
      api.get<VisitCounts>(`/api/visits/counts?year=${year}&month=${month}`),
      (c) => (setCounts(c), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, [year, month, tick]);
  useEffect(
    () => latest(api.get<Page<PackRecord>>('/api/packs?pageSize=50'), (p) => (setPacks(p.items), setPacksError(null)), (e) => setPacksError(errorText(e))),
    [tick],
  );

  const shift = (delta: number) => {
    const d = new Date(year, month - 1 + delta, 1);
    setYear(d.getFullYear());
    setMonth(d.getMonth() + 1);
  };

  const monthKey = `${year}-${pad(month)}`;
  const hints = nextSteps({
    counts,
    sources: sources.list ?? [],
    packs: packs && packs.filter((p) => p.month === monthKey),
    monthName: monthNames[month - 1].toLowerCase(),
    visitsLink: (state, text) => (
      <a href="/visits" onClick={(e) => (e.preventDefault(), showVisits({ year, month, state }))}>
        {text}
      </a>
    ),
  });

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
      <StageCards year={year} month={month} counts={counts} />
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
