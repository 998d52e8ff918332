import { useEffect, useState } from 'preact/hooks';
import { api, latest, can, query, session, type Page, errorText } from '../lib/api';
import { takeFlash } from '../lib/flash';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';
import type { TemplateRecord } from '../lib/types';
import { DataTable, Pager } from '../ui/table';
import { Link, PageHeader } from '../ui/shell';
import { Message } from '../ui/form';

const f = (t: TemplateRecord, name: string) => String(t.fields[name] ?? '');

/** "Шаблоны талонов" (ui.md §3.6): search by the start of the name, sorted by number. */
export function TemplateList() {
  const s = useStore(session);
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<TemplateRecord> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice] = useState(takeFlash());

  useEffect(
    () =>
      latest(
        api.get<Page<TemplateRecord>>('/api/templates' + query({ q: applied.trim(), page, pageSize: 50 })),
        (d) => (setData(d), setError(null)),
        (e) => setError(errorText(e)),
      ),
    [applied, page],
  );

  return (
    <section>
      <PageHeader title="Шаблоны талонов" />
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(q);
          setPage(1);
        }}
      >
        <label class="field">
          <span class="label">Имя шаблона</span>
          <input name="q" class="w14" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Найти
        </button>
        {can.write(s) ? (
          <button type="button" onClick={() => navigate('/templates/new')}>
            Новый
          </button>
        ) : null}
      </form>
      {notice ? <Message kind="ok">{notice}</Message> : null}
      {error ? <Message kind="error">{error}</Message> : null}
      <Pager page={page} pageSize={50} total={data?.total ?? 0} onPage={setPage} />
      <DataTable
        columns={[
          { key: 'name', label: 'Шаблон', render: (t) => <Link href={`/templates/${t.id}`}>{f(t, 'name')}</Link> },
          { key: 'istFin', label: 'Ист. фин.', className: 'num', render: (t) => f(t, 'istFin') },
          { key: 'docSpec', label: 'Специальность', className: 'num', render: (t) => f(t, 'docSpec') },
          { key: 'docCode', label: 'Код доктора', className: 'num', render: (t) => f(t, 'docCode') },
          { key: 'purpose', label: 'Цель', className: 'num', render: (t) => f(t, 'purpose') },
          { key: 'rslt', label: 'Результат', className: 'num', render: (t) => f(t, 'rslt') },
          { key: 'ishod', label: 'Исход лечения', className: 'num', render: (t) => f(t, 'ishod') },
          { key: 'ksg', label: 'КСГ', render: (t) => f(t, 'ksg') },
          { key: 'sh', label: 'Схема лечения', render: (t) => f(t, 'sh') },
        ]}
        rows={data?.items ?? []}
        rowKey={(t) => t.id}
        onRowClick={(t) => navigate(`/templates/${t.id}`)}
        loading={!data}
      />
    </section>
  );
}
