import { useEffect, useState } from 'preact/hooks';
import { api, can, session, errorText, saveProblem } from '../lib/api';
import { flash, takeFlash } from '../lib/flash';
import { bind, fromForm, toForm, useFormState, type Schema } from '../lib/form';
import { navigate, useLeaveGuard } from '../lib/router';
import { useStore } from '../lib/store';
import type { TemplateRecord } from '../lib/types';
import { confirmAction } from '../ui/dialog';
import { EditorForm, Field, Message, Row } from '../ui/form';
import { Link } from '../ui/shell';
import { VisitMainFields } from './visit/visitForm';

const schema: Schema = {
  name: 'text', urgent: 'bool', firstVisit: 'bool', istFin: 'int', purpose: 'int', docSpec: 'int', docCode: 'int', ds1: 'code',
  char1: 'int', ishod: 'int', rslt: 'int', finality: 'int', visitPol: 'int0', visitHome: 'int0', profK: 'int', ksg: 'text', sh: 'text',
};

/** New templates get the visit defaults (ui.md §3.6) plus the diagnostic ones (§7). */
const defaults = { firstVisit: true, urgent: false, istFin: 1, purpose: 4, char1: 1, ishod: 4, rslt: 14, visitPol: 1, visitHome: 0 };

export function TemplateEditor(props: { id: string | null }) {
  const s = useStore(session);
  const [record, setRecord] = useState<TemplateRecord | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useFormState(toForm(defaults, schema));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(takeFlash());
  const editable = can.write(s);

  useEffect(() => {
    if (!props.id) return;
    api.get<TemplateRecord>(`/api/templates/${props.id}`).then(
      (t) => (setRecord(t), form.reset(toForm(t.fields, schema))),
      (e) => setLoadError(errorText(e)),
    );
  }, [props.id]);

  useLeaveGuard(form.dirty && editable, 'шаблоне');

  async function save() {
    setSummary(null);
    setNotice(null);
    const { fields, errors: local } = fromForm(form.values, schema);
    if (Object.keys(local).length) return setErrors(local);
    try {
      const saved = record
        ? await api.put<TemplateRecord>(`/api/templates/${record.id}`, fields)
        : await api.post<TemplateRecord>('/api/templates', fields);
      setErrors({});
      form.reset(toForm(saved.fields, schema));
      if (record) {
        setRecord(saved);
        setNotice(`Шаблон «${saved.fields.name}» сохранён`);
      } else {
        flash.set(`Шаблон «${saved.fields.name}» создан`);
        navigate(`/templates/${saved.id}`, { replace: true, force: true });
      }
    } catch (e) {
      const problem = saveProblem(e);
      setErrors(problem.errors);
      setSummary(problem.summary);
    }
  }

  async function remove() {
    if (!record || !(await confirmAction('Удаление шаблона', `Удалить шаблон «${record.fields.name}»? Талоны, к которым он применялся, не изменятся.`, 'Удалить', true)))
      return;
    try {
      await api.del(`/api/templates/${record.id}`);
      flash.set(`Шаблон «${record.fields.name}» удалён`);
      navigate('/templates', { force: true });
    } catch (e) {
      setSummary(errorText(e));
    }
  }

  if (loadError)
    return (
      <section>
        <Message kind="error">{loadError}</Message>
        <Link href="/templates">К списку шаблонов</Link>
      </section>
    );

  return (
    <section class="template-editor">
      <div class="editor-title">
        <h1>Шаблон {record ? `«${record.fields.name}»` : 'новый'}</h1>
        <div class="actions">
          <Link href="/templates" class="button">
            К списку
          </Link>
          {record && can.admin(s) ? (
            <button type="button" class="danger" onClick={remove}>
              Удалить шаблон
            </button>
          ) : null}
        </div>
      </div>
      {summary ? <Message kind="error">{summary}</Message> : null}
      {notice ? <Message kind="ok">{notice}</Message> : null}
      <EditorForm onSave={save}>
        <VisitMainFields form={form} errors={errors} readOnly={!editable} template />
        <Row title="Шаблон">
          <Field label="Имя шаблона" name="name" error={errors.name} hint="первое слово — не короче 4 символов">
            <input {...bind(form, 'name', { readOnly: !editable })} class="w20" />
          </Field>
          {editable ? (
            <button type="submit" class="primary" data-submit>
              Сохранить шаблон
            </button>
          ) : null}
        </Row>
        <p class="muted small">
          При применении к талону переносятся признаки, оплата, цель, врач, посещения, характер, исход и результат; даты и
          диагноз не переносятся.
        </p>
      </EditorForm>
    </section>
  );
}
