using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Checks;
using Omslite.RegionFormats.RegistryXml.Computing;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// The check chain of the federal baseline: RegistryXml's federal rules, and the few the baseline adds because no
/// region decides them (outpatient cases only, ID_PAC as the policy number, a DUL without an ENP, the 6-digit codes
/// the hub resolved). The first failing rule excludes the visit. README.md lists every rule.
/// </summary>
internal static class BaselineChain
{
    /// <summary>The rules in order.</summary>
    public static readonly IReadOnlyList<CheckRule> Rules =
    [
        ..FederalRules.Resolution,
        ..FederalRules.DatesAndCard,
        ..FederalRules.Policy,
        CheckRule.Normalise("id-pac", t => t.IdPac = t.Npolis ?? t.Enp),
        FederalRules.UslOkMissing,
        CheckRule.When("outpatient-only", "USL_OK", t => t.UslOk != 3, "Формат federal-baseline принимает только амбулаторные случаи (USL_OK 3)"),
        FederalRules.ForPomMissing,
        FederalRules.ResultMissing,
        CheckRule.Normalise("result-outcome", t =>
        {
            t.Rslt = FederalValues.FullCode(t.Rslt, t.UslOk);
            t.Ishod = FederalValues.FullCode(t.Ishod, t.UslOk);
        }),
        CheckRule.Normalise("referral", Referral),
        CheckRule.When("referral-mo", "NPR_MO", t => t.NprMo is { } code && !MoSettings.IsDigits(code, 6, 6), "Код направившей МО не из 6 цифр (F003)"),
        ..FederalRules.Diagnosis,
        FederalRules.PrvsProfilMissing,
        FederalRules.SnilsMissing,
        FederalRules.SnilsFormat,
        FederalRules.CodeMdFormat,
        FederalRules.FamMissing,
        FederalRules.DrMissing,
        FederalRules.Soc,
        CheckRule.When("dul-missing", "DOCNUM", t => t.Vpolis != 3 && (t.DocType is null or 0 || t.DocNum is null), "Нет ДУЛ (тип и номер) у пациента без ЕНП"),
        new("attachment", "MO_PR", (t, _) =>
        {
            t.MoPr = t.IsLocal ? t.Source.Patient.AttachmentMoCode?.Trim() : null;
            return t.MoPr is { } code && !MoSettings.IsDigits(code, 6, 6) ? t.Numbered($"Код МО прикрепления не из 6 цифр (F003): {code}") : null;
        }),
        FederalRules.Vz,
    ];

    /// <summary>NPR_MO is the referring MO's F003 code as the hub resolved it; NPR_DATE its referral date, or DATE_1
    /// when the referral has none. Without a referring MO nothing is invented.</summary>
    private static void Referral(Talon t)
    {
        t.NprMo = t.NprMoFound;
        if (t.NprMo is not null)
        {
            t.NprDate ??= t.Date1;
        }
    }
}
