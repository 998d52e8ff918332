import { useBook } from '../../lib/books';
import { bind, type FormState, type Schema } from '../../lib/form';
import { Check, Field, Row } from '../../ui/form';
import { BookField, DiagnosisField, SmoFields, policyHint, useHint } from '../../ui/lookup';

/** The visit's fields as the API names them (docs/api.md, VisitFields). */
export const visitSchema: Schema = {
  openDate: 'date', closeDate: 'date', reportYear: 'int', reportMonth: 'int', mek: 'bool', urgent: 'bool', firstVisit: 'bool',
  istFin: 'int', purpose: 'int', docSpec: 'int', docCode: 'int', ds1: 'code', char1: 'int', ds2: 'code', char2: 'int',
  ishod: 'int', rslt: 'int', travmaType: 'int', finality: 'int',
  visitPol: 'int0', visitHome: 'int0', polDays: 'int0', homeDays: 'int0', visitDaystac: 'int0', visitHomstac: 'int0',
  daysAtDaystac: 'int0', daysAtHomstac: 'int0',
  nprDate: 'date', nprMo: 'text', nprSpec: 'int', nprNumber: 'text', hospMo: 'text', hospNumber: 'text', hospUrgent: 'bool',
  policySeries: 'text', policyNumber: 'text', smo: 'text', smoOkato: 'text', dType: 'text', profK: 'int', ksg: 'text', ksk: 'text', sh: 'text',
};

/** Russian names of the fields, for the history and for messages without a place on the screen. */
export const visitLabels: Record<string, string> = {
  openDate: 'Открыт', closeDate: 'Закрыт', reportYear: 'Год талона', reportMonth: 'Месяц талона', mek: 'МЭК', urgent: 'Неотложный',
  firstVisit: 'Первичный', istFin: 'Оплата', purpose: 'Цель', docSpec: 'Врач: спец.', docCode: 'Врач: код', ds1: 'Осн. диагноз',
  char1: 'Характер', ds2: 'Доп. диагноз', char2: 'Характер доп.', ishod: 'Исход', rslt: 'Результат', travmaType: 'Травма',
  finality: 'Законченность', visitPol: 'Амбул', visitHome: 'На дом', polDays: 'Дней амбул.', homeDays: 'Дней на дому',
  visitDaystac: 'Дн. стац', visitHomstac: 'Стац. дом', daysAtDaystac: 'Дней дн. стац.', daysAtHomstac: 'Дней стац. дома',
  nprDate: 'Дата направления', nprMo: 'МО направления', nprSpec: 'Спец. направления', nprNumber: 'Номер направления',
  hospMo: 'МО госпитализации', hospNumber: 'Направление на госпитализацию', hospUrgent: 'Экстренно', policySeries: 'Полис: серия',
  policyNumber: 'Полис: номер', smo: 'СМО', smoOkato: 'Регион СМО', dType: 'Особый случай', profK: 'Проф. койки', ksg: 'КСГ',
  ksk: 'КСК', sh: 'Схема', uslOk: 'Условия оказания', policyType: 'Тип полиса', status: 'Состояние',
};

/** Which tab shows which field, so that a tab can say it holds an error. */
export const fieldTab: Record<string, string> = {
  nprDate: 'referral', nprMo: 'referral', nprSpec: 'referral', nprNumber: 'referral', hospMo: 'referral', hospNumber: 'referral',
  hospUrgent: 'referral', policySeries: 'policy', policyNumber: 'policy', smo: 'policy', smoOkato: 'policy',
  visitDaystac: 'ds', visitHomstac: 'ds', daysAtDaystac: 'ds', daysAtHomstac: 'ds', ksg: 'ds', profK: 'ds', sh: 'ds', ksk: 'ds',
  status: 'status',
};

export interface FieldsProps {
  form: FormState;
  errors: Record<string, string>;
  readOnly: boolean;
}

/**
 * ui.md §3.5.3 "`<payment>` `<purpose>` `<doctor>`": payment and purpose show their names under their own inputs, so
 * this line names the doctor of (spec, code), or says in red "Доктор ?" when there is none.
 */
function DoctorHint(props: { form: FormState }) {
  const v = props.form.values;
  const doctors = useBook('doctors');
  if (!doctors.loaded) return null;
  const doctor = doctors.byKey.get(`${String(v.docSpec ?? '').trim()}/${String(v.docCode ?? '').trim()}`);
  return (
    <div class="hint-line" data-testid="doctor-hint">
      <span class={doctor ? '' : 'bad'}>{doctor ? String(doctor.family ?? '') : 'Доктор ?'}</span>
    </div>
  );
}

