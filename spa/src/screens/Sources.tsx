import { useEffect, useState } from 'preact/hooks';
import { api, can, errorText, latest, saveProblem, session } from '../lib/api';
import { flash, takeFlash } from '../lib/flash';
import { dateTime } from '../lib/format';
import { navigate, useLeaveGuard } from '../lib/router';
import { useStore } from '../lib/store';
import type { RunWithProblems, SourceInfo, SourceRecord } from '../lib/types';
import { Check, EditorForm, Field, KeyValueRows, Message, Row, SaveButton } from '../ui/form';
import { Link, PageHeader } from '../ui/shell';
import { RunStatus, RunSummary, SyncControl, pluginStatusNames, triggerNames } from '../ui/sync';
import { DataTable } from '../ui/table';
import { Progress } from '../ui/task';

/** Connector ids of docs/sync.md, offered as suggestions (any installed plugin id may be typed). */
const knownConnectors = ['omslite-legacy', 'sql-firebird', 'sql-postgresql', 'sql-sqlserver'];

/** The plugin's state: green when loaded, red with the reason otherwise. */
export function PluginState(props: { info: SourceInfo }) {
  const p = props.info.plugin;
  const ok = p.status === 'loaded';
  return (
    <span class={`plugin-state ${ok ? 'ok' : 'bad'}`} data-testid="plugin-status">
      <span class={`badge ${ok ? 's1' : 'mek'}`}>{pluginStatusNames[p.status] ?? p.status}</span>{' '}
      <span class="muted">
        {props.info.source.connector}
        {p.version ? ` ${p.version}` : ''}
      </span>
      {!ok && p.error && p.status !== 'missing' ? <span class="bad small plugin-error">{p.error}</span> : null}
    </span>
  );
}

/** One source at a glance (the list and the overview): plugin, last run, "Синхронизировать" with progress. */
export function SourceCard(props: { info: SourceInfo; compact?: boolean; onFinished?: () => void }) {
  const { info } = props;
  const src = info.source;
  return (
    <div class="source-card" data-testid={`source-${src.name}`}>
      <div class="source-head">
        <Link href={`/sources/${src.id}`} class="source-name">
          {src.name}
        </Link>
        <PluginState info={info} />
        {!src.enabled ? <span class="badge s2">отключён</span> : null}
        {props.compact ? null : (
          <Link href={`/sources/${src.id}`} class="source-more small">
            журнал загрузок и настройки
          </Link>
        )}
      </div>
      {props.compact ? null : (
        <div class="source-props">
          <span>
            <span class="label">Подключение</span> <code>{src.connection || '—'}</code>
          </span>
          <span>
            <span class="label">Расписание</span> {src.schedule ? <code>{src.schedule}</code> : 'только вручную'}
          </span>
        </div>
      )}
      <div class="source-last">
        <span class="label">Последняя загрузка</span> <RunSummary run={info.lastRun} />
      </div>
      <SyncControl info={info} onFinished={props.onFinished} />
    </div>
  );
}

/** GET /api/sources, reloadable. */
export function useSources() {
  const [list, setList] = useState<SourceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => latest(api.get<SourceInfo[]>('/api/sources'), (l) => (setList(l), setError(null)), (e) => setError(errorText(e))), [tick]);
  return { list, error, reload: () => setTick((n) => n + 1) };
}

/** "Источники": the MO's MIS sources (docs/sync.md). Everybody sees them; admins add and edit, operators sync. */
export function SourceList() {
  const s = useStore(session);
  const sources = useSources();
  const [notice] = useState(takeFlash());
  return (
    <section class="sources">
      <PageHeader title="Источники">
        <span class="muted">Базы МИС, из которых Omslite забирает случаи ОМС.</span>
        {can.admin(s) ? (
          <Link href="/sources/new" class="button primary">
            Добавить источник
          </Link>
        ) : null}
      </PageHeader>
      {notice ? <Message kind="ok">{notice}</Message> : null}
      {sources.error ? <Message kind="error">{sources.error}</Message> : null}
      {sources.list === null && !sources.error ? <p class="muted">Загрузка…</p> : null}
      {sources.list?.length === 0 ? (
        <div class="panel placeholder">
          <p>Источников МИС пока нет: талоны вводятся вручную.</p>
          {can.admin(s) ? <p class="muted">Добавьте источник, укажите плагин-коннектор и строку подключения к базе МИС.</p> : null}
        </div>
      ) : null}
      <div class="source-list">
        {sources.list?.map((info) => <SourceCard key={info.source.id} info={info} onFinished={sources.reload} />)}
      </div>
    </section>
  );
}

interface SourceForm {
  name: string;
  connector: string;
  connectionString: string;
  schedule: string;
  enabled: boolean;
  settings: [string, string][];
}

const emptyForm: SourceForm = { name: '', connector: '', connectionString: '', schedule: '', enabled: true, settings: [] };

function formOf(src: SourceRecord): SourceForm {
  return {
    name: src.name,
    connector: src.connector,
    connectionString: '',
    schedule: src.schedule ?? '',
    enabled: src.enabled,
    settings: Object.entries(src.settings),
  };
}

