import { useEffect, useState } from 'preact/hooks';
import { api, can, errorText, latest, saveProblem, session } from '../lib/api';
import { roleNames } from '../lib/format';
import { useLeaveGuard } from '../lib/router';
import { useStore } from '../lib/store';
import type { MoProfile, UserRow } from '../lib/types';
import { ask, confirmAction } from '../ui/dialog';
import { EditorForm, Field, KeyValueRows, Message, Row, SaveButton } from '../ui/form';
import { PageHeader } from '../ui/shell';
import { DataTable } from '../ui/table';
import { SigningKeySettings } from './SigningKeySettings';

/** The MO record's fields in the order of the form (docs: MoProfile.cs). */
const moFields: { name: keyof MoProfile; label: string; hint?: string; cls: string }[] = [
  { name: 'name', label: 'Наименование МО', cls: 'w20' },
  { name: 'shortCode', label: 'Краткий код МО', hint: '3 символа, ведущие нули сохраняются (007)', cls: 'w5' },
  { name: 'region', label: 'Код региона', hint: '2 цифры, например 25', cls: 'w4' },
  { name: 'okato', label: 'ОКАТО', hint: 'регион МО: 5 цифр, например 05000', cls: 'w6' },
  { name: 'regionFormat', label: 'Формат региона', hint: 'модуль реестров, например primorye-25', cls: 'w12' },
  { name: 'lpu1', label: 'LPU_1', hint: 'код подразделения МО в региональном реестре', cls: 'w14' },
  { name: 'plat', label: 'PLAT', hint: 'плательщик, например 25011 (ТФОМС)', cls: 'w6' },
];

/** MO settings the hub and the primorye-25 format read (plugins/region-formats/Primorye25/README.md). */
const settingKeys: Record<string, string> = {
  profilM: 'PROFIL_M',
  mop: 'MOP',
  regionPrefix: 'префикс кода МО региона (250)',
  vzStudentBelow: 'VZ: учащиеся моложе',
  vzWorkerBelow: 'VZ: работающие моложе',
  consultantSpecialties: 'специальности консультантов, [63]',
};

const knownFormats = ['primorye-25'];

type MoForm = Record<string, string>;

const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** A setting's text back into JSON: lists, objects and values that were not text before are parsed; the rest is text. */
function settingValue(textValue: string, before: unknown): unknown {
  const t = textValue.trim();
  if (/^[[{]/.test(t) || (before !== undefined && typeof before !== 'string')) {
    try {
      return JSON.parse(t);
    } catch {
      return textValue;
    }
  }
  return textValue;
}

/** "Настройки" (ui.md §6): the MO's registry settings (admins edit, everybody reads) and its users (admins). */
export function Settings() {
  const s = useStore(session);
  const admin = can.admin(s);
  return (
    <section class="settings">
      <PageHeader title="Настройки" />
      <MoSettings admin={admin} />
      {admin ? <SigningKeySettings /> : null}
      {admin ? <Users /> : null}
    </section>
  );
}

function MoSettings(props: { admin: boolean }) {
  const [mo, setMo] = useState<MoProfile | null>(null);
  const [form, setForm] = useState<MoForm>({});
  const [settings, setSettings] = useState<[string, string][]>([]);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function show(m: MoProfile) {
    setMo(m);
    setForm(Object.fromEntries(moFields.map((f) => [f.name, text(m[f.name])])));
    setSettings(Object.entries(m.settings ?? {}).map(([k, v]) => [k, text(v)]));
    setDirty(false);
  }
  useEffect(() => latest(api.get<MoProfile>('/api/mo'), show, (e) => setError(errorText(e))), []);
  useLeaveGuard(dirty && props.admin, 'настройках МО');

  async function save() {
    if (!mo) return;
    setNotice(null);
    setError(null);
    if (!(await confirmAction('Настройки МО', 'Сохранить изменения настроек МО? Они действуют на следующие проверки и пакеты.', 'Сохранить'))) return;
    const body: Record<string, unknown> = {};
    for (const f of moFields) body[f.name] = form[f.name].trim() === '' ? null : form[f.name].trim();
    body.settings = Object.fromEntries(settings.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), settingValue(v, mo.settings?.[k.trim()])]));
    setSaving(true);
    try {
      show(await api.put<MoProfile>('/api/mo', body));
      setErrors({});
      setNotice('Настройки МО сохранены');
    } catch (e) {
      const problem = saveProblem(e);
      setErrors(problem.errors);
      setError(problem.summary);
    } finally {
      setSaving(false);
    }
  }

  const set = (name: string, value: string) => {
    setForm((f) => ({ ...f, [name]: value }));
    setErrors(({ [name]: _, ...rest }) => rest);
    setDirty(true);
  };

  return (
    <div class="panel mo-settings">
      <div class="panel-head">
        <h2>Медицинская организация {mo ? <span class="muted">· код {mo.code}</span> : null}</h2>
        {props.admin ? <SaveButton saving={saving} disabled={!mo} onClick={save} /> : null}
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      {!mo && !error ? <p class="muted">Загрузка…</p> : null}
      {mo ? (
        <EditorForm onSave={save} className="plain">
          <Row>
            {moFields.map((f) => (
              <Field key={f.name} label={f.label} name={f.name} error={errors[f.name]} hint={props.admin ? f.hint : undefined}>
                <input
                  name={f.name}
                  class={f.cls}
                  value={form[f.name]}
                  readOnly={!props.admin}
                  list={f.name === 'regionFormat' ? 'dl-formats' : undefined}
                  onInput={(e) => set(f.name, e.currentTarget.value)}
                />
              </Field>
            ))}
            <datalist id="dl-formats">
              {knownFormats.map((x) => (
                <option key={x} value={x} />
              ))}
            </datalist>
          </Row>
          {errors.settings ? <Message kind="error">{errors.settings}</Message> : null}
          <KeyValueRows
            legend="Настройки МО для реестров"
            rows={settings}
            readOnly={!props.admin}
            keys={settingKeys}
            onChange={(rows) => {
              setSettings(rows);
              setDirty(true);
            }}
          />
          {!props.admin ? <p class="muted small">Изменять настройки МО может администратор.</p> : null}
        </EditorForm>
      ) : null}
    </div>
  );
}

