using System.Text.RegularExpressions;
using Omslite.RegionFormats.Primorye25.Computing;

namespace Omslite.RegionFormats.Primorye25.Checks;

/// <summary>
/// The checker chain of registry-pack-25.md §4.2, in its order: the first failing rule excludes the visit, so a
/// rejected visit has one message. Messages are the original's texts, typos included (sic), so that error lists
/// match the original's. README.md lists every rule.
/// </summary>
internal static partial class CheckChain
{
    /// <summary>The rules in order.</summary>
    public static readonly IReadOnlyList<CheckRule> Rules =
    [
        // 0. What the hub could not resolve (the original skipped such visits silently; Omslite reports them, §3.1).
        new("specialty-unknown", "PRVS", (t, _) => t.Source.Specialty is null
            ? t.Numbered($"Не найдена специальность талона: {t.Spec?.ToString() ?? "не указана"}")
            : null),
        new("doctor-unknown", "IDDOKT", (t, _) => t.Source.DoctorSnils is null
            ? t.Numbered($"Не найден врач талона: специальность {t.Spec?.ToString() ?? "—"}, код {t.Source.DoctorCode?.ToString() ?? "—"}")
            : null),

        // 1. Dates and card.
        CheckRule.When("date-missing", "DATE_1", t => t.Date1 is null || t.Date2 is null, "Нет даты талона"),
        CheckRule.When("date-order", "DATE_2", t => t.Date2 < t.Date1, "Дата 1 больше даты 2"),
        CheckRule.When("card-missing", "CARD", t => string.IsNullOrWhiteSpace(t.Card), "Нет карты талона"),

        // 2. SMO and policy.
        CheckRule.Normalise("policy-on-visit", TakeVisitPolicy),
        CheckRule.When("vpolis-missing", "VPOLIS", t => t.Vpolis is null or 0, "Тип полиса не указан"),
        CheckRule.When("npolis-missing", "NPOLIS", t => string.IsNullOrWhiteSpace(t.Npolis), "Номер полиса не указан"),
        new("vpolis-kind", "VPOLIS", (t, _) => PolicyKind(t)),
        CheckRule.When("smo-missing", "SMO", t => t.Smo is null && string.IsNullOrWhiteSpace(t.SmoOgrn), "Нет ни СМО ни СМО ОГРН"),
        new("id-pac", "ID_PAC", (t, _) =>
        {
            t.IdPac = Computed.IdPac(t.Npolis ?? t.Enp ?? "");
            return t.IdPac is null ? t.Numbered("Номер полиса не целое число") : null;
        }),

        // 3. Purpose and conditions.
        CheckRule.Normalise("purpose-default", t => t.Purp = t.Purp is null or 0 ? 2 : t.Purp),
        CheckRule.When("usl-ok-missing", "USL_OK", t => t.UslOk is null or 0, "USL_OK (условия оказания) не указан"),
        CheckRule.When("for-pom-missing", "FOR_POM", t => t.ForPom is null or 0, "FOR_POM (форма помощи) не указан"),
        CheckRule.When("result-missing", "RSLT", t => t.Rslt is null or 0 || t.Ishod is null or 0, "RESULT/ISHOD (исход, результат) не указан"),

        // 4. Visits.
        CheckRule.When("visits-zero", "VISIT_POL", t => t.UslOk == 3 && (t.VisitPol ?? 0) == 0 && (t.VisitHom ?? 0) == 0, "Нуль количество посещений АПП"),
        CheckRule.When("day-stationary", "USL_OK", t => t.UslOk == 2, "дневной стационар не поддерживается"),
        CheckRule.When("usl-ok-wrong", "USL_OK", t => t.UslOk is not (2 or 3), " Неверный тип USL_OK для АПП, ДС"),

        // 5. Referral (the values: §5.7) and 6. the hospitalisation referral.
        CheckRule.When("referral-number-long", "NAPRLECH", t => t.Naprlech is { Length: >= 16 }, "Номер направления слишком длинный"),
        CheckRule.When("referral-mo", "FROM_FIRM", t => t.FromFirm is { } from && !ShortMo().IsMatch(from), "Неверный код МО направления"),
        CheckRule.Normalise("referral", Computed.Referral),

        // 7. Diagnosis.
        CheckRule.When("ds1-missing", "DS1", t => t.Ds1 is null, "Нет DS1 (основной диагноз)"),
        new("c-zab-missing", "C_ZAB", (t, _) =>
        {
            if (t.Ds1!.StartsWith('Z') || t.Ds1.StartsWith('z'))
            {
                t.CZab = null;
                return null;
            }

            return t.CZab is null or 0 ? t.Numbered("Нет C_ZAB (характер основного заболевания)") : null;
        }),

        // 8. Doctor.
        CheckRule.When("prvs-profil-missing", "PRVS", t => t.Prvs is null or 0 || t.Profil is null or 0, "Нет PRVS | PROFIL (кода специальности по V021, профиля V002)"),
        CheckRule.When("snils-missing", "IDDOKT", t => t.Iddokt is null, "Нет СНИЛС у доктора"),
        new("diagnostic-purpose", "PURP", (t, _) => t.IsDiagnostic() && t.Purp != RegionCodes.DiagPurp
            ? t.Numbered($"Для спец. {t.Spec}, prvs {t.Prvs} неверная цель - {t.Purp}")
            : null),
        new("snils-format", "IDDOKT", (t, _) =>
        {
            var digits = Snils.Normalise(t.Iddokt!, out var shown);
            t.Iddokt = digits;
            return digits is null ? t.Numbered($"СНИЛС доктора - неверный формат: {shown}") : null;
        }),
        new("code-md-format", "CODE_MD", (t, _) => t.Source.Services
            .Select(s => s.Overrides.TryGetValue("CODE_MD", out var md) && !string.IsNullOrWhiteSpace(md) ? md.Trim() : null)
            .OfType<string>()
            .Select(md => Snils.Normalise(md, out var shown) is null ? t.Numbered($"СНИЛС доктора - неверный формат: {shown}") : null)
            .FirstOrDefault(m => m is not null)),
        CheckRule.Normalise("result-outcome", Computed.ResultAndOutcome),

        // 9. Patient name and status.
        CheckRule.When("fam-missing", "FAM", t => string.IsNullOrWhiteSpace(t.Fam), "Нет Фамилии пациента"),
        CheckRule.When("dr-missing", "DR", t => t.Dr is null, "Нет даты рождения пациента"),
        new("sex-name", "W", (t, mode) => mode == CheckMode.Check && !SexMatchesName(t) ? t.Numbered("Проверте пол пациента") : null),
        new("soc", "SOC", (t, _) =>
        {
            t.Soc ??= 0;
            return t.Rules.SocCodes.Contains(t.Soc.Value) ? null : t.Numbered("Неверный код SOC статуса пациента");
        }),

        // 10. Identity document.
        CheckRule.When("dul-incomplete", "DOCNUM", t => NeedsDul(t) && (t.DocType is null or 0 || t.DocNum is null || t.DocSer is null), "Укажите полностю ДУЛ"),
        CheckRule.When("dul-date-issuer", "DOCDATE", t => NeedsDul(t) && (t.DocDate is null || t.DocOrg is null), "Укажите дату и УФМС ДУЛ"),
        new("passport-series", "DOCSER", (t, _) => NeedsDul(t) && t.DocType == 14 && !PassportSeries().IsMatch(t.DocSer!)
            ? t.Numbered($"Серия паспрота не в формате 99 99: {t.DocSer}")
            : null),
        CheckRule.When("passport-number", "DOCNUM", t => NeedsDul(t) && t.DocType == 14 && !PassportNumber().IsMatch(t.DocNum!), "Номер паспорта не 6 цифр"),
        new("attachment", "MO_PR", (t, _) =>
        {
            t.MoPr = null;
            if (!t.IsLocal)
            {
                return null;
            }

            t.DocDate = null;
            t.DocOrg = null;
            t.MoAtt ??= t.Settings.ShortMo;
            if (!ShortMo().IsMatch(t.MoAtt))
            {
                return t.Numbered($"Неверный код МО прикрепления пациента: {t.MoAtt}");
            }

            t.MoPr = t.Settings.RegionPrefix + t.MoAtt;
            return null;
        }),

        // 11. VZ (DR is a date here: the record is typed, so the original's type check cannot fail).
        CheckRule.Normalise("vz", t => t.Vz = Computed.Vz(t.Vz, t.Dr!.Value, t.Date1!.Value, t.Settings)),

        // 12. D_TYPE.
        CheckRule.Normalise("d-type", t => t.DType = t.Ot is null ? "5" : null),
    ];

