import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../lib/api';
import { searchBook, type Row } from '../../lib/books';
import { codeInput, date, money } from '../../lib/format';
import type { VisitServiceRow } from '../../lib/types';
import { DataTable, type Column } from '../../ui/table';
import { Field, Message, enterToNext } from '../../ui/form';
import { useAction } from '../../ui/action';

/** ui.md §3.5.6: the PMU rows of a saved visit; each action is saved at once. */
export function PmuTab(props: { visitId: number; editable: boolean; onChanged: () => void }) {
  const [rows, setRows] = useState<VisitServiceRow[] | null>(null);
  const [code, setCode] = useState('');
  const [ccode, setCcode] = useState('');
  const [group, setGroup] = useState('');
  const [options, setOptions] = useState<Row[]>([]);
  const action = useAction();
  const { busy, error, setError } = action;
  const base = `/api/visits/${props.visitId}/services`;

  useEffect(() => {
    api.get<VisitServiceRow[]>(base).then(setRows, (e) => setError(errorText(e)));
  }, [props.visitId]);

  // Suggestions once the code has the shape X99.99 (ui.md §3.5.6).
  useEffect(() => {
    if (!/^[A-Z]\d\d\.\d\d/.test(code)) return setOptions([]);
    let live = true;
    const t = setTimeout(() => searchBook('pmu', code, 20).then((r) => live && setOptions(r)), 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [code]);

  const run = (request: () => Promise<VisitServiceRow[]>) =>
    action.run(async () => {
      setRows(await request());
      props.onChanged();
    });

  async function add(e: Event) {
    e.preventDefault();
    const body = code.trim() ? { code: code.trim() } : ccode.trim() ? { ccode: Number(ccode) } : group.trim() ? { group: Number(group) } : null;
    if (!body) return setError('Укажите код, номер или группу ПМУ');
    if (('ccode' in body && Number.isNaN(body.ccode)) || ('group' in body && Number.isNaN(body.group))) return setError('Номер и группа — числа');
    if (await run(() => api.post<VisitServiceRow[]>(base, body))) {
      setCode('');
      setCcode('');
      setGroup('');
    }
  }

  const quantity = (row: VisitServiceRow, delta: number) => run(() => api.post<VisitServiceRow[]>(`${base}/${row.id}/quantity`, { delta }));

  const columns: Column<VisitServiceRow>[] = [
    { key: 'ccode', label: 'Номер', className: 'num' },
    { key: 'code', label: 'Код услуги', className: 'code' },
    { key: 'quantity', label: 'Кол-во', className: 'num qty' },
    { key: 'name', label: 'Наименование', className: 'name' },
    { key: 'serviceDate', label: 'Дата', render: (r) => date(r.serviceDate) },
    { key: 'execSpec', label: 'Спец', className: 'num' },
    { key: 'execDoc', label: 'Спец код', className: 'num' },
    { key: 'execPodr', label: 'Подр', className: 'num' },
    { key: 'tariff', label: 'Тариф', className: 'num', render: (r) => (r.tariff === null ? <span class="muted">нет тарифа</span> : money(r.tariff)) },
  ];
  if (props.editable) {
    columns.push({
      key: 'actions',
      label: '',
      className: 'actions',
      render: (r) => (
        <>
          <button type="button" class="icon plus" title="Добавить одну" aria-label={`Увеличить количество ${r.code}`} disabled={busy} onClick={() => quantity(r, 1)}>
            +
          </button>
          <button type="button" class="icon minus" title="Убрать одну (при нуле строка удаляется)" aria-label={`Уменьшить количество ${r.code}`} disabled={busy} onClick={() => quantity(r, -1)}>
            −
          </button>
        </>
      ),
    });
  }
  const total = (rows ?? []).reduce((s, r) => s + (r.tariff ?? 0) * r.quantity, 0);

  return (
    <div class="pmu-tab">
      <h3>ПМУ текущего талона</h3>
      {props.editable ? (
        <form class="filters" onSubmit={add} onKeyDown={enterToNext}>
          <Field label="Код ПМУ" name="pmuCode">
            <input name="pmuCode" class="code w10" list="dl-pmu" autocomplete="off" value={code} onInput={(e) => setCode(codeInput(e.currentTarget.value))} />
            <datalist id="dl-pmu">
              {options.map((o) => (
                <option key={String(o.code)} value={String(o.code)}>
                  {`${o.ccode ?? ''} ${o.name ?? ''}`}
                </option>
              ))}
            </datalist>
          </Field>
          <Field label="Номер ПМУ" name="pmuNumber">
            <input name="pmuNumber" class="w4" inputMode="numeric" autocomplete="off" value={ccode} onInput={(e) => setCcode(e.currentTarget.value)} />
          </Field>
          <Field label="Группа ПМУ" name="pmuGroup">
            <input name="pmuGroup" class="w4" inputMode="numeric" autocomplete="off" value={group} onInput={(e) => setGroup(e.currentTarget.value)} />
          </Field>
          <button type="submit" class="primary" data-submit disabled={busy}>
            Добавить
          </button>
          <span class="muted small">Используется первое заполненное: код, номер, группа.</span>
        </form>
      ) : (
        <p class="muted">Талон закрыт: услуги только для просмотра.</p>
      )}
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable columns={columns} rows={rows ?? []} rowKey={(r) => r.id} loading={rows === null} empty="В талоне нет услуг" />
      {rows && rows.length ? (
        <p class="total">
          Итого по тарифам: <b>{money(total)}</b> руб.
        </p>
      ) : null}
    </div>
  );
}
