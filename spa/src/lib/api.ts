import { Store } from './store';
import { navigate, route } from './router';

export type Role = 'admin' | 'operator' | 'viewer';

export interface MoRef {
  id: number;
  code: string;
  name: string;
}

export interface SessionUser {
  login: string;
  role: Role;
  mo: MoRef | null;
  mos: MoRef[];
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  pageNumber: number;
  pageSize: number;
}

/** A refused or failed request, with the hub's Russian message and the field errors of a 400. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }

  /** The field errors keyed by field (the first message of each). */
  byField(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const e of this.errors) if (!(e.field in result)) result[e.field] = e.message;
    return result;
  }
}

/** The message to show for any failure: the hub's Russian text, or what the browser said. */
export function errorText(e: unknown): string {
  return e instanceof ApiFailure ? e.message : e instanceof Error ? e.message : String(e);
}

/** A refused save as a form shows it: each message at its field and one line above, or the failure's sentence. */
export function saveProblem(e: unknown): { errors: Record<string, string>; summary: string } {
  if (e instanceof ApiFailure && e.errors.length) return { errors: e.byField(), summary: 'Исправьте ошибки в отмеченных полях' };
  return { errors: {}, summary: errorText(e) };
}

/** The same without the "Исправьте ошибки:" lead, for an action's own error line (PMU, status). */
export function actionError(e: unknown): string {
  return errorText(e).replace(/^Исправьте ошибки: /, '');
}

const storageKey = 'omslite.session';

function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export const session = new Store<Session | null>(loadSession());

/** Shown on the login screen after a forced sign-out ("Срок действия токена истек"). */
export const loginNotice = new Store<string | null>(null);

export function signIn(s: Session): void {
  sessionStorage.setItem(storageKey, JSON.stringify(s));
  session.set(s);
  lastRefresh = Date.now();
}

export function signOut(notice: string | null = null): void {
  sessionStorage.removeItem(storageKey);
  loginNotice.set(notice);
  session.set(null);
  const here = route.value.path;
  const next = here !== '/login' && notice ? `?next=${encodeURIComponent(here + location.search)}` : '';
  navigate('/login' + next, { replace: true, force: true });
}

export const can = {
  write: (s: Session | null) => s?.user.role === 'admin' || s?.user.role === 'operator',
  admin: (s: Session | null) => s?.user.role === 'admin',
};

async function parse(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const offline = 'Нет связи с сервером Omslite. Проверьте сеть и повторите.';

const fallbackMessages: Record<number, string> = {
  401: 'Требуется вход в систему',
  403: 'Недостаточно прав для этого действия',
  404: 'Не найдено',
  409: 'Изменено другим пользователем: обновите страницу и повторите правку',
  413: 'Файл слишком большой',
  500: 'Внутренняя ошибка сервера',
  503: 'Сервер недоступен. Повторите попытку через минуту.',
};

/** Every call to the hub: the token, JSON in and out, a 401 back to the login screen. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.value?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiFailure(0, offline);
  }
  const data = await parse(response);
  if (response.ok) {
    markActivity();
    return data as T;
  }
  throw failure(response.status, data, path);
}

/** A refused answer as an ApiFailure with the hub's message; a 401 (except the login's own) signs out. */
function failure(status: number, data: unknown, path: string): ApiFailure {
  const obj = (data && typeof data === 'object' ? data : {}) as { message?: string; errors?: FieldError[] };
  const message = obj.message || fallbackMessages[status] || `Сервер ответил ошибкой ${status}`;
  if (status === 401 && path !== '/api/auth/login') {
    signOut(message);
  }
  return new ApiFailure(status, message, Array.isArray(obj.errors) ? obj.errors : [], data);
}

/** "attachment; filename=H25099911101.zip; filename*=UTF-8''…" → the file's name. */
function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file the hub serves only with the token (a pack's zip): fetched as a blob with the Authorization
 * header, then saved under the name the hub gives. Failures throw the hub's Russian message like any request.
 */
export async function download(path: string, fallbackName: string): Promise<string> {
  const headers: Record<string, string> = {};
  const token = session.value?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw new ApiFailure(0, offline);
  }
  if (!response.ok) throw failure(response.status, await parse(response), path);
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  markActivity();
  return name;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Builds "?a=1&b=2" from the given values, leaving out the empty ones. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Token refresh: a token lives a working day; while the user works, a fresh one is fetched every 15 minutes so that
// nobody is signed out in the middle of a task. An idle UI is not kept alive.
const refreshEvery = 15 * 60 * 1000;
let lastRefresh = Date.now();
let lastActivity = Date.now();

function markActivity(): void {
  lastActivity = Date.now();
}

export async function refreshToken(): Promise<void> {
  const s = await request<Session>('POST', '/api/auth/refresh', {});
  signIn(s);
}

for (const type of ['keydown', 'pointerdown']) window.addEventListener(type, markActivity, { passive: true });

setInterval(() => {
  const s = session.value;
  if (!s) return;
  const expiresIn = new Date(s.expiresAt).getTime() - Date.now();
  const due = Date.now() - lastRefresh > refreshEvery || expiresIn < 2 * refreshEvery;
  if (due && lastActivity > lastRefresh) {
    lastRefresh = Date.now();
    refreshToken().catch(() => {
      /* a 401 has already signed the user out; anything else: try again at the next tick */
    });
  }
}, 60 * 1000);

/**
 * For a request made in an effect: applies its answer only while the effect is current, so a slow answer to an
 * earlier search never overwrites the answer to the latest one. Returns the effect's cleanup.
 */
export function latest<T>(request: Promise<T>, apply: (value: T) => void, fail: (error: unknown) => void): () => void {
  let current = true;
  request.then(
    (value) => current && apply(value),
    (error) => current && fail(error),
  );
  return () => {
    current = false;
  };
}

/**
 * A multipart upload that reports how much has been sent (0–100): fetch cannot tell upload progress, XHR can. The
 * answer and the failures are those of {@link request}: the hub's JSON, or an ApiFailure with its Russian message.
 */
export function upload<T>(path: string, body: FormData, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = session.value?.token;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiFailure(0, offline));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        markActivity();
        resolve(data as T);
      } else reject(failure(xhr.status, data, path));
    };
    xhr.send(body);
  });
}
