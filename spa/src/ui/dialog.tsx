import { useEffect, useRef, useState } from 'preact/hooks';
import { Store, useStore } from '../lib/store';

/** One question at a time, answered with OK/Отмена (and optionally a typed value). Replaces confirm()/prompt(). */
interface Question {
  title: string;
  text: string;
  ok: string;
  danger?: boolean;
  input?: string;
  /** "password" hides what is typed. */
  inputType?: 'text' | 'password';
  id: number;
  resolve: (answer: string | null) => void;
}

const current = new Store<Question | null>(null);
let asked = 0;

export function ask(q: Omit<Question, 'resolve' | 'id'>): Promise<string | null> {
  return new Promise((resolve) => current.set({ ...q, id: ++asked, resolve }));
}

export const confirmAction = (title: string, text: string, ok = 'Да', danger = false) =>
  ask({ title, text, ok, danger }).then((a) => a !== null);

export function DialogHost() {
  const q = useStore(current);
  // A fresh form per question: what was typed for the last one never leaks into (or wipes) the next.
  return q ? <QuestionForm key={q.id} q={q} /> : null;
}

function QuestionForm(props: { q: Question }) {
  const { q } = props;
  const [value, setValue] = useState('');
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const close = (answer: string | null) => {
    current.set(null);
    q.resolve(answer);
  };
  return (
    <div class="overlay" role="dialog" onKeyDown={(e) => e.key === 'Escape' && close(null)}>
      <form
        class="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        onSubmit={(e) => {
          e.preventDefault();
          close(q.input !== undefined ? value : '');
        }}
      >
        <h2 id="dialog-title">{q.title}</h2>
        <p>{q.text}</p>
        {q.input !== undefined ? (
          <label class="field wide">
            <span class="label">{q.input}</span>
            {q.inputType === 'password' ? (
              <input ref={first} name="dialog-input" type="password" autocomplete="new-password" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
            ) : (
              <input ref={first} name="dialog-input" autocomplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
            )}
          </label>
        ) : null}
        <div class="buttons">
          <button type="submit" class={q.danger ? 'danger' : 'primary'} ref={q.input === undefined ? first : undefined}>
            {q.ok}
          </button>
          <button type="button" onClick={() => close(null)}>
            Отмена
          </button>
        </div>
      </form>
    </div>
  );
}