/** "/sources/:id" and "/sources/new": the connection form, the connection test, sync with a period, the run history. */
export function SourceDetail(props: { id: string | null }) {
  const s = useStore(session);
  const admin = can.admin(s);
  const [info, setInfo] = useState<SourceInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<SourceForm>(emptyForm);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(takeFlash());
  const [saving, setSaving] = useState(false);
  const [runsTick, setRunsTick] = useState(0);

  /** Reads the source; the form too unless `keepForm` (after a sync, edits in progress stay). */
  async function load(keepForm = false) {
    if (!props.id) return;
    try {
      const list = await api.get<SourceInfo[]>('/api/sources');
      const found = list.find((x) => String(x.source.id) === props.id);
      if (!found) return setLoadError(`Источник ${props.id} не найден`);
      setInfo(found);
      if (keepForm) return;
      setForm(formOf(found.source));
      setDirty(false);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }
  useEffect(() => {
    load();
  }, [props.id]);
  useLeaveGuard(dirty && admin, 'источнике');

  const set = (part: Partial<SourceForm>) => {
    setForm((f) => ({ ...f, ...part }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in part))));
    setDirty(true);
  };

  async function save() {
    setSummary(null);
    setNotice(null);
    setSaving(true);
    const body = {
      name: form.name.trim(),
      connector: form.connector.trim(),
      connectionString: form.connectionString.trim() || null,
      schedule: form.schedule.trim() || null,
      enabled: form.enabled,
      settings: Object.fromEntries(form.settings.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v])),
    };
    try {
      if (info) {
        await api.put<SourceRecord>(`/api/sources/${info.source.id}`, body);
        setErrors({});
        await load();
        setNotice(`Источник «${body.name}» сохранён`);
      } else {
        const saved = await api.post<SourceRecord>('/api/sources', body);
        setDirty(false);
        flash.set(`Источник «${saved.name}» добавлен`);
        navigate(`/sources/${saved.id}`, { replace: true, force: true });
      }
    } catch (e) {
      const problem = saveProblem(e);
      setErrors(problem.errors);
      setSummary(problem.summary);
    } finally {
      setSaving(false);
    }
  }

  if (loadError)
    return (
      <section>
        <Message kind="error">{loadError}</Message>
        <Link href="/sources">К списку источников</Link>
      </section>
    );
  if (props.id && !info) return <p class="muted">Загрузка…</p>;
  const title = info ? `Источник «${info.source.name}»` : 'Новый источник';

  return (
    <section class="source-detail">
      <PageHeader title={title}>
        <Link href="/sources" class="button">
          К списку
        </Link>
        {admin ? <SaveButton saving={saving} onClick={save} /> : null}
      </PageHeader>
      {summary ? <Message kind="error">{summary}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      {info?.source.fromConfiguration ? (
        <Message kind="info">Источник задан в настройках сервера (Omslite__Sources): при перезапуске хаба они снова применятся.</Message>
      ) : null}
      <div class="source-columns">
        <div class="panel">
          <h2>Подключение</h2>
          <EditorForm onSave={save} className="plain">
            <Row>
              <Field label="Имя источника" name="name" error={errors.name} hint="уникальное в МО, например clinic-mis">
                <input name="name" class="w14" value={form.name} readOnly={!admin} onInput={(e) => set({ name: e.currentTarget.value })} />
              </Field>
              <Field label="Плагин-коннектор" name="connector" error={errors.connector}>
                <input
                  name="connector"
                  class="w14"
                  list="dl-connectors"
                  value={form.connector}
                  readOnly={!admin}
                  onInput={(e) => set({ connector: e.currentTarget.value })}
                />
                <datalist id="dl-connectors">
                  {knownConnectors.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
              </Field>
              {info ? (
                <div class="field">
                  <span class="label">Плагин</span>
                  <PluginState info={info} />
                </div>
              ) : null}
            </Row>
            <Row>
              <Field
                label="Строка подключения к базе МИС"
                name="connectionString"
                error={errors.connectionString}
                wide
                hint={info ? 'Сейчас: ' + (info.source.connection || 'не задана') + '. Пусто — оставить как есть; введите новую, чтобы заменить.' : 'Хранится зашифрованной; пароль потом показывается как ***.'}
              >
                {admin ? (
                  <input
                    name="connectionString"
                    autocomplete="off"
                    spellcheck={false}
                    placeholder={info?.source.connection || 'Host=…;Database=…;Username=…;Password=…'}
                    value={form.connectionString}
                    onInput={(e) => set({ connectionString: e.currentTarget.value })}
                  />
                ) : (
                  <input name="connectionString" readOnly value={info?.source.connection ?? ''} />
                )}
              </Field>
            </Row>
            <Row>
              <Field label="Расписание (cron)" name="schedule" error={errors.schedule} hint="*/15 * * * * — каждые 15 минут; пусто — только вручную">
                <input name="schedule" class="w14 code" placeholder="*/15 * * * *" value={form.schedule} readOnly={!admin} onInput={(e) => set({ schedule: e.currentTarget.value })} />
              </Field>
              <div class="checks">
                <Check label="Включён" name="enabled" checked={form.enabled} disabled={!admin} onChange={(c) => set({ enabled: c })} />
              </div>
            </Row>
            <KeyValueRows legend="Настройки коннектора" rows={form.settings} readOnly={!admin} onChange={(settings) => set({ settings })} />
          </EditorForm>
          {info && admin ? <ConnectionTest sourceId={info.source.id} dirty={dirty} /> : null}
        </div>
        {info ? (
          <div class="panel">
            <h2>Синхронизация</h2>
            <p class="muted small">
              Последняя загрузка: <RunSummary run={info.lastRun} />
            </p>
            <SyncControl
              info={info}
              withPeriod
              onFinished={() => {
                setRunsTick((n) => n + 1);
                load(true);
              }}
            />
          </div>
        ) : null}
      </div>
      {info ? <RunHistory sourceId={info.source.id} tick={runsTick} /> : null}
    </section>
  );
}

/** "Проверить подключение": the connector's answer and what to fix. */
function ConnectionTest(props: { sourceId: number; dirty: boolean }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; problems: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function test() {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.post(`/api/sources/${props.sourceId}/test`));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="connection-test">
      <div class="buttons">
        <button type="button" onClick={test} disabled={busy}>
          Проверить подключение
        </button>
        {props.dirty ? <span class="muted small">Проверяется сохранённое подключение: сначала сохраните изменения.</span> : null}
      </div>
      {busy ? <Progress>Подключаемся к базе МИС…</Progress> : null}
      {result ? (
        <div class={`task-message ${result.ok ? 'done' : 'failed'}`} data-testid="connection-result">
          <p>{result.message}</p>
          {result.problems.length ? (
            <ul class="problems">
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <Message kind="error">{error}</Message> : null}
    </div>
  );
}

/** The last 20 runs; a run's failed cases under the table when it is picked. */
function RunHistory(props: { sourceId: number; tick: number }) {
  const [runs, setRuns] = useState<RunWithProblems[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(
    () => latest(api.get<RunWithProblems[]>(`/api/sources/${props.sourceId}/runs`), (r) => (setRuns(r), setError(null)), (e) => setError(errorText(e))),
    [props.sourceId, props.tick],
  );
  const shown = runs?.find((r) => r.run.id === picked) ?? runs?.find((r) => r.problems.length > 0 && r === runs[0]);
  return (
    <div class="panel run-history">
      <h2>Журнал загрузок</h2>
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable
        columns={[
          { key: 'startedAt', label: 'Начало', render: (r) => dateTime(r.run.startedAt) },
          { key: 'finishedAt', label: 'Конец', render: (r) => dateTime(r.run.finishedAt) },
          { key: 'trigger', label: 'Запуск', render: (r) => `${triggerNames[r.run.trigger] ?? r.run.trigger}${r.run.startedBy && r.run.trigger === 'manual' ? ` (${r.run.startedBy})` : ''}` },
          { key: 'status', label: 'Итог', render: (r) => <RunStatus run={r.run} /> },
          { key: 'read', label: 'Прочитано', className: 'num', render: (r) => r.run.read },
          { key: 'new', label: 'Новых', className: 'num', render: (r) => r.run.new },
          { key: 'updated', label: 'Обновлено', className: 'num', render: (r) => r.run.updated },
          { key: 'unchanged', label: 'Без изм.', className: 'num', title: 'Без изменений', render: (r) => r.run.unchanged },
          { key: 'conflicts', label: 'Конфликты', className: 'num', render: (r) => r.run.conflicts },
          { key: 'skipped', label: 'Пропущено', className: 'num', render: (r) => r.run.skipped },
          {
            key: 'failed',
            label: 'Не загружено',
            className: 'num',
            render: (r) =>
              r.problems.length ? (
                <button type="button" class="link" onClick={() => setPicked(r.run.id)} title="Показать не загруженные случаи">
                  {r.run.failed}
                </button>
              ) : (
                r.run.failed
              ),
          },
          { key: 'error', label: 'Ошибка', className: 'wrap', render: (r) => (r.run.error ? <span class="bad">{r.run.error}</span> : '') },
        ]}
        rows={runs ?? []}
        rowKey={(r) => r.run.id}
        rowClass={(r) => (r.run.id === shown?.run.id ? 'picked' : '')}
        loading={runs === null && !error}
        empty="Источник ещё не синхронизировался"
      />
      {shown && shown.problems.length ? (
        <div class="run-problems" data-testid="run-problems">
          <h3>
            Не загруженные случаи запуска {dateTime(shown.run.startedAt)} ({shown.problems.length}
            {shown.run.failed > shown.problems.length ? ` из ${shown.run.failed}` : ''})
          </h3>
          <DataTable
            columns={[
              { key: 'sourceKey', label: 'Случай в МИС' },
              { key: 'message', label: 'Причина', className: 'wrap' },
            ]}
            rows={shown.problems}
            rowKey={(p, i) => `${p.sourceKey}-${i}`}
          />
        </div>
      ) : null}
    </div>
  );
}
