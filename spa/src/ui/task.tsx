import type { ComponentChildren } from 'preact';
import { ApiFailure, errorText } from '../lib/api';
import type { TaskEnvelope } from '../lib/types';
import { Message, enterToNext } from './form';

/** What a task request came to: the hub's envelope (done or not), or a transport error that has no envelope. */
export type TaskOutcome<R> = { envelope: TaskEnvelope<R>; error: null } | { envelope: null; error: string };

/**
 * Runs a task request (imports, packs): a refused task still answers the envelope (HTTP 400 with its red message),
 * so that is shown like an answer; anything else — no network, 403, 500 — is an error sentence.
 */
export async function runTask<R>(request: Promise<TaskEnvelope<R>>): Promise<TaskOutcome<R>> {
  try {
    return { envelope: await request, error: null };
  } catch (e) {
    if (e instanceof ApiFailure && e.body && typeof e.body === 'object' && 'done' in e.body) {
      return { envelope: e.body as TaskEnvelope<R>, error: null };
    }
    return { envelope: null, error: errorText(e) };
  }
}

/**
 * A progress bar with what is going on ("Проверяем талоны…"): indeterminate, or filled to `percent` when the share
 * done is known (an upload).
 */
export function Progress(props: { children: ComponentChildren; percent?: number | null }) {
  const known = props.percent !== undefined && props.percent !== null;
  return (
    <div class="progress" role="progressbar" aria-busy="true" aria-valuemin={0} aria-valuemax={100} aria-valuenow={known ? props.percent! : undefined}>
      <div class="progress-track">
        <div class={known ? 'progress-fill' : 'progress-bar'} style={known ? { width: `${props.percent}%` } : undefined} />
      </div>
      <span class="progress-text">{props.children}</span>
    </div>
  );
}

/**
 * The right-hand "Статус обработки" panel of ui.md §1.3(k): progress while the task runs, then the hub's message —
 * blue when done, red otherwise — and what the task returned (a download, a problem table).
 */
export function TaskStatus<R>(props: {
  busy: string | null;
  outcome: TaskOutcome<R> | null;
  idle: string;
  /** The share done, when known (an upload); otherwise the bar runs without end. */
  percent?: number | null;
  children?: ComponentChildren;
}) {
  const { busy, outcome } = props;
  return (
    <div class="task-status">
      <h3>Статус обработки</h3>
      {busy ? <Progress percent={props.percent}>{busy}</Progress> : null}
      {!busy && outcome?.envelope ? (
        <p class={`task-message ${outcome.envelope.done ? 'done' : 'failed'}`} data-testid="task-message">
          {outcome.envelope.message}
        </p>
      ) : null}
      {!busy && outcome?.error ? <Message kind="error">{outcome.error}</Message> : null}
      {!busy && !outcome ? <p class="muted">{props.idle}</p> : null}
      {!busy ? props.children : null}
    </div>
  );
}

/** The left-hand form of a task: Enter moves from field to field, Ctrl+Enter and the submit button run `onRun`. */
export function TaskForm(props: { onRun: () => void; children: ComponentChildren }) {
  return (
    <form
      class="task-form"
      onKeyDown={enterToNext}
      onSubmit={(e) => {
        e.preventDefault();
        props.onRun();
      }}
    >
      {props.children}
    </form>
  );
}
