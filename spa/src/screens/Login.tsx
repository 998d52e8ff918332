import { useState } from 'preact/hooks';
import { api, ApiFailure, loginNotice, signIn, type Session } from '../lib/api';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';
import { forgetBooks } from '../lib/books';

export function Login(props: { next: string | null }) {
  const notice = useStore(loginNotice);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.post<Session>('/api/auth/login', { login: login.trim(), password });
      forgetBooks();
      loginNotice.set(null);
      signIn(s);
      const next = props.next && props.next.startsWith('/') && !props.next.startsWith('//') ? props.next : '/';
      navigate(next, { replace: true, force: true });
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : 'Не удалось войти');
      setBusy(false);
    }
  }

  return (
    <div class="login-page">
      <form class="login" onSubmit={submit}>
        <h1>
          Omslite <small>реестры ОМС</small>
        </h1>
        <p class="muted">Вход для сотрудников клиники</p>
        {notice && !error ? <div class="message warn">{notice}. Войдите снова.</div> : null}
        <label class="field wide">
          <span class="label">Логин</span>
          <input name="login" autocomplete="username" autoFocus value={login} onInput={(e) => setLogin(e.currentTarget.value)} required />
        </label>
        <label class="field wide">
          <span class="label">Пароль</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {error ? (
          <div class="message error" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
      </form>
    </div>
  );
}
