using System.Text;
using Omslite.RegionFormats.Tests;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>A small hand-built month of MO 250796 (region 25) under federal-baseline: a local ENP holder with a chest CT
/// referred by MO 250228 and a later MRI of two series, and an out-of-region patient with an old-style policy, no
/// patronymic, a Z diagnosis and a resubmitted case. Helpers run packs and read the zip.</summary>
internal static class Sample
{
    public static readonly ReportPeriod January = Illustrative.January;

    public static readonly DateOnly RunDate = Illustrative.RunDate;

    public static readonly Encoding Cp1251 = Illustrative.Cp1251;

    /// <summary>The MO of §6.3 with the settings the baseline requires.</summary>
    public static RegistryMo Mo { get; } = Illustrative.Mo with
    {
        Settings = new Dictionary<string, string> { ["profilM"] = "31", ["mop"] = "1" },
    };

    /// <summary>The local patient's chest CT (visit 1234): the record of §6.3.</summary>
    public static RegistryCase Ct => Illustrative.Case;

    /// <summary>The same patient's MRI in two series, without a referral (visit 1240).</summary>
    public static RegistryCase Mri { get; } = Ct with
    {
        VisitId = 502,
        Number = 1240,
        OpenDate = new DateOnly(2026, 1, 20),
        CloseDate = new DateOnly(2026, 1, 20),
        Ds1 = "M54.5",
        CZab = 2,
        Referral = null,
        Services = [new RegistryService { Code = "A05.23.009", Date = new DateOnly(2026, 1, 20), Quantity = 2, Unit = 221, Tariff = 3850m }],
    };

    /// <summary>An out-of-region patient with an old-style policy, no SMO code but an insurer OGRN, no patronymic, a
    /// Z diagnosis, resubmitted after MEK, with a VIDPOM set on the visit (visit 1250).</summary>
    public static RegistryCase Guest { get; } = Ct with
    {
        VisitId = 503,
        Number = 1250,
        Mek = true,
        Patient = new RegistryPatient
        {
            PatientId = 78,
            CardNumber = "000456",
            Fam = "ПЕТРОВ",
            Im = "ИГОРЬ",
            Sex = "м",
            BirthDate = new DateOnly(1950, 3, 5),
            Policy = new RegistryPolicy { Type = 1, Series = "ЯА", Number = "067086", SmoOkato = "87024", SmoOgrn = "1027739008440", SmoName = "АО «СК Альфа»" },
            StOkato = "87000",
            Document = new RegistryDocument { Type = 14, Series = "05 12", Number = "345679", Date = new DateOnly(2015, 4, 2), Issuer = "ОВД «Центральный»" },
            AttachmentMoCode = "250228",
            Soc = 35,
        },
        OpenDate = new DateOnly(2026, 1, 15),
        CloseDate = new DateOnly(2026, 1, 15),
        Ds1 = "Z01.8",
        Referral = null,
        Services = [new RegistryService { Code = "A06.09.005", Date = new DateOnly(2026, 1, 15), Quantity = 1, Unit = 221, Tariff = 2189.5m }],
        Overrides = new Dictionary<string, string> { ["VIDPOM"] = "12" },
    };

    public static RegistryCase With(Func<RegistryPatient, RegistryPatient> patient) => Ct with { Patient = patient(Ct.Patient) };

    public static string Message(RegistryCase c, RegistryMo? mo = null) =>
        Assert.Single(new FederalBaselineFormat().Check(c, mo ?? Mo)).Message;

    public static Task<PackRun> PackAsync(
        IEnumerable<RegistryCase> cases, int number = 1, RegistryMo? mo = null, ReportPeriod? period = null, IPackSigner? signer = null) =>
        PackRun.WriteAsync(
            new FederalBaselineFormat(),
            new PackRequest { Mo = mo ?? Mo, Period = period ?? January, Number = number, RunDate = RunDate, WorkDirectory = "", Signer = signer },
            cases);
}
