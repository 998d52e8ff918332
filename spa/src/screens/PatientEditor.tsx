import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure, can, session, type Page, errorText, saveProblem } from '../lib/api';
import { findRow, useBook } from '../lib/books';
import { takeFlash, flash } from '../lib/flash';
import { bind, fromForm, toForm, useFormState, type Schema } from '../lib/form';
import { date } from '../lib/format';
import { navigate, useLeaveGuard } from '../lib/router';
import { useStore } from '../lib/store';
import type { PatientRecord, VisitListItem } from '../lib/types';
import { EditorForm, Field, Message, Row } from '../ui/form';
import { SmoFields, policyHint, useHint } from '../ui/lookup';
import { Link } from '../ui/shell';
import { DataTable } from '../ui/table';
import { Tabs } from '../ui/tabs';
import { showVisits } from './VisitList';

/** The card's fields (docs/api.md, PatientFields); those without an input are kept as they are. */
const schema: Schema = {
  cardNumber: 'text', fam: 'upper', im: 'upper', ot: 'upper', sex: 'text', birthDate: 'date', snils: 'text',
  dulType: 'int', dulSeries: 'text', dulNumber: 'text', dulDate: 'date', ufmsCode: 'text', dulIssuer: 'upper',
  policySeries: 'text', policyNumber: 'text', smo: 'text', smoOkato: 'text', moAtt: 'text',
  city: 'upper', street: 'upper', house: 'text', building: 'text', flat: 'text', phoneMobile: 'text', phoneContact: 'text',
  stOkato: 'text', smoOgrn: 'text', smoName: 'text', soc: 'int', vz: 'int',
};

