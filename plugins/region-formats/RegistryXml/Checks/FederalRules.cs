using Omslite.RegionFormats.RegistryXml.Computing;

namespace Omslite.RegionFormats.RegistryXml.Checks;

/// <summary>
/// The checks that follow from the federal format and its classifiers rather than from a region (registry-pack-25.md
/// §4.2, §7): what the H/L trees need, the F008 policy kinds, the ENP rule, SNILS, SOC by version, VZ. A region lists
/// them in its own chain, in its own order, between its own rules. The messages are the original's texts, typos
/// included (sic), so that error lists stay the ones users know.
/// </summary>
public static class FederalRules
{
    /// <summary>The hub's specialty book has no entry for the visit's local specialty (reported, not skipped, §3.1).</summary>
    public static readonly CheckRule SpecialtyUnknown = new("specialty-unknown", "PRVS", (t, _) => t.Source.Specialty is null
        ? t.Numbered($"Не найдена специальность талона: {t.Spec?.ToString() ?? "не указана"}")
        : null);

    /// <summary>The hub's doctor book has no entry for the visit's doctor.</summary>
    public static readonly CheckRule DoctorUnknown = new("doctor-unknown", "IDDOKT", (t, _) => t.Source.DoctorSnils is null
        ? t.Numbered($"Не найден врач талона: специальность {t.Spec?.ToString() ?? "—"}, код {t.Source.DoctorCode?.ToString() ?? "—"}")
        : null);

    /// <summary>DATE_1 and DATE_2 are both required.</summary>
    public static readonly CheckRule DateMissing = CheckRule.When("date-missing", "DATE_1", t => t.Date1 is null || t.Date2 is null, "Нет даты талона");

    /// <summary>DATE_2 must not be earlier than DATE_1.</summary>
    public static readonly CheckRule DateOrder = CheckRule.When("date-order", "DATE_2", t => t.Date2 < t.Date1, "Дата 1 больше даты 2");

    /// <summary>The card number is required.</summary>
    public static readonly CheckRule CardMissing = CheckRule.When("card-missing", "CARD", t => string.IsNullOrWhiteSpace(t.Card), "Нет карты талона");

    /// <summary>PR_NOV 1 for a resubmission; a policy on the visit (type and number both set) replaces the card's,
    /// SMO included; a falsy SMO (empty, 0) is dropped.</summary>
    public static readonly CheckRule VisitPolicy = CheckRule.Normalise("policy-on-visit", TakeVisitPolicy);

    /// <summary>VPOLIS is required (0 counts as none).</summary>
    public static readonly CheckRule VpolisMissing = CheckRule.When("vpolis-missing", "VPOLIS", t => t.Vpolis is null or 0, "Тип полиса не указан");

    /// <summary>The policy number is required.</summary>
    public static readonly CheckRule NpolisMissing = CheckRule.When("npolis-missing", "NPOLIS", t => string.IsNullOrWhiteSpace(t.Npolis), "Номер полиса не указан");

    /// <summary>F008: type 1 needs a series, type 2 a 9-character number, type 3 a 16-character one (then ENP = the
    /// number and NPOLIS is dropped); any other type fails.</summary>
    public static readonly CheckRule PolicyKind = new("vpolis-kind", "VPOLIS", (t, _) => Kind(t));

    /// <summary>The SMO or, for an out-of-region insurer without an F002 code, its OGRN.</summary>
    public static readonly CheckRule SmoMissing = CheckRule.When("smo-missing", "SMO", t => t.Smo is null && string.IsNullOrWhiteSpace(t.SmoOgrn), "Нет ни СМО ни СМО ОГРН");

    /// <summary>USL_OK is required.</summary>
    public static readonly CheckRule UslOkMissing = CheckRule.When("usl-ok-missing", "USL_OK", t => t.UslOk is null or 0, "USL_OK (условия оказания) не указан");

    /// <summary>FOR_POM is required.</summary>
    public static readonly CheckRule ForPomMissing = CheckRule.When("for-pom-missing", "FOR_POM", t => t.ForPom is null or 0, "FOR_POM (форма помощи) не указан");

    /// <summary>RSLT and ISHOD are both required.</summary>
    public static readonly CheckRule ResultMissing = CheckRule.When("result-missing", "RSLT", t => t.Rslt is null or 0 || t.Ishod is null or 0, "RESULT/ISHOD (исход, результат) не указан");

