/**
 * The stages of a visit in its report month (docs/api.md, "Visit stages"): the overview's cards and the review list's
 * state filter use the same names. Each visit of the month is in exactly one stage, the first that applies in the
 * hub's order (sent, MEK, FLK, check problems, ready, then the visits not checked since they changed).
 */
export type VisitStage = 'new' | 'corrected' | 'manual' | 'problem' | 'flk' | 'mek' | 'ready' | 'sent';

export interface StageInfo {
  key: VisitStage;
  label: string;
  /** What to know or do, in a few words under the count. */
  hint: string;
  /** The exact rule, shown on hover. */
  rule: string;
}

const unchecked = 'открытые талоны, которые не проверялись с тех пор, как изменились (поля, ПМУ, состояние)';

export const visitStages: StageInfo[] = [
  { key: 'new', label: 'новые из МИС', hint: 'как пришли из МИС, ещё не проверены', rule: `Из МИС, без исправлений: ${unchecked}.` },
  { key: 'corrected', label: 'исправленные', hint: 'исправлены здесь, ещё не проверены', rule: `Из МИС, поле или ПМУ исправлены здесь: ${unchecked}.` },
  { key: 'manual', label: 'введены вручную', hint: 'ещё не проверены', rule: `Введены в Omslite: ${unchecked}.` },
  {
    key: 'problem',
    label: 'с замечаниями проверки',
    hint: 'не прошли последнюю проверку',
    rule: 'Последняя проверка или пакет месяца не пропустили их, и с тех пор талон не менялся. Исправили карту пациента — проверьте снова.',
  },
  { key: 'flk', label: 'с ошибками ФЛК', hint: 'вернул ТФОМС — исправить и отправить снова', rule: 'Открыты протоколом ФЛК за этот месяц и ещё не вошли ни в один пакет после него.' },
  { key: 'mek', label: 'МЭК', hint: 'отказ СМО — исправить и перенести', rule: 'Открытые талоны с отметкой МЭК (отказ в оплате по счёту).' },
  {
    key: 'ready',
    label: 'готовы',
    hint: 'прошли последнюю проверку',
    rule: 'Последняя проверка или пакет месяца пропустили их, и с тех пор талон не менялся: войдут в следующий пакет.',
  },
  { key: 'sent', label: 'отправлены', hint: 'закрыты, отправлены в ТФОМС', rule: 'Закрытые талоны: отмечены отправленными (пакетом или расчётом) или закрыты вручную.' },
];
