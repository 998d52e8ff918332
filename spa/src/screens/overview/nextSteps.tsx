import type { ComponentChildren } from 'preact';
import { plural } from '../../lib/format';
import type { PackRecord, SourceInfo, VisitCounts } from '../../lib/types';
import { Link } from '../../ui/shell';
import { pluginStatusNames } from '../../ui/sync';

export interface NextStepsInput {
  counts: VisitCounts | null;
  sources: SourceInfo[];
  /** The month's packs and checks, newest first; null while loading. */
  packs: PackRecord[] | null;
  /** "ноябрь": the report month in the sentence. */
  monthName: string;
  /** A link to Случаи with the month and a state. */
  visitsLink: (state: string, text: string) => ComponentChildren;
}

const talons = (n: number) => `${n} ${plural(n, 'талон', 'талона', 'талонов')}`;

/** "Что делать дальше": what the month still needs, in the order of the monthly cycle. */
export function nextSteps({ counts, sources, packs, monthName, visitsLink }: NextStepsInput): ComponentChildren[] {
  const hints: ComponentChildren[] = [];
  const unplugged = sources.filter((i) => i.plugin.status !== 'loaded');
  if (unplugged.length === 1)
    hints.push(<>Источник «{unplugged[0].source.name}»: плагин-коннектор {pluginStatusNames[unplugged[0].plugin.status] ?? unplugged[0].plugin.status} — <Link href={`/sources/${unplugged[0].source.id}`}>проверьте источник</Link>.</>);
  else if (unplugged.length > 1)
    hints.push(<>Не работают плагины-коннекторы источников {unplugged.map((i) => `«${i.source.name}»`).join(', ')} — <Link href="/sources">проверьте источники</Link>.</>);
  for (const info of sources) {
    if (info.plugin.status === 'loaded' && info.lastRun && info.lastRun.status !== 'succeeded' && info.lastRun.status !== 'running')
      hints.push(<>Последняя загрузка из «{info.source.name}» {info.lastRun.status === 'partial' ? 'прошла частично' : 'не удалась'}: <Link href={`/sources/${info.source.id}`}>журнал загрузок</Link>.</>);
  }
  if (!counts) return hints;

  if (counts.conflict > 0)
    hints.push(<>Разберите {visitsLink('conflict', `${talons(counts.conflict)} с конфликтами МИС`)}: МИС изменила поля, исправленные здесь, или отменила случай.</>);
  const unchecked = [
    counts.new > 0 ? visitsLink('new', `новые из МИС — ${counts.new}`) : null,
    counts.corrected > 0 ? visitsLink('corrected', `исправленные — ${counts.corrected}`) : null,
    counts.manual > 0 ? visitsLink('manual', `введённые вручную — ${counts.manual}`) : null,
  ].filter((x) => x !== null);
  if (unchecked.length > 0)
    hints.push(<>Ещё не проверены: {unchecked.map((link, i) => <span key={i}>{i > 0 ? ', ' : ''}{link}</span>)}. Просмотрите их (диагноз, врач, направление, ПМУ) и проверьте месяц: <Link href="/registries">Реестры → Пакеты</Link> → «Проверить».</>);
  if (counts.problem > 0)
    hints.push(<>Последняя проверка за {monthName} не пропустила {visitsLink('problem', talons(counts.problem))}: исправьте их по <Link href="/registries">таблице ошибок</Link> и проверьте снова.</>);
  if (counts.flk > 0)
    hints.push(<>ТФОМС вернул {visitsLink('flk', `${talons(counts.flk)} с ошибками ФЛК`)}: исправьте их — они уйдут в следующий пакет.</>);
  if (counts.mek > 0)
    hints.push(<>Исправьте {visitsLink('mek', `отказы МЭК (${counts.mek})`)} и перенесите их на следующий месяц (<Link href="/registries/mek">Реестры → МЭК</Link>) — они уйдут в его пакет как повторные.</>);

  const built = (packs ?? []).find((p) => !p.checkOnly);
  if (packs && !built && counts.open > 0)
    hints.push(<>Пакет за {monthName} ещё не сформирован: <Link href="/registries">Реестры → Пакеты</Link> — сначала «Проверить», затем «Сформировать».</>);
  else if (built) hints.push(<>Пакет № {built.number} за {monthName} сформирован ({built.file}): передайте его в ТФОМС.</>);
  if (counts.total === 0) hints.push(<>Талонов за {monthName} нет.</>);
  else if (counts.open === 0) hints.push(<>Все талоны за {monthName} отправлены.</>);
  hints.push(<>Новый пациент — в разделе <Link href="/patients">Пациенты</Link>: найдите карту или создайте новую, затем «Новый талон».</>);
  hints.push(<>Обновите справочники НСИ и тарифы, когда ТФОМС выпускает новые: <Link href="/reference">Справочники</Link>.</>);
  return hints;
}