export function PatientEditor(props: { id: string | null }) {
  const s = useStore(session);
  const [record, setRecord] = useState<PatientRecord | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useFormState(toForm({}, schema));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(takeFlash());
  const [tab, setTab] = useState('card');
  const [ufms, setUfms] = useState<{ text: string; bad: boolean } | null>(null);
  const editable = can.write(s);

  async function load() {
    setLoadError(null);
    setConflict(null);
    try {
      if (props.id) {
        const p = await api.get<PatientRecord>(`/api/patients/${props.id}`);
        setRecord(p);
        form.reset(toForm(p.fields, schema));
      } else {
        // A new card: the insurer's region defaults to the MO's (ui.md §3.3), when the hub tells it.
        const mo = await api.get<{ okato?: string }>('/api/mo').catch(() => null);
        if (mo?.okato) form.fill('smoOkato', mo.okato);
      }
    } catch (e) {
      setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    load();
  }, [props.id]);

  useLeaveGuard(form.dirty && editable, 'карте');

  async function save() {
    setSummary(null);
    setNotice(null);
    const { fields, errors: local } = fromForm(form.values, schema);
    if (Object.keys(local).length) {
      setErrors(local);
      return setSummary('Исправьте ошибки в отмеченных полях');
    }
    try {
      if (record) {
        const saved = await api.put<PatientRecord>(`/api/patients/${record.id}`, { version: record.version, fields });
        setRecord(saved);
        form.reset(toForm(saved.fields, schema));
        setErrors({});
        setNotice(`Карта ${saved.fields.cardNumber} сохранена`);
      } else {
        const saved = await api.post<PatientRecord>('/api/patients', fields);
        form.reset(toForm(saved.fields, schema));
        flash.set(`Карта ${saved.fields.cardNumber} создана`);
        navigate(`/patients/${saved.id}`, { replace: true, force: true });
      }
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 409) return setConflict(e.message);
      const problem = saveProblem(e);
      setErrors(problem.errors);
      setSummary(problem.summary);
    }
  }

  async function lookupUfms(code: string) {
    if (!/^\d{6}$/.test(code)) return setUfms(null);
    const row = await findRow('UFMS', code);
    if (row) {
      form.set('dulIssuer', String(row.name ?? '').toUpperCase());
      setUfms({ text: String(row.name ?? ''), bad: false });
    } else setUfms(row === null ? { text: `Нет кода ${code} в справочнике УФМС: впишите, кем выдан`, bad: true } : null);
  }

  if (loadError)
    return (
      <section>
        <Message kind="error">{loadError}</Message>
        <Link href="/patients">К поиску карт</Link>
      </section>
    );

  const v = form.values;
  const ro = !editable;
  const input = (name: string, label: string, cls = '', opts: { upper?: boolean; type?: 'text' | 'date'; readOnly?: boolean } = {}) => (
    <Field label={label} name={name} error={errors[name]}>
      <input {...bind(form, name, { readOnly: ro || opts.readOnly, upper: opts.upper })} {...({ type: opts.type ?? 'text' } as object)} class={`${cls} ${opts.upper ? 'upper' : ''}`} />
    </Field>
  );
  const title = record ? `Карта № ${record.fields.cardNumber}` : 'Новая карта';

  return (
    <section class="patient-editor">
      <div class="editor-title">
        <h1>
          {title}
          {record ? <span class="muted"> · {[record.fields.fam, record.fields.im, record.fields.ot].filter(Boolean).join(' ')}</span> : null}
        </h1>
        <div class="actions">
          <Link href="/patients" class="button">
            К поиску
          </Link>
          {record && editable ? (
            <button type="button" onClick={() => navigate(`/visits/new?patient=${record.id}`)}>
              Новый талон
            </button>
          ) : null}
          {editable && tab === 'card' ? (
            <button type="button" class="primary" onClick={save} title="Ctrl+Enter">
              Сохранить
            </button>
          ) : null}
        </div>
      </div>
      {conflict ? (
        <Message kind="warn" action={<button type="button" class="primary" onClick={load}>Обновить карту</button>}>
          <b>{conflict}</b>
        </Message>
      ) : null}
      {summary ? <Message kind="error">{summary}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      <Tabs
        tabs={[
          { id: 'card', label: 'Карта' },
          { id: 'visits', label: `Талоны${record ? ` (${record.visitCount})` : ''}`, disabled: !record },
        ]}
        active={tab}
        onChange={setTab}
      />
      {tab === 'card' ? (
        <EditorForm onSave={save} className="card-form">
          <fieldset>
            <legend>Пациент</legend>
            <Row>
              <Field
                label="Номер карты"
                name="cardNumber"
                error={errors.cardNumber}
                hint={record && record.visitCount > 0 ? 'у карты есть талоны: номер не меняется' : undefined}
              >
                <input {...bind(form, 'cardNumber', { readOnly: ro || (record?.visitCount ?? 0) > 0 })} class="w8" />
              </Field>
              {input('fam', 'Фамилия', 'w14', { upper: true })}
              {input('im', 'Имя', 'w12', { upper: true })}
              {input('ot', 'Отчество', 'w14', { upper: true })}
              {input('birthDate', 'Дата рождения', '', { type: 'date' })}
              <Field label="Пол" name="sex" error={errors.sex}>
                <span class="radios">
                  {['м', 'ж'].map((x) => (
                    <label key={x} class="check">
                      <input type="radio" name="sex" value={x} checked={v.sex === x} disabled={ro} onChange={() => form.set('sex', x)} />
                      {x.toUpperCase()}
                    </label>
                  ))}
                </span>
              </Field>
              {input('snils', 'СНИЛС', 'w10')}
            </Row>
          </fieldset>
          <fieldset>
            <legend>Документ, удостоверяющий личность</legend>
            <DocumentFields form={form} errors={errors} readOnly={ro} />
            <Row>
              <Field label="Код УФМС" name="ufmsCode" error={errors.ufmsCode} hint={ufms?.text} hintBad={ufms?.bad}>
                <input
                  {...bind(form, 'ufmsCode', { readOnly: ro })}
                  class="w6"
                  inputMode="numeric"
                  placeholder="6 цифр"
                  onChange={(e) => lookupUfms(e.currentTarget.value.trim())}
                />
              </Field>
              <Field label="Кем выдан" name="dulIssuer" error={errors.dulIssuer} className="grow">
                <input {...bind(form, 'dulIssuer', { readOnly: ro, upper: true })} />
              </Field>
            </Row>
          </fieldset>
          <fieldset>
            <legend>Полис ОМС</legend>
            <PolicyRow form={form} errors={errors} readOnly={ro} />
          </fieldset>
          <fieldset>
            <legend>Адрес и телефоны</legend>
            <Row>
              {input('city', 'Город', 'w12', { upper: true })}
              {input('street', 'Улица', 'w14', { upper: true })}
              {input('house', 'Дом', 'w3')}
              {input('building', 'Корп', 'w3')}
              {input('flat', 'Кв', 'w3')}
              {input('phoneMobile', 'Мобильный тел', 'w10')}
              {input('phoneContact', 'Контактный тел', 'w10')}
            </Row>
          </fieldset>
          <p class="muted small keys">Enter — следующее поле, Ctrl+Enter — сохранить.</p>
        </EditorForm>
      ) : null}
      {tab === 'visits' && record ? <PatientVisits patient={record} /> : null}
    </section>
  );
}

