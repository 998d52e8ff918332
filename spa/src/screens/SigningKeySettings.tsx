import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorText, latest, saveProblem } from '../lib/api';
import { date, dateTime } from '../lib/format';
import { keyInForce, type SigningKeyInfo } from '../lib/signing';
import { confirmAction } from '../ui/dialog';
import { Field, Message } from '../ui/form';

/** The three files of the key, as the original's pem/ folder named them (docs/signing.md). */
const files = [
  { name: 'crt', label: 'Сертификат (crt.pem)', accept: '.pem,.crt,.cer,.der' },
  { name: 'key', label: 'Закрытый ключ (key.pem)', accept: '.pem,.key' },
  { name: 'ca', label: 'Цепочка УЦ (ca.pem)', accept: '.pem,.crt,.cer' },
] as const;

type FileName = (typeof files)[number]['name'];

/** "Настройки → Ключ подписи" (admins): the MO's GOST key for signing packs — what it is, upload, removal. */
export function SigningKeySettings() {
  const [key, setKey] = useState<SigningKeyInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<Partial<Record<FileName, string>>>({});
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const inputs = { crt: useRef<HTMLInputElement>(null), key: useRef<HTMLInputElement>(null), ca: useRef<HTMLInputElement>(null) };

  useEffect(() => latest(api.get<SigningKeyInfo>('/api/mo/signing-key'), setKey, (e) => setError(errorText(e))), [tick]);

  async function upload(e: Event) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const body = new FormData();
    for (const f of files) {
      const file = inputs[f.name].current?.files?.[0];
      if (file) body.append(f.name, file);
    }
    const replaces = key?.configured ? ' Он заменит текущий ключ.' : '';
    if (!(await confirmAction('Ключ подписи', `Загрузить ключ подписи МО?${replaces} Пакеты будут подписываться им.`, 'Загрузить'))) return;
    setBusy(true);
    try {
      setKey(await api.put<SigningKeyInfo>('/api/mo/signing-key', body));
      setErrors({});
      setPicked({});
      for (const f of files) if (inputs[f.name].current) inputs[f.name].current!.value = '';
      setNotice('Ключ подписи загружен');
    } catch (err) {
      const problem = saveProblem(err);
      setErrors(problem.errors);
      setError(problem.summary);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setError(null);
    setNotice(null);
    if (!(await confirmAction('Ключ подписи', 'Удалить ключ подписи МО? Подписанные пакеты нельзя будет сформировать, пока не загружен новый.', 'Удалить', true)))
      return;
    try {
      await api.del('/api/mo/signing-key');
      setNotice('Ключ подписи удалён');
    } catch (err) {
      setError(errorText(err));
    }
    setTick((n) => n + 1);
  }

  return (
    <div class="panel signing-key" data-testid="signing-key">
      <h2>Ключ подписи</h2>
      <p class="muted small">
        Подпись пакетов ЭЦП по ГОСТ Р 34.10-2012: сертификат, закрытый ключ без пароля и цепочка УЦ (корневой Минцифры и промежуточный
        ФНС) в формате PEM. Ключ хранится зашифрованным и никогда не показывается.
      </p>
      {error ? <Message kind="error">{error}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      {key === null && !error ? <p class="muted">Загрузка…</p> : null}
      {key && !key.configured ? <p class="muted">Ключ подписи не загружен: пакеты формируются без подписи.</p> : null}
      {key?.configured ? <KeyFacts info={key} /> : null}
      <form class="filters signing-upload" onSubmit={upload}>
        <fieldset disabled={busy}>
          {files.map((f) => (
            <Field key={f.name} label={f.label} name={f.name} error={errors[f.name]}>
              <span class="file-pick">
                <label class="button">
                  Выбрать файл
                  <input
                    ref={inputs[f.name]}
                    type="file"
                    name={f.name}
                    class="visually-hidden"
                    accept={f.accept}
                    onChange={(e) => setPicked((p) => ({ ...p, [f.name]: e.currentTarget.files?.[0]?.name ?? '' }))}
                  />
                </label>
                <span class={picked[f.name] ? 'file-name' : 'muted'}>{picked[f.name] || 'не выбран'}</span>
              </span>
            </Field>
          ))}
          <button type="submit" class="primary" disabled={files.some((f) => !picked[f.name])}>
            {busy ? 'Проверяем ключ…' : 'Загрузить ключ'}
          </button>
          {key?.configured ? (
            <button type="button" class="danger" onClick={remove}>
              Удалить ключ
            </button>
          ) : null}
        </fieldset>
      </form>
    </div>
  );
}

function KeyFacts(props: { info: SigningKeyInfo }) {
  const k = props.info;
  const inForce = keyInForce(k);
  const daysLeft = k.notAfter ? Math.floor((new Date(k.notAfter).getTime() - Date.now()) / 86_400_000) : 0;
  return (
    <dl class="key-facts" data-testid="signing-key-facts">
      <dt>Владелец</dt>
      <dd title={k.subject}>{k.owner}</dd>
      <dt>Действует</dt>
      <dd>
        с {date(k.notBefore)} по {date(k.notAfter)}{' '}
        {!inForce ? <span class="badge mek">не действует</span> : daysLeft < 30 ? <span class="badge problem">осталось {daysLeft} дн.</span> : null}
      </dd>
      <dt>Издатель</dt>
      <dd>{k.issuer}</dd>
      <dt>Отпечаток (SHA-1)</dt>
      <dd class="mono">{k.fingerprint}</dd>
      <dt>Цепочка УЦ</dt>
      <dd>{k.chainVerified ? <span class="badge s1">проверена</span> : <span class="bad">не проверена: {k.chainMessage}</span>}</dd>
      <dt>Загружен</dt>
      <dd>
        {dateTime(k.uploadedAt)}, {k.uploadedBy}
      </dd>
    </dl>
  );
}
