import { useState } from 'preact/hooks';
import { api, errorText, signIn, type Session, type SessionUser } from '../lib/api';
import { mayLeave, route } from '../lib/router';

/** Screens whose address names a record of one MO (a visit, a card, a template, a source): another MO goes to the list. */
const moRecord = /^\/(visits|patients|templates|sources)\/[^/]+$/;

export function pathAfterSwitch(path: string, search: string): string {
  return moRecord.test(path) ? path.replace(/\/[^/]+$/, '') : path + search;
}

/**
 * The current MO in the top bar; a user attached to several MOs picks another here (POST /api/auth/switch-mo gives a
 * token of that MO). The page is then loaded afresh: every screen keeps some state of the MO it showed (the list's
 * filters, the last pack check with patients' names, cached books), and a reload is the one way to be sure that
 * none of it is shown under the new MO.
 */
export function MoSwitch(props: { user: SessionUser }) {
  const { user } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = user.mo?.code ?? '';

  async function change(select: HTMLSelectElement) {
    const code = select.value;
    if (code === current) return;
    if (!mayLeave()) {
      select.value = current;
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api.post<Session>('/api/auth/switch-mo', { mo: code });
      signIn(s);
      location.assign(pathAfterSwitch(route.value.path, location.search));
    } catch (e) {
      select.value = current;
      setError(`МО не сменилась: ${errorText(e)}`);
      setBusy(false);
    }
  }

  return (
    <span class="mo-switch">
      <select name="mo" aria-label="Текущая МО" title="Сменить МО" disabled={busy} value={current} onChange={(e) => change(e.currentTarget)}>
        {user.mo ? null : <option value="">МО не выбрана</option>}
        {user.mos.map((m) => (
          <option key={m.code} value={m.code}>
            {m.code} · {m.name}
          </option>
        ))}
      </select>
      {error ? (
        <span class="mo-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