function DocumentFields(props: { form: ReturnType<typeof useFormState>; errors: Record<string, string>; readOnly: boolean }) {
  const { form, errors, readOnly } = props;
  const dul = useBook('F011');
  const type = String(form.values.dulType ?? '').trim();
  const row = dul.byKey.get(type);
  const attrs = (row?.attrs ?? {}) as Record<string, string | undefined>;
  const hint = type && dul.loaded ? (row ? String(attrs.shortName ?? row.name ?? '') : `Нет элемента ${type} в списке «ДУЛ»`) : undefined;
  return (
    <Row>
      <Field label="Тип документа" name="dulType" error={errors.dulType} hint={hint} hintBad={!!type && dul.loaded && !row}>
        <input {...bind(form, 'dulType', { readOnly })} class="w5" inputMode="numeric" placeholder="Число" list={dul.loaded ? 'dl-dul' : undefined} />
        {dul.loaded ? (
          <datalist id="dl-dul">
            {dul.rows.map((r) => (
              <option key={String(r.code)} value={String(r.code)}>
                {String(r.name ?? '')}
              </option>
            ))}
          </datalist>
        ) : null}
      </Field>
      <Field label="Серия" name="dulSeries" error={errors.dulSeries} hint={attrs.serialTpl ? `шаблон «${attrs.serialTpl}»` : type === '14' ? 'с пробелом: 01 02' : undefined}>
        <input {...bind(form, 'dulSeries', { readOnly })} class="w6" />
      </Field>
      <Field label="Номер" name="dulNumber" error={errors.dulNumber} hint={attrs.numberTpl ? `шаблон «${attrs.numberTpl}»` : undefined}>
        <input {...bind(form, 'dulNumber', { readOnly })} class="w8" />
      </Field>
      <Field label="Дата выдачи" name="dulDate" error={errors.dulDate}>
        <input {...bind(form, 'dulDate', { readOnly })} type="date" />
      </Field>
    </Row>
  );
}

function PolicyRow(props: { form: ReturnType<typeof useFormState>; errors: Record<string, string>; readOnly: boolean }) {
  const { form, errors, readOnly } = props;
  const hint = policyHint(String(form.values.policySeries ?? ''), String(form.values.policyNumber ?? ''));
  const att = useHint('mo-local', String(form.values.moAtt ?? '').trim(), 'МО локальные');
  return (
    <Row>
      <Field label="Полис серия" name="policySeries" error={errors.policySeries} hint="только для старых полисов">
        <input {...bind(form, 'policySeries', { readOnly })} class="w6" />
      </Field>
      <Field label="Номер" name="policyNumber" error={errors.policyNumber} hint={hint.text} hintBad={hint.bad}>
        <input {...bind(form, 'policyNumber', { readOnly })} class="w12" inputMode="numeric" />
      </Field>
      <SmoFields form={form} errors={errors} smo="smo" okato="smoOkato" readOnly={readOnly} />
      <Field label="Прикреплён к МО" name="moAtt" error={errors.moAtt} hint={att?.text} hintBad={att?.bad}>
        <input {...bind(form, 'moAtt', { readOnly })} class="w4" inputMode="numeric" placeholder="код" />
      </Field>
    </Row>
  );
}

/** The card's visits: the review list searched by card number, narrowed to this card. */
function PatientVisits(props: { patient: PatientRecord }) {
  const s = useStore(session);
  const [rows, setRows] = useState<VisitListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Page<VisitListItem>>(`/api/visits?patientId=${props.patient.id}&pageSize=500&sort=openDate&desc=true`).then(
      (p) => setRows(p.items),
      (e) => setError(errorText(e)),
    );
  }, [props.patient.id]);
  return (
    <div class="tab-body">
      <div class="row">
        <h3>Талоны пациента</h3>
        <a
          href="/visits"
          class="patient-visits"
          title="Все талоны карты в списке «Случаи»"
          onClick={(e) => {
            e.preventDefault();
            const f = props.patient.fields;
            const label = `карта № ${f.cardNumber} ${[f.fam, f.im, f.ot].filter(Boolean).join(' ')}`.trim();
            showVisits({ patient: { id: props.patient.id, label } });
          }}
        >
          Случаи пациента
        </a>
        {can.write(s) ? (
          <button type="button" class="primary" onClick={() => navigate(`/visits/new?patient=${props.patient.id}`)}>
            Новый талон
          </button>
        ) : null}
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable
        columns={[
          { key: 'number', label: 'Номер талона', className: 'num', render: (v) => <Link href={`/visits/${v.id}`}>{v.number}</Link> },
          { key: 'openDate', label: 'Открыт', render: (v) => date(v.openDate) },
          { key: 'closeDate', label: 'Закрыт', render: (v) => date(v.closeDate) },
          { key: 'reportMonth', label: 'Отч. месяц', render: (v) => `${String(v.reportMonth).padStart(2, '0')}.${v.reportYear}` },
          { key: 'purpose', label: 'Цель визита', className: 'num' },
          { key: 'docSpec', label: 'Спец', className: 'num' },
          { key: 'docCode', label: 'Спец код', className: 'num' },
          { key: 'doctor', label: 'Доктор' },
          { key: 'ds1', label: 'Диагноз' },
          { key: 'status', label: 'Состояние', render: (v) => <span class={`badge s${v.status}`}>{v.status === 2 ? 'закрыт' : 'открыт'}</span> },
        ]}
        rows={rows ?? []}
        rowKey={(v) => v.id}
        onRowClick={(v) => navigate(`/visits/${v.id}`)}
        loading={rows === null}
        empty="У карты нет талонов"
      />
    </div>
  );
}
