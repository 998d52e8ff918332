import { PageHeader, Link } from '../ui/shell';

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
