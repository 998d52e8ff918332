import { useEffect, useRef, useState } from 'preact/hooks';
import { api, can, errorText, session, ApiFailure } from '../lib/api';
import { dateTime, plural } from '../lib/format';
import { useStore } from '../lib/store';
import type { RunWithProblems, SourceInfo, SyncRun } from '../lib/types';
import { Message } from './form';
import { Progress } from './task';

export const runStatusNames: Record<string, string> = {
  running: 'идёт',
  succeeded: 'успешно',
  partial: 'частично',
  failed: 'ошибка',
};

export const pluginStatusNames: Record<string, string> = {
  loaded: 'загружен',
  missing: 'не установлен',
  broken: 'не загружается',
  incompatible: 'несовместимая версия',
};

export const triggerNames: Record<string, string> = { manual: 'вручную', schedule: 'по расписанию', start: 'при запуске', cli: 'из командной строки' };

/** "прочитано 120: новых 100, обновлено 5, …" — the non-zero counts of a run. */
export function runCounts(run: SyncRun): string {
  const parts = [
    [run.new, 'новых'],
    [run.updated, 'обновлено'],
    [run.unchanged, 'без изменений'],
    [run.conflicts, 'с конфликтами'],
    [run.skipped, 'пропущено'],
    [run.failed, 'не загружено'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, label]) => `${label} ${n}`);
  return `прочитано ${run.read}${parts.length ? ': ' + parts.join(', ') : ''}`;
}

/** The status of a run as a coloured badge. */
export function RunStatus(props: { run: SyncRun }) {
  return <span class={`badge run-${props.run.status}`}>{runStatusNames[props.run.status] ?? props.run.status}</span>;
}

/** One line about a run: when, how it ended, the counts, and the error in red. */
export function RunSummary(props: { run: SyncRun | null }) {
  const run = props.run;
  if (!run) return <span class="muted">Ещё не синхронизировался</span>;
  return (
    <span class="run-summary" data-testid="run-summary">
      {dateTime(run.finishedAt ?? run.startedAt)} <RunStatus run={run} />{' '}
      {run.status === 'failed' && run.read === 0 ? null : <span class="muted">{runCounts(run)}</span>}
      {run.error ? <span class="bad run-error">{run.error}</span> : null}
    </span>
  );
}

const pollEvery = 1000;
/** Polls without the started run appearing in the history before giving up (a run another hub holds). */
const patience = 20;

/**
 * "Синхронизировать" with live progress: starts the run (202), then polls the source's run history every second
 * while it runs — the read count grows batch by batch — and hands the finished run back.
 */
export function useSourceSync(info: SourceInfo, onFinished: (run: SyncRun) => void) {
  const [run, setRun] = useState<SyncRun | null>(info.lastRun);
  const [watching, setWatching] = useState(info.running || info.lastRun?.status === 'running');
  const [error, setError] = useState<string | null>(null);
  // The run to wait for is the first one newer than this id.
  const after = useRef(info.lastRun ? (info.lastRun.status === 'running' ? info.lastRun.id - 1 : info.lastRun.id) : 0);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (!watching) return;
    let misses = 0;
    let live = true;
    const tick = async () => {
      try {
        const runs = await api.get<RunWithProblems[]>(`/api/sources/${info.source.id}/runs`);
        if (!live) return;
        const newest = runs[0]?.run;
        if (newest && newest.id > after.current) {
          setRun(newest);
          if (newest.status !== 'running') {
            setWatching(false);
            finished.current(newest);
          }
        } else if (++misses >= patience) {
          setWatching(false);
          setError('Запуск не появился в журнале: возможно, источник сейчас синхронизирует другой сервер Omslite. Обновите страницу через минуту.');
        }
      } catch (e) {
        if (!live) return;
        setWatching(false);
        setError(errorText(e));
      }
    };
    tick();
    const timer = setInterval(tick, pollEvery);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [watching, info.source.id]);

  async function start(period?: { from: string; to: string }) {
    setError(null);
    try {
      // Whatever ran since this screen loaded (the schedule, a colleague) is not the run to wait for.
      const runs = await api.get<RunWithProblems[]>(`/api/sources/${info.source.id}/runs`);
      after.current = runs[0]?.run.id ?? 0;
      await api.post(`/api/sources/${info.source.id}/sync`, period?.from ? { from: period.from, to: period.to || period.from } : {});
      setWatching(true);
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 409) {
        // Already running: follow that run instead.
        after.current -= 1;
        setWatching(true);
      }
      setError(errorText(e));
    }
  }

  return { run, running: watching, error, start };
}

/** The sync control of one source: the button (admins and operators), the progress, then the result. */
export function SyncControl(props: { info: SourceInfo; withPeriod?: boolean; onFinished?: (run: SyncRun) => void }) {
  const s = useStore(session);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [justFinished, setJustFinished] = useState(false);
  const sync = useSourceSync(props.info, (run) => {
    setJustFinished(true);
    props.onFinished?.(run);
  });
  const run = sync.run;
  const blocked = props.info.plugin.status !== 'loaded';
  return (
    <div class="sync-control">
      {can.write(s) ? (
        <form
          class="sync-form"
          onSubmit={(e) => {
            e.preventDefault();
            setJustFinished(false);
            sync.start(from.trim() ? { from: from.trim(), to: to.trim() } : undefined);
          }}
        >
          {props.withPeriod ? (
            <>
              <label class="field">
                <span class="label">С месяца</span>
                <input name="syncFrom" class="w6" placeholder="ГГГГ-ММ" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
              </label>
              <label class="field">
                <span class="label">по месяц</span>
                <input name="syncTo" class="w6" placeholder="ГГГГ-ММ" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
              </label>
            </>
          ) : null}
          <button type="submit" class="primary" disabled={sync.running} title={blocked ? 'Плагин-коннектор не загружен: запуск покажет причину' : undefined}>
            {sync.running ? 'Синхронизация…' : 'Синхронизировать'}
          </button>
          {props.withPeriod ? <span class="muted small">Без периода — случаи, изменённые с прошлой загрузки; с периодом — все случаи этих отчётных месяцев.</span> : null}
        </form>
      ) : null}
      {sync.running ? (
        <Progress>
          {run?.status === 'running'
            ? `Идёт синхронизация: прочитано ${run.read} ${plural(run.read, 'случай', 'случая', 'случаев')}…`
            : 'Запуск синхронизации…'}
        </Progress>
      ) : null}
      {!sync.running && run && justFinished ? (
        <Message kind={run.status === 'succeeded' ? 'ok' : run.status === 'partial' ? 'warn' : 'error'}>
          <span data-testid="sync-result">
            Синхронизация {run.status === 'succeeded' ? 'завершена' : run.status === 'partial' ? 'завершена частично' : 'не удалась'}:{' '}
            {run.status === 'failed' && run.read === 0 ? run.error : `${runCounts(run)}.${run.error ? ` ${run.error}` : ''}`}
          </span>
        </Message>
      ) : null}
      {sync.error ? <Message kind="error">{sync.error}</Message> : null}
    </div>
  );
}
