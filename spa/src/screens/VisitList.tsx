import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query, type Page, errorText } from '../lib/api';
import { useBook } from '../lib/books';
import { date, monthNames } from '../lib/format';
import { visitStages } from '../lib/stages';
import { navigate } from '../lib/router';
import type { VisitListItem } from '../lib/types';
import { DataTable, Pager, type Column, type SortState } from '../ui/table';
import { Link, PageHeader } from '../ui/shell';
import { Message } from '../ui/form';

export interface VisitFilter {
  year: number;
  month: number;
  state: string;
  doctor: string;
  smo: string;
  nprMo: string;
  source: string;
  q: string;
  /** One card's visits, of every month ("Случаи пациента" from the card); null: the month's queue. */
  patient: { id: number; label: string } | null;
}

const now = new Date();

/** Kept while the tab lives, so that coming back from a visit shows the same list. */
let remembered: { filter: VisitFilter; sort: SortState; page: number } = {
  filter: { year: now.getFullYear(), month: now.getMonth() + 1, state: '', doctor: '', smo: '', nprMo: '', source: '', q: '', patient: null },
  sort: { sort: 'number', desc: false },
  page: 1,
};

export function showVisits(filter: Partial<VisitFilter>): void {
  remembered = { ...remembered, filter: { ...remembered.filter, patient: null, ...filter }, page: 1 };
  navigate('/visits');
}

const stateLabel = (v: VisitListItem) => (v.status === 2 ? 'закрыт' : 'открыт');

const columns: Column<VisitListItem>[] = [
  { key: 'number', label: 'Талон', sort: 'number', className: 'num', render: (v) => <Link href={`/visits/${v.id}`}>{v.number}</Link> },
  { key: 'cardNumber', label: 'Карта', sort: 'cardNumber', render: (v) => <Link href={`/patients/${v.patientId}`}>{v.cardNumber}</Link> },
  { key: 'fio', label: 'ФИО', sort: 'fio', className: 'fio' },
  { key: 'openDate', label: 'Открыт', sort: 'openDate', render: (v) => date(v.openDate) },
  { key: 'closeDate', label: 'Закрыт', sort: 'closeDate', render: (v) => date(v.closeDate) },
  { key: 'reportMonth', label: 'Мес.', sort: 'reportMonth', className: 'num', title: 'Отчётный месяц', render: (v) => `${String(v.reportMonth).padStart(2, '0')}.${v.reportYear}` },
  { key: 'purpose', label: 'Цель', className: 'num' },
  { key: 'ds1', label: 'Диагноз', sort: 'ds1' },
  { key: 'doctor', label: 'Врач', sort: 'doctor', className: 'doctor', render: (v) => (v.docSpec !== null ? `${v.docSpec}/${v.docCode ?? ''} ${v.doctor ?? ''}` : '') },
  { key: 'nprMo', label: 'МО напр.', className: 'num' },
  { key: 'smo', label: 'СМО', className: 'num' },
  { key: 'source', label: 'Источник', render: (v) => v.source ?? 'вручную' },
  {
    key: 'status',
    label: 'Состояние',
    sort: 'status',
    // The flags wrap under the state rather than push the table past the screen.
    className: 'flags',
    render: (v) => (
      <>
        <span class={`badge s${v.status}`}>{stateLabel(v)}</span>
        {v.mek ? <span class="badge mek">МЭК</span> : null}
        <ProblemBadges visit={v} />
      </>
    ),
  },
];

/** A sync's flags on a row: conflicts with the MIS, and the review reason ("Отменён в МИС после отправки в ТФОМС"). */
export function ProblemBadges(props: { visit: VisitListItem }) {
  const v = props.visit;
  return (
    <>
      {v.conflicts > 0 ? (
        <span class="badge problem" title={`МИС изменила исправленные здесь поля: ${v.conflicts}. Разберите на вкладке «Источник».`}>
          конфликт МИС{v.conflicts > 1 ? ` ×${v.conflicts}` : ''}
        </span>
      ) : null}
      {v.reviewReason ? (
        <span class="badge problem" title={v.reviewReason}>
          {v.reviewReason}
        </span>
      ) : null}
    </>
  );
}

