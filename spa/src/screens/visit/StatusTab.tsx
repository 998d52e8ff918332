import { useState } from 'preact/hooks';
import { api, can, session, actionError } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useStore } from '../../lib/store';
import type { VisitRecord } from '../../lib/types';
import { ask, confirmAction } from '../../ui/dialog';
import { Message } from '../../ui/form';
import { flash } from '../../lib/flash';

/** ui.md §3.5.8 "Открыть/Удалить": close and open with a confirmation, delete with the login typed, restore (admin). */
export function StatusTab(props: { visit: VisitRecord; dirty: boolean; onChanged: (v: VisitRecord) => void }) {
  const s = useStore(session);
  const [error, setError] = useState<string | null>(null);
  const v = props.visit;

  async function change(status: 'open' | 'closed' | 'deleted', confirm?: string) {
    setError(null);
    try {
      const saved = await api.post<VisitRecord>(`/api/visits/${v.id}/status`, { status, confirm });
      if (status === 'deleted') {
        flash.set(`Талон № ${v.number} удалён`);
        navigate('/visits', { force: true });
      } else props.onChanged(saved);
    } catch (e) {
      setError(actionError(e));
    }
  }

  const unsaved = props.dirty ? ' Несохранённые изменения формы будут потеряны.' : '';
  async function close() {
    if (await confirmAction('Изменить тип талона', `Закрыть талон № ${v.number}? Закрытый талон нельзя править.${unsaved}`, 'Закрыть талон'))
      await change('closed');
  }
  async function open() {
    if (await confirmAction('Изменить тип талона', `Открыть талон № ${v.number} для исправления?`, 'Открыть талон')) await change('open');
  }
  async function restore() {
    if (await confirmAction('Восстановление талона', `Восстановить талон № ${v.number}? Он снова станет открытым.`, 'Восстановить')) await change('open');
  }
  async function remove() {
    const typed = await ask({
      title: 'Удаление талона',
      text: `Талон № ${v.number} исчезнет из списков и не попадёт в реестр. Восстановить его сможет только администратор. Для подтверждения введите свой логин.`,
      input: 'Введите код подтверждения — ваш логин',
      ok: 'Удалить талон',
      danger: true,
    });
    if (typed === null) return;
    if (typed.trim() !== s?.user.login) return setError('Удаление не подтверждено: введён не ваш логин');
    await change('deleted', typed.trim());
  }

  return (
    <div class="status-tab">
      <h3>Состояние талона</h3>
      {error ? <Message kind="error">{error}</Message> : null}
      {v.status === 1 ? (
        <>
          <p>Талон открыт: его можно править, он попадёт в реестр своего отчётного месяца.</p>
          <div class="buttons">
            <button type="button" onClick={close}>
              Закрыть талон
            </button>
            <button type="button" class="danger" onClick={remove}>
              Удалить талон
            </button>
          </div>
        </>
      ) : v.status === 2 ? (
        <>
          <p>Талон закрыт (или отправлен): он только для просмотра. Чтобы исправить, откройте его.</p>
          <button type="button" class="primary" onClick={open}>
            Открыть талон
          </button>
        </>
      ) : (
        <>
          <p class="bad">Талон удалён: его нет в списках и реестрах.</p>
          {can.admin(s) ? (
            <button type="button" class="primary" onClick={restore}>
              Восстановить талон
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
