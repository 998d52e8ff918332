import { PageHeader, Link } from '../ui/shell';

const plans: Record<string, string> = {
  Реестры: 'Проверка талонов, формирование пакетов для ТФОМС, импорт протоколов ошибок и счетов, перенос МЭК.',
  Источники: 'Подключения к базам МИС, расписание синхронизации и журнал загрузок.',
  Настройки: 'Параметры МО для реестров, пользователи и их роли.',
};

export function UnderConstruction(props: { title: string; missing?: boolean }) {
  return (
    <section>
      <PageHeader title={props.title} />
      <div class="panel placeholder">
        {props.missing ? (
          <p>
            Такой страницы нет. <Link href="/">Перейти к обзору</Link>
          </p>
        ) : (
          <>
            <p>
              <b>Раздел в разработке.</b>
            </p>
            <p class="muted">{plans[props.title] ?? ''}</p>
          </>
        )}
      </div>
    </section>
  );
}
