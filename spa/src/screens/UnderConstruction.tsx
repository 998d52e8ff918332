import { PageHeader, Link } from '../ui/shell';

/** A part of a screen that is still being built, with what it will do. */
export function InDevelopment(props: { plan: string }) {
  return (
    <div class="panel placeholder">
      <p>
        <b>Раздел в разработке.</b>
      </p>
      <p class="muted">{props.plan}</p>
    </div>
  );
}

export function NotFound() {
  return (
    <section>
      <PageHeader title="Страница не найдена" />
      <div class="panel placeholder">
        <p>
          Такой страницы нет. <Link href="/">Перейти к обзору</Link>
        </p>
      </div>
    </section>
  );
}
