import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import type { HistoryEntry } from '../../lib/types';
import { DataTable } from '../../ui/table';
import { Message } from '../../ui/form';
import { visitLabels } from './visitForm';

const operations: Record<string, string> = {
  create: 'создание',
  update: 'изменение',
  status: 'состояние',
  delete: 'удаление',
  restore: 'восстановление',
  'service-add': 'ПМУ добавлена',
  'service-quantity': 'ПМУ: количество',
  'service-remove': 'ПМУ удалена',
};

const statusValues: Record<string, string> = { '0': 'удалён', '1': 'открыт', '2': 'закрыт' };

function fieldName(field: string | null): string {
  if (!field) return '';
  if (field.startsWith('service:')) return `ПМУ ${field.slice(8)}`;
  return visitLabels[field] ?? field;
}

function value(field: string | null, v: string | null): string {
  if (v === null) return '';
  if (field === 'status') return statusValues[v] ?? v;
  if (v === 'true') return 'да';
  if (v === 'false') return 'нет';
  return v;
}

/** The visit's audit lines, newest first (docs/security.md, Audit). */
export function HistoryTab(props: { visitId: number; version: number }) {
  const [rows, setRows] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<HistoryEntry[]>(`/api/visits/${props.visitId}/history`).then(setRows, (e) => setError(errorText(e)));
  }, [props.visitId, props.version]);
  return (
    <div class="history-tab">
      <h3>История изменений</h3>
      {error ? <Message kind="error">{error}</Message> : null}
      <DataTable
        columns={[
          { key: 'at', label: 'Когда', render: (r) => dateTime(r.at) },
          { key: 'actor', label: 'Кто' },
          { key: 'operation', label: 'Действие', render: (r) => operations[r.operation] ?? r.operation },
          { key: 'field', label: 'Поле', render: (r) => fieldName(r.field) },
          { key: 'oldValue', label: 'Было', render: (r) => value(r.field, r.oldValue) },
          { key: 'newValue', label: 'Стало', render: (r) => value(r.field, r.newValue) },
        ]}
        rows={rows ?? []}
        rowKey={(_, i) => i}
        loading={rows === null}
        empty="Изменений нет"
      />
    </div>
  );
}