/** "Случаи": the review queue of a report month (ui.md §3.4), 50 rows a page, sorted and filtered on the server. */
export function VisitList() {
  const [filter, setFilter] = useState(remembered.filter);
  const [sort, setSort] = useState(remembered.sort);
  const [page, setPage] = useState(remembered.page);
  const [q, setQ] = useState(remembered.filter.q);
  const [data, setData] = useState<Page<VisitListItem> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const doctors = useBook('doctors');
  const seq = useRef(0);

  useEffect(() => {
    remembered = { filter, sort, page };
    const [docSpec, docCode] = filter.doctor ? filter.doctor.split('/') : [null, null];
    const url =
      '/api/visits' +
      query({
        year: filter.patient ? null : filter.year,
        month: filter.patient ? null : filter.month,
        patientId: filter.patient?.id,
        state: filter.state,
        docSpec,
        docCode,
        smo: filter.smo.trim(),
        nprMo: filter.nprMo.trim(),
        source: filter.source,
        q: filter.q.trim(),
        sort: sort.sort,
        desc: sort.desc,
        page,
        pageSize: 50,
      });
    const mine = ++seq.current;
    setLoading(true);
    api
      .get<Page<VisitListItem>>(url)
      .then((d) => mine === seq.current && (setData(d), setError(null)))
      .catch((e) => mine === seq.current && setError(errorText(e)))
      .finally(() => mine === seq.current && setLoading(false));
  }, [filter, sort, page]);

  // The search box applies itself a moment after typing stops.
  useEffect(() => {
    if (q === filter.q) return;
    const t = setTimeout(() => change({ q }), 350);
    return () => clearTimeout(t);
  }, [q]);

  function change(part: Partial<VisitFilter>) {
    setFilter((f) => ({ ...f, ...part }));
    setPage(1);
  }

  const years: number[] = [];
  for (let y = now.getFullYear() + 1; y >= 2010; y--) years.push(y);

  return (
    <section>
      <PageHeader title="Случаи">
        <span class="muted">
          {filter.patient ? 'Талоны одного пациента за все месяцы.' : 'Талоны отчётного месяца.'} Чтобы создать талон, найдите пациента в разделе «Пациенты».
        </span>
      </PageHeader>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          change({ q });
        }}
      >
        <label class="field">
          <span class="label">Месяц</span>
          <select name="month" value={filter.month} onChange={(e) => change({ month: Number(e.currentTarget.value), patient: null })}>
            {monthNames.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">Год</span>
          <select name="year" value={filter.year} onChange={(e) => change({ year: Number(e.currentTarget.value), patient: null })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">Состояние</span>
          <select name="state" value={filter.state} onChange={(e) => change({ state: e.currentTarget.value })}>
            <option value="">все</option>
            <optgroup label="Этап (как на «Обзоре»)">
              {visitStages.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Ещё">
              <option value="open">открытые</option>
              <option value="closed">закрытые</option>
              <option value="conflict">с конфликтами МИС</option>
            </optgroup>
          </select>
        </label>
        <label class="field">
          <span class="label">Врач</span>
          {doctors.loaded ? (
            <select name="doctor" value={filter.doctor} onChange={(e) => change({ doctor: e.currentTarget.value })}>
              <option value="">все</option>
              {doctors.rows.map((d) => (
                <option key={`${d.spec}/${d.code}`} value={`${d.spec}/${d.code}`}>
                  {`${d.spec}/${d.code} ${d.family ?? ''}`}
                </option>
              ))}
            </select>
          ) : (
            <input
              name="doctor"
              class="w6"
              placeholder="спец/код"
              value={filter.doctor}
              onChange={(e) => change({ doctor: /^\d+\/\d+$/.test(e.currentTarget.value.trim()) ? e.currentTarget.value.trim() : '' })}
            />
          )}
        </label>
        <label class="field">
          <span class="label">СМО</span>
          <input name="smo" class="w5" value={filter.smo} onChange={(e) => change({ smo: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span class="label">МО направления</span>
          <input name="nprMo" class="w4" value={filter.nprMo} onChange={(e) => change({ nprMo: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span class="label">Источник</span>
          <select name="source" value={filter.source} onChange={(e) => change({ source: e.currentTarget.value })}>
            <option value="">все</option>
            <option value="manual">введённые вручную</option>
          </select>
        </label>
        <label class="field grow">
          <span class="label">Поиск</span>
          <input
            name="q"
            type="search"
            placeholder="номер талона, номер карты или фамилия"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary">
          Найти
        </button>
      </form>
      {filter.patient ? (
        <Message
          kind="info"
          action={
            <button type="button" onClick={() => change({ patient: null })}>
              Показать все случаи месяца
            </button>
          }
        >
          <span data-testid="patient-filter">
            Случаи пациента: <Link href={`/patients/${filter.patient.id}`}>{filter.patient.label}</Link> — за все месяцы.
          </span>
        </Message>
      ) : null}
      {error ? <Message kind="error">{error}</Message> : null}
      <Pager page={page} pageSize={50} total={data?.total ?? 0} onPage={setPage}>
        <span class="muted">{filter.patient ? 'все месяцы' : `${monthNames[filter.month - 1]} ${filter.year}`}</span>
      </Pager>
      <DataTable
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(v) => v.id}
        rowClass={(v) => (v.status === 2 ? 'closed' : '')}
        sort={sort}
        onSort={(s) => {
          setSort(s);
          setPage(1);
        }}
        onRowClick={(v) => navigate(`/visits/${v.id}`)}
        loading={loading && !data}
      />
      {data && data.total > 50 ? <Pager page={page} pageSize={50} total={data.total} onPage={setPage} /> : null}
    </section>
  );
}
