using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// The own, preliminary calculation of a visit (workflows.md §4.1), with the tariffs the hub keeps — the PMU
/// mutual-settlement tariffs, effective-dated (D6). The original's other tariff books (base per-capita, fee,
/// urgent, per-profile mutual settlement, stomatology, KSG) are not kept by the hub: their parts count 0, and the
/// visits that need them alone (stomatology, urgent, day stationary) are reported as not priced.
/// </summary>
internal static class PreliminaryPricing
{
    /// <summary>MO setting: the MO's own short codes (a referral from one of them is not mutual settlement);
    /// default the MO's short code.</summary>
    public const string OwnShortCodesSetting = "ownShortCodes";

    private static readonly int[] StomProfiles = [85, 86, 87, 88, 89, 90];
    private static readonly int[] VzaimoProfiles = [12, 16, 18, 60, 76, 136];

    public static CalculatedCase Calculate(RegistryCase visit, RegistryMo mo)
    {
        var profil = visit.Specialty?.Profil;
        var prvs = visit.Specialty?.Prvs;
        var policy = visit.VisitPolicy ?? visit.Patient.Policy;
        var smo = policy.Smo;
        var visits = (visit.VisitPol ?? 0) + (visit.VisitHome ?? 0);
        if (profil is { } p && StomProfiles.Contains(p))
        {
            return Unsupported(visit, "стоматология не рассчитывается");
        }

        if (visit.ForPom == 2)
        {
            return Unsupported(visit, "неотложная помощь: тарифов неотложной помощи нет в справочниках");
        }

        if (visit.UslOk == 2)
        {
            return Unsupported(visit, "дневной стационар не рассчитывается");
        }

        var services = visit.Services.Sum(s => s.Tariff is { } tariff ? tariff * s.Quantity : 0m);
        var own = (mo.Setting(OwnShortCodesSetting) ?? mo.ShortCode).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var referral = visit.Referral?.MoShortCode;
        decimal cost;
        if (smo == "0")
        {
            cost = 0m;
        }
        else if ((!string.IsNullOrEmpty(referral) && !own.Contains(referral)) || visit.LocalSpecialty is 24 or 75
                 || (profil is { } vp && VzaimoProfiles.Contains(vp)))
        {
            cost = services;
        }
        else if (visit.Purpose is 21 or 22)
        {
            cost = 0m;
        }
        else
        {
            cost = services;
        }

        cost = Math.Round(cost, 2, MidpointRounding.AwayFromZero);
        return new CalculatedCase(new InvoiceCase
        {
            NZap = visit.Number,
            NHistory = visit.Number,
            IdPac = visit.Patient.PatientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PolicySeries = policy.Series,
            PolicyNumber = policy.Number,
            Enp = policy.Number,
            UslOk = visit.UslOk,
            Vidpom = profil is 78 or 82 ? 11 : prvs == 76 && profil is 97 or 160 ? 12 : 13,
            ForPom = visit.ForPom,
            DateZ1 = visit.OpenDate,
            DateZ2 = visit.CloseDate,
            Rslt = visit.Rslt,
            Ishod = visit.Ishod,
            Profil = profil,
            Ds1 = visit.Ds1,
            Prvs = prvs,
            Idsp = Idsp(visit, profil, smo, visits),
            Sumv = cost,
            // The original wrote 1.00 for MEK visits and 0.00 for the others, which printed every other visit as a
            // refusal; here the expected payment is the cost, and a visit refused at MEK earlier expects 0.
            Sump = visit.Mek ? 0m : cost,
            Fam = visit.Patient.Fam,
            Im = visit.Patient.Im,
            Ot = visit.Patient.Ot,
            W = visit.Patient.Sex == "ж" ? 2 : 1,
            Dr = visit.Patient.BirthDate,
        }, null);
    }

    private static int Idsp(RegistryCase visit, int? profil, string? smo, int visits)
    {
        if (visit.ForPom == 2)
        {
            return 29;
        }

        if (profil is { } p && StomProfiles.Contains(p))
        {
            return smo == "0" ? visits == 1 ? 29 : 30 : 28;
        }

        if (visit.Purpose is 21 or 22 || (smo == "0" && profil is 82 or 83))
        {
            return 28;
        }

        return visit.UslOk == 2 ? 33 : visits == 1 ? 29 : 30;
    }

    private static CalculatedCase Unsupported(RegistryCase visit, string reason) => new(null, $"талон {visit.Number}: {reason}");
}
