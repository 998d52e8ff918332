import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure, can, session, errorText } from '../../lib/api';
import { takeFlash, flash } from '../../lib/flash';
import { fromForm, toForm, useFormState, type FormValues } from '../../lib/form';
import { today } from '../../lib/format';
import { navigate, useLeaveGuard } from '../../lib/router';
import { useStore } from '../../lib/store';
import type { Page } from '../../lib/api';
import type { PatientRecord, TemplateRecord, VisitPatient, VisitRecord, VisitSource } from '../../lib/types';
import { EditorForm, Message, SaveButton } from '../../ui/form';
import { Link } from '../../ui/shell';
import { Tabs, type TabDef } from '../../ui/tabs';
import { PatientPanel } from './PatientPanel';
import { PmuTab } from './PmuTab';
import { StatusTab } from './StatusTab';
import { HistoryTab } from './HistoryTab';
import { SourceTab } from './SourceTab';
import { DayHospitalFields, PolicyFields, ReferralFields, VisitMainFields, fieldTab, visitLabels, visitSchema } from './visitForm';

/** The tabs that show fields of the visit record (saved by "Сохранить"). */
const formTabs = ['talon', 'referral', 'policy', 'ds'];

const templateFields = ['urgent', 'firstVisit', 'istFin', 'purpose', 'docSpec', 'docCode', 'visitPol', 'visitHome', 'char1', 'ishod', 'rslt'];

/** ui.md §3.5.1 and §7: a new visit of a CT/MRI centre starts with the diagnostic defaults. */
function newVisitForm(): FormValues {
  const d = new Date();
  return toForm(
    {
      openDate: today(), closeDate: today(), reportYear: d.getFullYear(), reportMonth: d.getMonth() + 1, firstVisit: true, urgent: false,
      istFin: 1, purpose: 4, char1: 1, ishod: 4, rslt: 14, visitPol: 1, visitHome: 0,
    },
    visitSchema,
  );
}

function patientOf(p: PatientRecord): VisitPatient {
  const f = p.fields as Record<string, string | null>;
  return {
    id: p.id, cardNumber: String(f.cardNumber ?? ''), fam: f.fam, im: f.im, ot: f.ot, birthDate: f.birthDate, dost: f.dost,
    dulSeries: f.dulSeries, dulNumber: f.dulNumber, moAtt: f.moAtt, policySeries: f.policySeries, policyNumber: f.policyNumber,
    smo: f.smo, smoOkato: f.smoOkato,
  };
}

