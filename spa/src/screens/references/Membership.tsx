import { useEffect, useState } from 'preact/hooks';
import { actionError, api } from '../../lib/api';
import { codeInput } from '../../lib/format';
import { Message } from '../../ui/form';
import { useAction } from '../../ui/action';

/** One link of a PMU and a group, from either side: what identifies it and how it reads. */
interface Link {
  key: string;
  cells: string[];
}

interface Side {
  heading: string;
  columns: string[];
  inputLabel: string;
  path: string;
  toLinks: (rows: unknown[]) => Link[];
  /** The POST body for what was typed, or a message when it cannot be one. */
  body: (text: string) => Record<string, unknown> | string;
}

interface GroupRow {
  id: number;
  name: string;
}

interface MemberRow {
  code: string;
  ccode: number | null;
  name: string | null;
}

/** ui.md §2.3, PMU editor, right column: "ПМУ Включена в группы", add by group number, remove with the minus. */
const groupsOfPmu = (pmuId: number): Side => ({
  heading: 'ПМУ включена в группы',
  columns: ['Номер группы', 'Имя группы'],
  inputLabel: 'Добавить к группе (номер)',
  path: `/api/reference/pmu/${pmuId}/groups`,
  toLinks: (rows) => (rows as GroupRow[]).map((g) => ({ key: String(g.id), cells: [String(g.id), g.name] })),
  body: (text) => (/^\d+$/.test(text) ? { groupId: Number(text) } : 'Номер группы — целое число'),
});

/** ui.md §2.3, group editor, right column: "В группу включены ПМУ", add by code or short number ("by number or by code"). */
const membersOfGroup = (groupId: number): Side => ({
  heading: 'В группу включены ПМУ',
  columns: ['Код услуги', 'Номер', 'Наименование'],
  inputLabel: 'Добавить ПМУ (код или номер)',
  path: `/api/reference/pmu-groups/${groupId}/members`,
  toLinks: (rows) => (rows as MemberRow[]).map((m) => ({ key: m.code, cells: [m.code, m.ccode === null ? '' : String(m.ccode), m.name ?? '(нет в справочнике ПМУ)'] })),
  body: (text) => (/^\d+$/.test(text) ? { number: Number(text) } : { code: codeInput(text) }), // "ф05…" is A05…
});

/** The membership panel of a PMU or group row, for the books that have one; saved at once, link by link. */
export function membershipOf(bookId: string, row: Record<string, unknown>): Side | null {
  const id = Number(row.id);
  if (!Number.isInteger(id)) return null;
  if (bookId === 'pmu') return groupsOfPmu(id);
  if (bookId === 'pmu-groups') return membersOfGroup(id);
  return null;
}

export function Membership(props: { side: Side; onChanged: () => void }) {
  const { side } = props;
  const [links, setLinks] = useState<Link[] | null>(null);
  const [text, setText] = useState('');
  const action = useAction();
  const { busy, error, setError } = action;

  const load = () => api.get<unknown[]>(side.path).then((rows) => setLinks(side.toLinks(rows)), (e) => setError(actionError(e)));
  useEffect(() => void load(), [side.path]);

  const run = (request: () => Promise<unknown>) =>
    action.run(async () => {
      await request();
      await load();
      props.onChanged();
    });

  async function add() {
    const body = side.body(text.trim());
    if (!text.trim()) return setError('Введите, что добавить');
    if (typeof body === 'string') return setError(body);
    if (await run(() => api.post(side.path, body))) setText('');
  }

  return (
    <section class="membership" aria-label={side.heading}>
      <h3>{side.heading}</h3>
      <div class="membership-add">
        <label class="field grow">
          <span class="label">{side.inputLabel}</span>
          <input
            name="member"
            autocomplete="off"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
          />
        </label>
        <button type="button" onClick={add} disabled={busy}>
          Добавить
        </button>
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
      <table class="grid">
        <thead>
          <tr>
            {side.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            <th class="actions">Удалить</th>
          </tr>
        </thead>
        <tbody>
          {links?.length === 0 ? (
            <tr>
              <td class="empty" colSpan={side.columns.length + 1}>
                Нет
              </td>
            </tr>
          ) : null}
          {links?.map((l) => (
            <tr key={l.key}>
              {l.cells.map((c, i) => (
                <td key={i} class={i === l.cells.length - 1 ? 'name' : undefined}>
                  {c}
                </td>
              ))}
              <td class="actions">
                <button
                  type="button"
                  class="icon minus"
                  title="Удалить из группы"
                  aria-label={`Удалить ${l.cells[0]}`}
                  disabled={busy}
                  onClick={() => run(() => api.del(`${side.path}/${encodeURIComponent(l.key)}`))}
                >
                  −
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
