export interface TabDef {
  id: string;
  label: string;
  disabled?: boolean;
  badge?: number;
  /** What the badge counts; errors by default. */
  badgeTitle?: string;
  title?: string;
}

/** A tab strip; a tab holding errors shows their count. */
export function Tabs(props: { tabs: TabDef[]; active: string; onChange: (id: string) => void }) {
  return (
    <div class="tabs" role="tablist">
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={props.active === t.id}
          class={props.active === t.id ? 'active' : ''}
          disabled={t.disabled}
          title={t.title}
          onClick={() => props.onChange(t.id)}
        >
          {t.label}
          {t.badge ? <span class="tab-badge" title={t.badgeTitle ?? 'Ошибки на вкладке'}>{t.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}
