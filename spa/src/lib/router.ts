import { useEffect } from 'preact/hooks';
import { Store, useStore } from './store';

/** Path routing: the hub answers index.html for every app path, so /visits/12 survives a reload. */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  return { path: location.pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

export const route = new Store<Route>(current());

/** Registered by screens with unsaved edits: returns a question to ask before leaving, or null. */
let leaveGuard: (() => string | null) | null = null;

export function setLeaveGuard(guard: (() => string | null) | null): void {
  leaveGuard = guard;
}

/** While `unsaved`, leaving the screen asks "В <what> есть несохранённые изменения. Уйти без сохранения?". */
export function useLeaveGuard(unsaved: boolean, what: string): void {
  useEffect(() => {
    setLeaveGuard(() => (unsaved ? `В ${what} есть несохранённые изменения. Уйти без сохранения?` : null));
    return () => setLeaveGuard(null);
  }, [unsaved, what]);
}

/** Asks the registered question about unsaved edits, if any: true when the user may leave the screen. */
export function mayLeave(): boolean {
  const question = leaveGuard?.();
  return !question || confirm(question);
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (!options.force && leaveGuard) {
    const question = leaveGuard();
    if (question && !confirm(question)) return;
  }
  leaveGuard = null;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  route.set(current());
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => route.set(current()));

export const useRoute = (): Route => useStore(route);

/** Matches "/visits/:id" against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** A click on an app link: navigate without reloading, but let Ctrl/middle clicks open a new tab. */
export function onLinkClick(event: MouseEvent, href: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}
