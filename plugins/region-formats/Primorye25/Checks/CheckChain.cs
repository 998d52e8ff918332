using System.Text.RegularExpressions;
using Omslite.RegionFormats.Primorye25.Computing;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Checks;
using Omslite.RegionFormats.RegistryXml.Computing;

namespace Omslite.RegionFormats.Primorye25.Checks;

/// <summary>
/// The checker chain of registry-pack-25.md §4.2, in its order: the first failing rule excludes the visit, so a
/// rejected visit has one message. The federal rules come from RegistryXml (<see cref="FederalRules"/>); the rest are
/// the region's. Messages are the original's texts, typos included (sic), so that error lists
/// match the original's. README.md lists every rule.
/// </summary>
internal static partial class CheckChain
{
    /// <summary>The rules in order.</summary>
    public static readonly IReadOnlyList<CheckRule> Rules =
    [
        // 0. What the hub could not resolve (the original skipped such visits silently; Omslite reports them, §3.1).
        ..FederalRules.Resolution,

        // 1. Dates and card.
        ..FederalRules.DatesAndCard,

        // 2. SMO and policy; ID_PAC as an integer (the original's quirk, kept: leading zeros dropped).
        ..FederalRules.Policy,
        new("id-pac", "ID_PAC", (t, _) =>
        {
            t.IdPac = Computed.IdPac(t.Npolis ?? t.Enp ?? "");
            return t.IdPac is null ? t.Numbered("Номер полиса не целое число") : null;
        }),

        // 3. Purpose and conditions.
        CheckRule.Normalise("purpose-default", t => t.Purp = t.Purp is null or 0 ? 2 : t.Purp),
        FederalRules.UslOkMissing,
        FederalRules.ForPomMissing,
        FederalRules.ResultMissing,

        // 4. Visits.
        CheckRule.When("visits-zero", "VISIT_POL", t => t.UslOk == 3 && (t.VisitPol ?? 0) == 0 && (t.VisitHom ?? 0) == 0, "Нуль количество посещений АПП"),
        CheckRule.When("day-stationary", "USL_OK", t => t.UslOk == 2, "дневной стационар не поддерживается"),
        CheckRule.When("usl-ok-wrong", "USL_OK", t => t.UslOk is not (2 or 3), " Неверный тип USL_OK для АПП, ДС"),

        // 5. Referral (the values: §5.7) and 6. the hospitalisation referral.
        CheckRule.When("referral-number-long", "NAPRLECH", t => t.Naprlech is { Length: >= 16 }, "Номер направления слишком длинный"),
        CheckRule.When("referral-mo", "FROM_FIRM", t => t.FromFirm is { } from && !ShortMo().IsMatch(from), "Неверный код МО направления"),
        CheckRule.Normalise("referral", Computed.Referral),

        // 7. Diagnosis.
        ..FederalRules.Diagnosis,

        // 8. Doctor.
        FederalRules.PrvsProfilMissing,
        FederalRules.SnilsMissing,
        new("diagnostic-purpose", "PURP", (t, _) => t.IsDiagnostic() && t.Purp != RegionCodes.DiagPurp
            ? t.Numbered($"Для спец. {t.Spec}, prvs {t.Prvs} неверная цель - {t.Purp}")
            : null),
        FederalRules.SnilsFormat,
        FederalRules.CodeMdFormat,
        CheckRule.Normalise("result-outcome", Computed.ResultAndOutcome),

        // 9. Patient name and status.
        FederalRules.FamMissing,
        FederalRules.DrMissing,
        new("sex-name", "W", (t, mode) => mode == CheckMode.Check && !SexMatchesName(t) ? t.Numbered("Проверте пол пациента") : null),
        FederalRules.Soc,

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
        FederalRules.Vz,

        // 12. D_TYPE.
        CheckRule.Normalise("d-type", t => t.DType = t.Ot is null ? "5" : null),
    ];

    /// <summary>Runs the chain; the first failure's rule and message, or null when the talon passed.</summary>
    public static (CheckRule Rule, string Message)? Run(Talon talon, CheckMode mode) => CheckRule.RunChain(Rules, talon, mode);

    /// <summary>Step 10 applies to a policy other than ЕНП, or to an out-of-region patient.</summary>
    private static bool NeedsDul(Talon t) => t.Vpolis != 3 || !t.IsLocal;

    private static bool SexMatchesName(Talon t)
    {
        var male = MaleNames.Contains(t.Im);
        return FederalValues.Sex(t.Pol) == (male ? 1 : 2);
    }

    [GeneratedRegex("^[0-9]{2} [0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassportSeries();

    [GeneratedRegex("^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassportNumber();

    /// <summary>A regional short MO code that makes a 6-digit code with the region prefix.</summary>
    [GeneratedRegex("^[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortMo();
}
