import type { ComponentChildren } from 'preact';
import { signOut, type Session } from '../lib/api';
import { onLinkClick } from '../lib/router';
import { roleNames } from '../lib/format';
import { MoSwitch } from './moSwitch';

export const menu: { href: string; label: string; match: string[] }[] = [
  { href: '/', label: 'Обзор', match: ['/'] },
  { href: '/visits', label: 'Случаи', match: ['/visits'] },
  { href: '/patients', label: 'Пациенты', match: ['/patients'] },
  { href: '/templates', label: 'Шаблоны', match: ['/templates'] },
  { href: '/reference', label: 'Справочники', match: ['/reference'] },
  { href: '/registries', label: 'Реестры', match: ['/registries'] },
  { href: '/sources', label: 'Источники', match: ['/sources'] },
  { href: '/settings', label: 'Настройки', match: ['/settings'] },
];

export function Link(props: { href: string; children: ComponentChildren; class?: string; title?: string }) {
  return (
    <a href={props.href} class={props.class} title={props.title} onClick={(e) => onLinkClick(e, props.href)}>
      {props.children}
    </a>
  );
}

function isActive(path: string, prefixes: string[]): boolean {
  return prefixes.some((p) => (p === '/' ? path === '/' : path === p || path.startsWith(p + '/')));
}

/** The top bar (MO, menu, user, logout) and the page. */
export function Shell(props: { session: Session; path: string; children: ComponentChildren }) {
  const { user } = props.session;
  return (
    <div class="shell">
      <header class="topbar">
        <div class="brand">
          <span class="logo">Omslite</span>
          {user.mos.length > 1 ? (
            <MoSwitch user={user} />
          ) : (
            <span class="mo" title={user.mo ? `Код МО ${user.mo.code}` : undefined}>
              {user.mo ? `${user.mo.code} · ${user.mo.name}` : 'МО не выбрана'}
            </span>
          )}
        </div>
        <nav class="menu" aria-label="Разделы">
          {menu.map((m) => (
            <Link key={m.href} href={m.href} class={isActive(props.path, m.match) ? 'active' : ''}>
              {m.label}
            </Link>
          ))}
        </nav>
        <div class="user">
          <span class="who" data-testid="user">
            <b>{user.login}</b> · {roleNames[user.role] ?? user.role}
          </span>
          <button type="button" class="link" onClick={() => signOut()}>
            Выход
          </button>
        </div>
      </header>
      <main class="content">{props.children}</main>
    </div>
  );
}

export function PageHeader(props: { title: ComponentChildren; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1>{props.title}</h1>
      <div class="actions">{props.children}</div>
    </div>
  );
}