    /// <summary>DS1 is required.</summary>
    public static readonly CheckRule Ds1Missing = CheckRule.When("ds1-missing", "DS1", t => t.Ds1 is null, "Нет DS1 (основной диагноз)");

    /// <summary>C_ZAB is required, except for a Z diagnosis, which drops it.</summary>
    public static readonly CheckRule CZabMissing = new("c-zab-missing", "C_ZAB", (t, _) =>
    {
        if (t.Ds1!.StartsWith('Z') || t.Ds1.StartsWith('z'))
        {
            t.CZab = null;
            return null;
        }

        return t.CZab is null or 0 ? t.Numbered("Нет C_ZAB (характер основного заболевания)") : null;
    });

    /// <summary>PRVS and PROFIL are required.</summary>
    public static readonly CheckRule PrvsProfilMissing = CheckRule.When("prvs-profil-missing", "PRVS", t => t.Prvs is null or 0 || t.Profil is null or 0, "Нет PRVS | PROFIL (кода специальности по V021, профиля V002)");

    /// <summary>The doctor's SNILS (IDDOKT) is required.</summary>
    public static readonly CheckRule SnilsMissing = CheckRule.When("snils-missing", "IDDOKT", t => t.Iddokt is null, "Нет СНИЛС у доктора");

    /// <summary>IDDOKT in one of the accepted SNILS forms, normalised to 11 digits.</summary>
    public static readonly CheckRule SnilsFormat = new("snils-format", "IDDOKT", (t, _) =>
    {
        var digits = Snils.Normalise(t.Iddokt!, out var shown);
        t.Iddokt = digits;
        return digits is null ? t.Numbered($"СНИЛС доктора - неверный формат: {shown}") : null;
    });

    /// <summary>A service row's CODE_MD override in one of the accepted SNILS forms.</summary>
    public static readonly CheckRule CodeMdFormat = new("code-md-format", "CODE_MD", (t, _) => t.Source.Services
        .Select(s => s.Overrides.TryGetValue("CODE_MD", out var md) && !string.IsNullOrWhiteSpace(md) ? md.Trim() : null)
        .OfType<string>()
        .Select(md => Snils.Normalise(md, out var shown) is null ? t.Numbered($"СНИЛС доктора - неверный формат: {shown}") : null)
        .FirstOrDefault(m => m is not null));

    /// <summary>The surname is required.</summary>
    public static readonly CheckRule FamMissing = CheckRule.When("fam-missing", "FAM", t => string.IsNullOrWhiteSpace(t.Fam), "Нет Фамилии пациента");

    /// <summary>The birth date is required.</summary>
    public static readonly CheckRule DrMissing = CheckRule.When("dr-missing", "DR", t => t.Dr is null, "Нет даты рождения пациента");

    /// <summary>SOC (null = 0) must be in the version's set.</summary>
    public static readonly CheckRule Soc = new("soc", "SOC", (t, _) =>
    {
        t.Soc ??= 0;
        return t.Rules.SocCodes.Contains(t.Soc.Value) ? null : t.Numbered("Неверный код SOC статуса пациента");
    });

    /// <summary>VZ: a stored 1..6 wins, else by the age on DATE_Z_1 (DR and DATE_1 are dates here: earlier rules
    /// required them).</summary>
    public static readonly CheckRule Vz = CheckRule.Normalise("vz", t => t.Vz = FederalValues.Vz(t.Vz, t.Dr!.Value, t.Date1!.Value, t.Settings));

    /// <summary>What the hub could not resolve: the specialty, then the doctor.</summary>
    public static readonly IReadOnlyList<CheckRule> Resolution = [SpecialtyUnknown, DoctorUnknown];

    /// <summary>The dates, then the card.</summary>
    public static readonly IReadOnlyList<CheckRule> DatesAndCard = [DateMissing, DateOrder, CardMissing];

    /// <summary>The policy in effect (the visit's or the card's), its kind, the insurer.</summary>
    public static readonly IReadOnlyList<CheckRule> Policy = [VisitPolicy, VpolisMissing, NpolisMissing, PolicyKind, SmoMissing];

    /// <summary>The diagnosis and its character.</summary>
    public static readonly IReadOnlyList<CheckRule> Diagnosis = [Ds1Missing, CZabMissing];

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

    private static string? Kind(Talon t)
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
}