/** The right panel of "Талон" (ui.md §3.5.3); the template editor shows it without dates and report month. */
export function VisitMainFields(props: FieldsProps & { template?: boolean }) {
  const { form, errors, readOnly } = props;
  const v = form.values;
  const check = (name: string, label: string) => (
    <Check label={label} name={name} checked={Boolean(v[name])} disabled={readOnly} onChange={(c) => form.set(name, c)} />
  );
  return (
    <>
      {props.template ? (
        <Row title="Признаки">
          <div class="checks">
            {check('urgent', 'Неотложный')}
            {check('firstVisit', 'Первичный')}
          </div>
        </Row>
      ) : (
        <Row title="Даты">
          <Field label="Открыт" name="openDate" error={errors.openDate}>
            <input {...bind(form, 'openDate', { readOnly })} type="date" />
          </Field>
          <Field label="Закрыт" name="closeDate" error={errors.closeDate}>
            <input {...bind(form, 'closeDate', { readOnly })} type="date" />
          </Field>
          <Field label="Месяц талона" name="reportMonth" error={errors.reportMonth} className="report-month">
            <input {...bind(form, 'reportMonth', { readOnly })} inputMode="numeric" class="w3" />
          </Field>
          <Field label="Год" name="reportYear" error={errors.reportYear}>
            <input {...bind(form, 'reportYear', { readOnly })} inputMode="numeric" class="w4" />
          </Field>
          <div class="checks">
            {check('mek', 'МЭК')}
            {check('urgent', 'Неотложный')}
            {check('firstVisit', 'Первичный')}
          </div>
        </Row>
      )}
      <Row title="Цель">
        <BookField form={form} name="istFin" label="Оплата" book="ist-fin" listName="Оплата" error={errors.istFin} readOnly={readOnly} className="short" />
        <BookField form={form} name="purpose" label="Цель" book="purpose" listName="Цель" error={errors.purpose} readOnly={readOnly} className="short" />
        <Field label="Врач: спец." name="docSpec" error={errors.docSpec}>
          <input {...bind(form, 'docSpec', { readOnly })} inputMode="numeric" placeholder="Спец" class="w4" />
        </Field>
        <Field label="Код" name="docCode" error={errors.docCode}>
          <input {...bind(form, 'docCode', { readOnly })} inputMode="numeric" class="w4" />
        </Field>
        <DoctorHint form={form} />
      </Row>
      <Row title="Посещения">
        <Field label="Амбул" name="visitPol" error={errors.visitPol}>
          <input {...bind(form, 'visitPol', { readOnly })} inputMode="numeric" class="w3" />
        </Field>
        <Field label="На дом" name="visitHome" error={errors.visitHome}>
          <input {...bind(form, 'visitHome', { readOnly })} inputMode="numeric" class="w3" />
        </Field>
        <span class="muted small">Количество посещений</span>
      </Row>
      <Row title="Диагноз">
        <DiagnosisField form={form} name="ds1" label="Осн. диагноз" error={errors.ds1} readOnly={readOnly} className="diag" />
        <BookField form={form} name="char1" label="Характер" book="char-main" listName="Характер" error={errors.char1} readOnly={readOnly} className="short" />
        <BookField form={form} name="ishod" label="Исход" book="cishod" listName="Исход" error={errors.ishod} readOnly={readOnly} className="short" />
        <BookField form={form} name="rslt" label="Результат" book="cresult" listName="Результат" error={errors.rslt} readOnly={readOnly} className="short" />
      </Row>
      {props.template ? (
        <Row title="Стационар">
          <Field label="Проф. койки" name="profK" error={errors.profK}>
            <input {...bind(form, 'profK', { readOnly })} inputMode="numeric" class="w4" />
          </Field>
          <Field label="КСГ" name="ksg" error={errors.ksg}>
            <input {...bind(form, 'ksg', { readOnly })} class="w6" />
          </Field>
          <Field label="Схема" name="sh" error={errors.sh}>
            <input {...bind(form, 'sh', { readOnly })} class="w6" />
          </Field>
        </Row>
      ) : (
        <Row title="Доп. диагноз">
          <DiagnosisField form={form} name="ds2" label="Доп. диагноз" error={errors.ds2} readOnly={readOnly} className="diag" />
          <BookField form={form} name="char2" label="Характер" book="char-main" listName="Характер" error={errors.char2} readOnly={readOnly} className="short" />
          <BookField form={form} name="travmaType" label="Травма" book="travma-type" listName="Травма" error={errors.travmaType} readOnly={readOnly} className="short" />
        </Row>
      )}
    </>
  );
}

