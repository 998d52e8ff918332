import { useState } from 'preact/hooks';
import { api, ApiFailure } from '../../lib/api';
import { bind, useFormState } from '../../lib/form';
import type { PatientRecord, VisitPatient } from '../../lib/types';
import { Field, Message, enterToNext } from '../../ui/form';
import { useHint } from '../../ui/lookup';
import { Link } from '../../ui/shell';

/**
 * ui.md §3.5.2: the patient card beside the visit. Names and birth date can be corrected here (saved to the card);
 * the policy is shown read-only ("edited in the card").
 */
export function PatientPanel(props: { patient: VisitPatient; editable: boolean; onSaved: (p: VisitPatient) => void }) {
  const p = props.patient;
  const form = useFormState({ fam: p.fam ?? '', im: p.im ?? '', ot: p.ot ?? '', birthDate: p.birthDate ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const att = useHint('mo-local', p.moAtt ?? '', 'МО локальные');

  async function save() {
    setMessage(null);
    setErrors({});
    try {
      const card = await api.get<PatientRecord>(`/api/patients/${p.id}`);
      const v = form.values;
      const upper = (s: string | boolean) => String(s).trim().toUpperCase() || null;
      const saved = await api.put<PatientRecord>(`/api/patients/${p.id}`, {
        version: card.version,
        fields: { ...card.fields, fam: upper(v.fam), im: upper(v.im), ot: upper(v.ot), birthDate: String(v.birthDate) || null },
      });
      const f = saved.fields;
      form.reset({ fam: String(f.fam ?? ''), im: String(f.im ?? ''), ot: String(f.ot ?? ''), birthDate: String(f.birthDate ?? '') });
      props.onSaved({ ...p, fam: f.fam as string, im: f.im as string, ot: f.ot as string, birthDate: f.birthDate as string, dost: f.dost as string });
      setMessage({ kind: 'ok', text: 'Карта сохранена' });
    } catch (e) {
      if (e instanceof ApiFailure) {
        setErrors(e.byField());
        setMessage({ kind: 'error', text: e.message });
      }
    }
  }

  const ro = !props.editable;
  return (
    <aside class="patient-panel" onKeyDown={enterToNext}>
      <h2>
        Карта № <Link href={`/patients/${p.id}`}>{p.cardNumber}</Link>
      </h2>
      <Field label="Фамилия" name="fam" error={errors.fam} wide>
        <input {...bind(form, 'fam', { readOnly: ro, upper: true })} />
      </Field>
      <Field label="Имя" name="im" error={errors.im} wide>
        <input {...bind(form, 'im', { readOnly: ro, upper: true })} />
      </Field>
      <Field label="Отчество" name="ot" error={errors.ot} wide>
        <input {...bind(form, 'ot', { readOnly: ro, upper: true })} />
      </Field>
      <Field label="Дата рождения" name="birthDate" error={errors.birthDate} wide>
        <input {...bind(form, 'birthDate', { readOnly: ro })} type="date" />
      </Field>
      <div class="readonly-block">
        <span class="label">Полис (редактируется в карте)</span>
        <div class="value">
          {[p.policySeries, p.policyNumber].filter(Boolean).join(' ') || '—'}
          {p.smo ? <span class="muted"> · СМО {p.smo}</span> : null}
        </div>
        <div class="hint">Документ: {p.dulSeries || p.dulNumber ? `${p.dulSeries ?? ''} ${p.dulNumber ?? ''}` : 'Нет'}</div>
        <div class={`hint ${att?.bad ? 'bad' : ''}`}>
          Прикреплён: {p.moAtt ? `${p.moAtt}${att && !att.bad ? ` ${att.text}` : ''}` : 'Нет'}
        </div>
      </div>
      {message ? <Message kind={message.kind}>{message.text}</Message> : null}
      <div class="buttons">
        {props.editable ? (
          <button type="button" onClick={save} disabled={!form.dirty}>
            Сохранить карту
          </button>
        ) : null}
        <Link href={`/patients/${p.id}`} class="button">
          Открыть карту
        </Link>
      </div>
    </aside>
  );
}
