import { dateTime } from '../../lib/format';
import { visitStages } from '../../lib/stages';
import type { VisitCounts } from '../../lib/types';
import { showVisits } from '../VisitList';

/**
 * The month's visits at a glance: the totals by status (and those a sync flagged), then one card per stage — each
 * visit counted once, the cards add up to the total; a click opens Случаи filtered to exactly those visits.
 * "Введены вручную" shows only when there are such visits.
 */
export function StageCards(props: { year: number; month: number; counts: VisitCounts | null }) {
  const { year, month, counts } = props;
  const open = (state: string) => showVisits({ year, month, state });
  const count = (n: number | undefined, testId: string, state: string) => (
    <a href="/visits" data-testid={testId} onClick={(e) => (e.preventDefault(), open(state))}>
      {counts ? n : '…'}
    </a>
  );
  const stages = visitStages.filter((s) => s.key !== 'manual' || (counts?.manual ?? 0) > 0);
  return (
    <>
      <p class="month-summary" data-testid="month-summary">
        Талонов за месяц: <b>{count(counts?.total, 'count-total', '')}</b> — открытых {count(counts?.open, 'count-open', 'open')}, закрытых{' '}
        {count(counts?.closed, 'count-closed', 'closed')}, с конфликтами МИС {count(counts?.conflict, 'count-conflict', 'conflict')}.{' '}
        <span class="muted">
          Каждый талон — ровно в одной карточке ниже;{' '}
          {counts?.checkedAt ? `«с замечаниями» и «готовы» — по проверке ${dateTime(counts.checkedAt)}.` : 'месяц ещё не проверялся.'}
        </span>
      </p>
      <div class="cards stages">
        {stages.map((s) => (
          <button
            key={s.key}
            type="button"
            class={`card stage-${s.key}${counts && counts[s.key] === 0 ? ' zero' : ''}`}
            data-testid={`stage-${s.key}`}
            title={s.rule}
            onClick={() => open(s.key)}
          >
            <span class="big" data-testid={`count-${s.key}`}>
              {counts ? counts[s.key] : '…'}
            </span>
            <span class="label">{s.label}</span>
            <span class="hint">{s.hint}</span>
          </button>
        ))}
      </div>
    </>
  );
}