/** The visit editor (ui.md §3.5): one record behind every tab, saved by "Сохранить"; PMU rows save per action. */
export function VisitEditor(props: { id: string | null; patientId: string | null }) {
  const s = useStore(session);
  const [visit, setVisit] = useState<VisitRecord | null>(null);
  const [patient, setPatient] = useState<VisitPatient | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useFormState(newVisitForm());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(takeFlash());
  const [tab, setTab] = useState('talon');
  const [saving, setSaving] = useState(false);
  const [templates, setTemplates] = useState<TemplateRecord[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [source, setSource] = useState<VisitSource | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);

  /** The MIS side of a synced visit: the "Источник" tab and its conflict count. */
  async function loadSource(v: VisitRecord) {
    if (!v.source || v.status === 0) return setSource(null);
    try {
      setSource(await api.get<VisitSource>(`/api/visits/${v.id}/source`));
      setSourceError(null);
    } catch (e) {
      setSourceError(errorText(e));
    }
  }

  async function load() {
    setLoadError(null);
    try {
      if (props.id) {
        const v = await api.get<VisitRecord>(`/api/visits/${props.id}`);
        setVisit(v);
        setPatient(v.patient);
        form.reset(toForm(v.fields, visitSchema));
        loadSource(v);
      } else if (props.patientId) {
        const p = await api.get<PatientRecord>(`/api/patients/${props.patientId}`);
        setPatient(patientOf(p));
        const f = newVisitForm();
        if (!p.fields.ot) f.dType = '5';
        form.reset(f);
      } else setLoadError('Не указан пациент для нового талона');
      setErrors({});
      setSummary(null);
      setConflict(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    load();
    api.get<Page<TemplateRecord>>('/api/templates?pageSize=50').then((p) => setTemplates(p.items), () => setTemplates([]));
  }, [props.id, props.patientId]);

  const editable = can.write(s) && (visit ? visit.editable : true);
  useLeaveGuard(form.dirty && editable, 'талоне');

  function showErrors(e: unknown) {
    if (!(e instanceof ApiFailure)) return setSummary(String(e));
    if (e.status === 409) {
      setConflict(e.message);
      return;
    }
    const byField = e.byField();
    setErrors(byField);
    const placed = Object.keys(byField).filter((f) => f in visitSchema);
    const loose = e.errors.filter((x) => !(x.field in visitSchema)).map((x) => x.message);
    setSummary(e.errors.length ? (loose.length ? loose.join('; ') : `Исправьте ошибки в отмеченных полях (${placed.length})`) : e.message);
    const first = e.errors.find((x) => x.field in visitSchema);
    if (first) setTab(fieldTab[first.field] ?? 'talon');
  }

  async function save() {
    setSummary(null);
    setNotice(null);
    const { fields, errors: local } = fromForm(form.values, visitSchema);
    if (Object.keys(local).length) {
      setErrors(local);
      setSummary('Исправьте ошибки в отмеченных полях');
      return;
    }
    setSaving(true);
    try {
      if (visit) {
        const saved = await api.put<VisitRecord>(`/api/visits/${visit.id}`, { version: visit.version, fields });
        setVisit(saved);
        form.reset(toForm(saved.fields, visitSchema));
        setErrors({});
        setNotice(`Талон № ${saved.number} сохранён`);
      } else {
        const saved = await api.post<VisitRecord>('/api/visits', { patientId: patient!.id, fields });
        form.reset(toForm(saved.fields, visitSchema));
        flash.set(`Талон № ${saved.number} создан`);
        navigate(`/visits/${saved.id}`, { replace: true, force: true });
      }
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  }

  async function applyTemplate() {
    const t = templates.find((x) => String(x.id) === templateId);
    if (!t) return;
    setSummary(null);
    setNotice(null);
    if (visit && !form.dirty) {
      // A saved visit without edits: the hub applies it through the visit rules and saves (audited).
      try {
        const saved = await api.post<VisitRecord>(`/api/visits/${visit.id}/apply-template`, { templateId: t.id, version: visit.version });
        setVisit(saved);
        form.reset(toForm(saved.fields, visitSchema));
        setErrors({});
        setNotice(`Шаблон «${t.fields.name}» применён и сохранён`);
      } catch (e) {
        showErrors(e);
      }
      return;
    }
    // A new visit, or one with edits: copy into the form; "Сохранить" saves it all.
    for (const name of templateFields) {
      const v = t.fields[name];
      form.set(name, visitSchema[name] === 'bool' ? Boolean(v) : v === null || v === undefined ? '' : String(v));
    }
    setNotice(`Шаблон «${t.fields.name}» перенесён в форму: проверьте и сохраните талон`);
  }

  if (loadError)
    return (
      <section>
        <Message kind="error">{loadError}</Message>
        <Link href="/visits">К списку случаев</Link>
      </section>
    );
  if (!patient) return <p class="muted">Загрузка…</p>;

  const errorCount = (t: string) => Object.keys(errors).filter((f) => f in visitSchema && (fieldTab[f] ?? 'talon') === t).length;
  const tabs: TabDef[] = [
    { id: 'talon', label: 'Талон', badge: errorCount('talon') },
    { id: 'referral', label: 'Направление', badge: errorCount('referral') },
    { id: 'pmu', label: 'ПМУ', disabled: !visit, title: visit ? undefined : 'Сначала сохраните талон' },
    { id: 'policy', label: 'Полис на дату', badge: errorCount('policy') },
    { id: 'ds', label: 'ДС', badge: errorCount('ds') },
    { id: 'status', label: 'Открыть/Удалить', disabled: !visit },
    { id: 'history', label: 'История', disabled: !visit },
  ];
  if (visit?.source)
    tabs.push({
      id: 'source',
      label: 'Источник',
      disabled: visit.status === 0,
      badge: source ? Object.keys(source.conflicts).length : 0,
      badgeTitle: 'Конфликты с МИС',
      title: 'Значения МИС рядом со значениями Omslite',
    });
  const year = form.values.reportYear || visit?.fields.reportYear;
  const fieldProps = { form, errors, readOnly: !editable };

  return (
    <section class="visit-editor">
      <div class="editor-title">
        <h1>
          Талон № {visit ? visit.number : 'новый'}{' '}
          {visit ? (
            <span class={`state s${visit.status}`}>{visit.status === 1 ? 'открыт' : visit.status === 2 ? 'закрыт' : 'удалён'}</span>
          ) : null}{' '}
          <span class="muted">Год {year}</span>
          {visit?.source ? <span class="muted"> · из {visit.source}</span> : null}
        </h1>
        {editable ? (
          <div class="template-picker">
            <label>
              <span class="label">Шаблон талона</span>
              <select name="template" value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value)}>
                <option value="">— выберите —</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {String(t.fields.name)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!templateId} onClick={applyTemplate}>
              Применить шаблон
            </button>
          </div>
        ) : null}
        <div class="actions">
          <Link href="/visits" class="button">
            К списку
          </Link>
          {editable ? <SaveButton saving={saving} onClick={save} /> : null}
        </div>
      </div>
      {conflict ? (
        <Message kind="warn" action={<button type="button" class="primary" onClick={load}>Обновить талон</button>}>
          <b>{conflict}</b> Ваши изменения не сохранены; после обновления внесите их снова.
        </Message>
      ) : null}
      {visit?.reviewReason ? (
        <Message
          kind="warn"
          action={visit.source && visit.status !== 0 && tab !== 'source' ? <button type="button" onClick={() => setTab('source')}>Открыть «Источник»</button> : undefined}
        >
          <span data-testid="review-reason">
            <b>Требует проверки: {visit.reviewReason}.</b>
          </span>
        </Message>
      ) : null}
      {source && Object.keys(source.conflicts).length && tab !== 'source' ? (
        <Message kind="warn" action={<button type="button" onClick={() => setTab('source')}>Разобрать</button>}>
          МИС изменила поля, исправленные здесь: конфликтов {Object.keys(source.conflicts).length}.
        </Message>
      ) : null}
      {summary ? <Message kind="error">{summary}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      {visit && !visit.editable && visit.status === 2 ? (
        <Message kind="info">Талон закрыт: для исправления откройте его на вкладке «Открыть/Удалить».</Message>
      ) : null}
      <div class="editor-body">
        <PatientPanel patient={patient} editable={editable} onSaved={setPatient} />
        <div class="editor-main">
          <Tabs tabs={tabs} active={tab} onChange={setTab} />
          {formTabs.includes(tab) ? (
            <EditorForm onSave={save}>
              {tab === 'talon' ? <VisitMainFields {...fieldProps} /> : null}
              {tab === 'referral' ? <ReferralFields {...fieldProps} /> : null}
              {tab === 'policy' ? <PolicyFields {...fieldProps} /> : null}
              {tab === 'ds' ? <DayHospitalFields {...fieldProps} /> : null}
            </EditorForm>
          ) : null}
          {tab === 'pmu' && visit ? <PmuTab visitId={visit.id} editable={editable} onChanged={() => undefined} /> : null}
          {tab === 'status' && visit ? (
            <StatusTab
              visit={visit}
              dirty={form.dirty}
              onChanged={(v) => {
                setVisit(v);
                form.reset(toForm(v.fields, visitSchema));
                setNotice(v.status === 2 ? 'Талон закрыт' : 'Талон открыт');
              }}
            />
          ) : null}
          {tab === 'history' && visit ? <HistoryTab visitId={visit.id} version={visit.version} /> : null}
          {tab === 'source' && visit ? (
            <SourceTab
              data={source}
              error={sourceError}
              visitId={visit.id}
              open={visit.status === 1}
              dirty={form.dirty}
              onResolved={async (note) => {
                await load();
                setNotice(note);
              }}
            />
          ) : null}
        </div>
      </div>
      <p class="muted small keys">Enter — следующее поле, Ctrl+Enter — сохранить.</p>
      {Object.entries(errors)
        .filter(([f]) => !(f in visitSchema) && visitLabels[f])
        .map(([f, m]) => (
          <Message key={f} kind="error">{`${visitLabels[f]}: ${m}`}</Message>
        ))}
    </section>
  );
}