/** ui.md §3.5.5 "Направление". */
export function ReferralFields({ form, errors, readOnly }: FieldsProps) {
  const mo = useHint('mo-local', String(form.values.nprMo ?? '').trim(), 'МО локальные');
  const spec = useHint('local-specialties', String(form.values.nprSpec ?? '').trim(), 'Специальности');
  const hospMo = useHint('mo-local', String(form.values.hospMo ?? '').trim(), 'МО локальные');
  return (
    <>
      <Row>
        <Field label="Дата направления" name="nprDate" error={errors.nprDate} hint="пустая или позже даты открытия — станет датой открытия">
          <input {...bind(form, 'nprDate', { readOnly })} type="date" />
        </Field>
      </Row>
      <fieldset>
        <legend>Направление: лечение, диагностика, консультация</legend>
        <Row>
          <Field label="Код МО" name="nprMo" error={errors.nprMo} hint={mo?.text} hintBad={mo?.bad} className="mo-code">
            <input {...bind(form, 'nprMo', { readOnly })} inputMode="numeric" class="w4" />
          </Field>
          <Field label="Спец" name="nprSpec" error={errors.nprSpec} hint={spec?.text} hintBad={spec?.bad}>
            <input {...bind(form, 'nprSpec', { readOnly })} inputMode="numeric" class="w4" />
          </Field>
          <Field label="Номер направления" name="nprNumber" error={errors.nprNumber}>
            <input {...bind(form, 'nprNumber', { readOnly })} class="w10" maxLength={15} />
          </Field>
        </Row>
      </fieldset>
      <fieldset>
        <legend>Госпитализация</legend>
        <Row>
          <Field label="Код МО" name="hospMo" error={errors.hospMo} hint={hospMo?.text} hintBad={hospMo?.bad} className="mo-code">
            <input {...bind(form, 'hospMo', { readOnly })} inputMode="numeric" class="w4" />
          </Field>
          <Field label="Номер направления" name="hospNumber" error={errors.hospNumber}>
            <input {...bind(form, 'hospNumber', { readOnly })} class="w10" />
          </Field>
          <Check label="Экстренно" name="hospUrgent" checked={Boolean(form.values.hospUrgent)} disabled={readOnly} onChange={(c) => form.set('hospUrgent', c)} />
        </Row>
        <p class="muted small">Для диагностики не используется.</p>
      </fieldset>
    </>
  );
}

/** ui.md §3.5.7 "Полис на дату визита". */
export function PolicyFields({ form, errors, readOnly }: FieldsProps) {
  const hint = String(form.values.policyNumber ?? '').trim() ? policyHint(String(form.values.policySeries ?? ''), String(form.values.policyNumber ?? '')) : null;
  return (
    <>
      <p class="muted">Если заполнен, используется в реестре вместо полиса карты.</p>
      <Row>
        <Field label="Полис серия" name="policySeries" error={errors.policySeries}>
          <input {...bind(form, 'policySeries', { readOnly })} class="w6" />
        </Field>
        <Field label="Номер" name="policyNumber" error={errors.policyNumber} hint={hint?.text} hintBad={hint?.bad}>
          <input {...bind(form, 'policyNumber', { readOnly })} class="w12" inputMode="numeric" />
        </Field>
        <SmoFields form={form} errors={errors} smo="smo" okato="smoOkato" readOnly={readOnly} />
      </Row>
    </>
  );
}

/** ui.md §3.5.7 "Дневной стационар". */
export function DayHospitalFields({ form, errors, readOnly }: FieldsProps) {
  const input = (name: string, label: string, cls = 'w4') => (
    <Field label={label} name={name} error={errors[name]}>
      <input {...bind(form, name, { readOnly })} class={cls} />
    </Field>
  );
  return (
    <>
      <p class="muted">Дневной стационар в реестр пока не попадает: заполняйте только при необходимости.</p>
      <Row>
        {input('visitDaystac', 'Дн. стац')}
        {input('visitHomstac', 'Стац. дом')}
        {input('daysAtDaystac', 'Дней дн. стац.')}
        {input('daysAtHomstac', 'Дней стац. дома')}
      </Row>
      <Row>
        {input('ksg', 'КСГ', 'w8')}
        {input('profK', 'Проф. койки')}
        {input('sh', 'Схема', 'w8')}
      </Row>
    </>
  );
}