const roles = ['operator', 'viewer', 'admin'];

/** The MO's users (admins): add with a role and a password, change the role, switch off or on, set a new password. */
function Users() {
  const s = useStore(session);
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [login, setLogin] = useState('');
  const [role, setRole] = useState('operator');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const me = s?.user.login;

  useEffect(() => latest(api.get<UserRow[]>('/api/users'), setUsers, (e) => setError(errorText(e))), [tick]);

  async function change(u: UserRow, body: Record<string, unknown>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await api.put(`/api/users/${u.id}`, body);
      setNotice(done);
    } catch (e) {
      setError(errorText(e));
    }
    setTick((n) => n + 1);
  }

  async function add(e: Event) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const l = login.trim();
    if (!(await confirmAction('Новый пользователь', `Добавить пользователя «${l}» с ролью «${roleNames[role]}»?`, 'Добавить'))) return;
    try {
      await api.post('/api/users', { login: l, role, password });
      setErrors({});
      setLogin('');
      setPassword('');
      setNotice(`Пользователь «${l}» добавлен: он может войти со своим паролем`);
      setTick((n) => n + 1);
    } catch (err) {
      const problem = saveProblem(err);
      setErrors(problem.errors);
      setError(problem.summary);
    }
  }

  async function changeRole(u: UserRow, next: string) {
    if (await confirmAction('Роль пользователя', `Сменить роль «${u.login}»: ${roleNames[u.role] ?? u.role} → ${roleNames[next]}?`, 'Сменить'))
      await change(u, { role: next }, `Роль «${u.login}»: ${roleNames[next]}`);
    else setTick((n) => n + 1); // puts the select back
  }

  async function toggle(u: UserRow) {
    const off = u.active;
    const text = off ? `Отключить «${u.login}»? Он сразу потеряет доступ; историю его правок это не затрагивает.` : `Снова включить «${u.login}»?`;
    if (await confirmAction('Доступ пользователя', text, off ? 'Отключить' : 'Включить', off))
      await change(u, { active: !off }, off ? `Пользователь «${u.login}» отключён` : `Пользователь «${u.login}» включён`);
  }

  async function newPassword(u: UserRow) {
    const typed = await ask({
      title: 'Новый пароль',
      text: `Новый пароль для «${u.login}»: не короче 8 символов. Сообщите его пользователю лично.`,
      input: 'Пароль',
      inputType: 'password',
      ok: 'Сменить пароль',
    });
    if (typed === null) return;
    await change(u, { password: typed }, `Пароль «${u.login}» изменён`);
  }

  return (
    <div class="panel users">
      <h2>Пользователи МО</h2>
      {error ? <Message kind="error">{error}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      <DataTable
        columns={[
          { key: 'login', label: 'Логин', render: (u) => <b>{u.login}</b> },
          {
            key: 'role',
            label: 'Роль',
            render: (u) =>
              u.login === me ? (
                roleNames[u.role] ?? u.role
              ) : (
                <select name={`role-${u.login}`} aria-label={`Роль ${u.login}`} value={u.role} onChange={(e) => changeRole(u, e.currentTarget.value)}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {roleNames[r]}
                    </option>
                  ))}
                </select>
              ),
          },
          {
            key: 'active',
            label: 'Доступ',
            render: (u) => <span class={`badge ${u.active ? 's1' : 's2'}`}>{u.active ? 'включён' : 'отключён'}</span>,
          },
          { key: 'external', label: 'Вход', render: (u) => (u.external ? 'через сайт МО' : 'по паролю') },
          {
            key: 'actions',
            label: '',
            className: 'actions',
            render: (u) =>
              u.login === me ? (
                <span class="muted small">это вы</span>
              ) : (
                <span class="row-actions">
                  <button type="button" class={u.active ? 'danger' : ''} onClick={() => toggle(u)}>
                    {u.active ? 'Отключить' : 'Включить'}
                  </button>
                  {u.external ? null : (
                    <button type="button" onClick={() => newPassword(u)}>
                      Новый пароль
                    </button>
                  )}
                </span>
              ),
          },
        ]}
        rows={users ?? []}
        rowKey={(u) => u.id}
        rowClass={(u) => (u.active ? '' : 'closed')}
        loading={users === null && !error}
      />
      <form class="filters add-user" onSubmit={add}>
        <span class="row-title">Добавить</span>
        <Field label="Логин" name="newLogin" error={errors.login}>
          <input name="newLogin" class="w12" autocomplete="off" value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
        </Field>
        <Field label="Роль" name="newRole" error={errors.role}>
          <select name="newRole" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Пароль" name="newPassword" error={errors.password} hint="не короче 8 символов">
          <input name="newPassword" type="password" class="w12" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="primary" disabled={!login.trim() || !password}>
          Добавить пользователя
        </button>
      </form>
      <p class="muted small">
        Администратор — всё, включая справочники, настройки и пользователей; оператор — талоны, карты, шаблоны, синхронизация и пакеты;
        просмотр — только чтение.
      </p>
    </div>
  );
}
