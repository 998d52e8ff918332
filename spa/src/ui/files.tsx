import { useState } from 'preact/hooks';
import { download, errorText } from '../lib/api';

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