    /// <summary>Runs the chain; the first failure's rule and message, or null when the talon passed.</summary>
    public static (CheckRule Rule, string Message)? Run(Talon talon, CheckMode mode)
    {
        foreach (var rule in Rules)
        {
            if (rule.Step(talon, mode) is { } message)
            {
                return (rule, message);
            }
        }

        return null;
    }

    /// <summary>Step 2: a policy on the visit (type and number both set) replaces the card's, SMO included.</summary>
    private static void TakeVisitPolicy(Talon t)
    {
        t.PrNov = t.Mek ? 1 : 0;
        if (t.Source.VisitPolicy is { Type: not (null or 0), Number: { } number } policy && !string.IsNullOrWhiteSpace(number))
        {
            t.Vpolis = policy.Type;
            t.Npolis = number.Trim();
            t.Spolis = policy.Series;
            t.Smo = policy.Smo;
        }

        t.Smo = t.Smo?.Trim() is { Length: > 0 } smo && smo.Trim('0').Length > 0 ? smo : null;
    }

    private static string? PolicyKind(Talon t)
    {
        switch (t.Vpolis)
        {
            case 1:
                return string.IsNullOrWhiteSpace(t.Spolis) ? t.Numbered("Тип полиса не соответвует типу 1 (старый)") : null;
            case 2:
                return t.Npolis!.Length != 9 ? t.Numbered("Тип полис не времянка, не соответвует VPOLIS 2 (времянка)") : null;
            case 3:
                if (t.Npolis!.Length != 16)
                {
                    return t.Numbered("Тип полис не ЕНП, не соответвует VPOLIS 3 (ЕНП)");
                }

                t.Enp = t.Npolis;
                t.Npolis = null;
                return null;
            default:
                return t.Numbered("Тип полиса не поддерживаем");
        }
    }

    /// <summary>Step 10 applies to a policy other than ЕНП, or to an out-of-region patient.</summary>
    private static bool NeedsDul(Talon t) => t.Vpolis != 3 || !t.IsLocal;

    private static bool SexMatchesName(Talon t)
    {
        var male = MaleNames.Contains(t.Im);
        return t.Pol?.Trim().ToLowerInvariant() == (male ? "м" : "ж");
    }

    [GeneratedRegex("^[0-9]{2} [0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassportSeries();

    [GeneratedRegex("^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassportNumber();

    /// <summary>A regional short MO code that makes a 6-digit code with the region prefix.</summary>
    [GeneratedRegex("^[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortMo();
}
