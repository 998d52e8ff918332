import { useEffect, useState } from 'preact/hooks';
import { download, errorText, upload } from '../lib/api';
import type { TaskEnvelope } from '../lib/types';
import { runTask, type TaskOutcome } from './task';

/** Where a file the hub produced for the MO (a register, a CSV) is downloaded from. */
export const producedFile = (name: string) => `/api/files/${encodeURIComponent(name)}`;

/** A button-link that downloads a file with the token, with its own error line (ui.md §1.3(k) "Результат, Файл"). */
export function DownloadButton(props: { path: string; name: string; title?: string; className?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span class={props.className ?? 'file-link'}>
      <button
        type="button"
        class="link"
        disabled={busy}
        title={props.title ?? 'Скачать файл'}
        onClick={async () => {
          setError(null);
          setBusy(true);
          try {
            await download(props.path, props.name);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {props.name}
      </button>
      {error ? <span class="bad small"> {error}</span> : null}
    </span>
  );
}

/** "Результат, файл: <name>" under a task's message. */
export function ResultFile(props: { name: string | null | undefined }) {
  if (!props.name) return null;
  return (
    <p class="file-link" data-testid="result-file">
      Результат, файл: <DownloadButton path={producedFile(props.name)} name={props.name} />
    </p>
  );
}

/**
 * "Выбрать файл": a button that opens the file chooser (reachable with Tab, opened with Enter or Space) and the
 * chosen name beside it. `resetKey` changes to clear the choice after an import.
 */
export function FilePick(props: { name: string; accept: string; file: File | null; onPick: (file: File | null) => void; resetKey?: number }) {
  return (
    <div class="file-pick">
      <label class="button">
        Выбрать файл
        <input
          key={props.resetKey}
          type="file"
          name={props.name}
          class="visually-hidden"
          accept={props.accept}
          onChange={(e) => props.onPick(e.currentTarget.files?.[0] ?? null)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.click();
            }
          }}
        />
      </label>
      <span class={props.file ? 'file-name' : 'muted'} data-testid={`${props.name}-name`}>
        {props.file ? props.file.name : 'файл не выбран'}
      </span>
    </div>
  );
}

/** An upload task's state: the file chosen, the progress, the hub's answer; `run` sends it. */
export interface UploadTask<R> {
  file: File | null;
  pick: (file: File | null) => void;
  resetKey: number;
  busy: string | null;
  percent: number | null;
  outcome: TaskOutcome<R> | null;
  fail: (error: string) => void;
  run: (fields: Record<string, string>) => Promise<void>;
}

/**
 * Uploads the chosen file (field `files`) with the given fields to a task endpoint: the share sent while it goes,
 * then "`processing`" until the hub answers; a done task clears the choice and calls `onDone`. The outcome starts as
 * `initial` and is handed to `keep` on every change (screens remember it while the tab lives).
 */
export function useUploadTask<R>(
  path: string,
  processing: string,
  options: { initial: TaskOutcome<R> | null; keep: (outcome: TaskOutcome<R> | null) => void; onDone: () => void },
): UploadTask<R> {
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<TaskOutcome<R> | null>(options.initial);
  const keep = options.keep;
  useEffect(() => keep(outcome), [outcome]);

  async function run(fields: Record<string, string>) {
    if (!file) return;
    const body = new FormData();
    body.append('files', file);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    setOutcome(null);
    setBusy(`Загрузка файла ${file.name}…`);
    setPercent(0);
    const result = await runTask(
      upload<TaskEnvelope<R>>(path, body, (p) => {
        if (p < 100) return setPercent(p);
        setPercent(null);
        setBusy(processing);
      }),
    );
    setBusy(null);
    setPercent(null);
    setOutcome(result);
    if (result.envelope?.done) {
      setFile(null);
      setResetKey((n) => n + 1);
      options.onDone();
    }
  }

  return { file, pick: setFile, resetKey, busy, percent, outcome, fail: (error) => setOutcome({ envelope: null, error }), run };
}
