import { useEffect, useState } from 'preact/hooks';
import { api, latest, can, query, session, type Page, errorText } from '../lib/api';
import { date, plural } from '../lib/format';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';
import type { PatientListItem } from '../lib/types';
import { DataTable, Pager, type SortState } from '../ui/table';
import { Link, PageHeader } from '../ui/shell';
import { Message, enterToNext } from '../ui/form';

interface Criteria {
  card: string;
  fam: string;
  im: string;
}

let remembered: { criteria: Criteria; searched: boolean; sort: SortState; page: number } = {
  criteria: { card: '', fam: '', im: '' },
  searched: false,
  sort: { sort: 'cardNumber', desc: false },
  page: 1,
};

/** "Пациенты" (ui.md §3.2): card search by number, surname and first name (case-insensitive prefixes, AND). */
export function PatientList() {
  const s = useStore(session);
  const [criteria, setCriteria] = useState(remembered.criteria);
  const [applied, setApplied] = useState<Criteria | null>(remembered.searched ? remembered.criteria : null);
  const [sort, setSort] = useState(remembered.sort);
  const [page, setPage] = useState(remembered.page);
  const [data, setData] = useState<Page<PatientListItem> | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<Page<PatientListItem>>('/api/patients?pageSize=1').then((p) => setCount(p.total), () => undefined);
  }, []);

  useEffect(() => {
    remembered = { criteria: applied ?? criteria, searched: applied !== null, sort, page };
    if (!applied) return;
    const url = '/api/patients' + query({ card: applied.card.trim(), fam: applied.fam.trim(), im: applied.im.trim(), sort: sort.sort, desc: sort.desc, page, pageSize: 50 });
    return latest(
      api.get<Page<PatientListItem>>(url),
      (d) => (setData(d), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, [applied, sort, page]);

  const set = (name: keyof Criteria) => (e: Event) => setCriteria({ ...criteria, [name]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section>
      <PageHeader title="Пациенты">
        <span class="muted">Поиск карт по номеру и пациенту{count !== null ? ` · всего ${count.toLocaleString('ru-RU')} ${plural(count, 'карта', 'карты', 'карт')}` : ''}</span>
      </PageHeader>
      <form
        class="filters"
        onKeyDown={enterToNext}
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ ...criteria });
          setPage(1);
        }}
      >
        <label class="field">
          <span class="label">Номер карты</span>
          <input name="card" class="w8" value={criteria.card} onInput={set('card')} autoFocus />
        </label>
        <label class="field">
          <span class="label">Фамилия</span>
          <input name="fam" class="w12 upper" value={criteria.fam} onInput={set('fam')} />
        </label>
        <label class="field">
          <span class="label">Имя</span>
          <input name="im" class="w10 upper" value={criteria.im} onInput={set('im')} />
        </label>
        <button type="submit" class="primary" data-submit>
          Найти
        </button>
        {can.write(s) ? (
          <button type="button" onClick={() => navigate('/patients/new')}>
            Новая карта
          </button>
        ) : null}
      </form>
      {error ? <Message kind="error">{error}</Message> : null}
      {applied && data ? (
        <>
          <Pager page={page} pageSize={50} total={data.total} onPage={setPage} />
          <DataTable
            columns={[
              { key: 'cardNumber', label: 'Карта', sort: 'cardNumber', render: (p) => <Link href={`/patients/${p.id}`}>{p.cardNumber}</Link> },
              { key: 'fio', label: 'ФИО', sort: 'fam', className: 'fio' },
              { key: 'birthDate', label: 'Дата рождения', sort: 'birthDate', render: (p) => date(p.birthDate) },
              { key: 'policyNumber', label: 'Номер полиса', sort: 'policyNumber' },
              {
                key: 'new',
                label: 'Новый талон',
                className: 'actions',
                render: (p) =>
                  can.write(s) ? (
                    <Link href={`/visits/new?patient=${p.id}`} class="icon-link plus" title={`Новый талон для карты ${p.cardNumber}`}>
                      ⊕
                    </Link>
                  ) : null,
              },
            ]}
            rows={data.items}
            rowKey={(p) => p.id}
            sort={sort}
            onSort={(x) => {
              setSort(x);
              setPage(1);
            }}
            onRowClick={(p) => navigate(`/patients/${p.id}`)}
          />
        </>
      ) : (
        <p class="muted">Введите номер карты, фамилию или имя (можно начало) и нажмите «Найти». Пустой поиск покажет все карты.</p>
      )}
    </section>
  );
}
