using System.Text;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Tests;

/// <summary>The illustrative record of registry-pack-25.md §6.3 (MO 250796, a local ENP holder with a passport, a
/// chest CT referred by MO 228), shared by the tests of the region formats: each varies it for its own cases.</summary>
internal static class Illustrative
{
    public static readonly ReportPeriod January = new(2026, 1);

    public static readonly DateOnly RunDate = new(2026, 2, 3);

    public static readonly Encoding Cp1251 = CodePages();

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }

    public static RegistryMo Mo { get; } = new()
    {
        Code = "250796",
        ShortCode = "796",
        Name = "Центр КТ и МРТ",
        Region = "25",
        Okato = "05000",
        Lpu1 = "25202607000001001",
        Plat = "25011",
    };

    public static RegistryCase Case { get; } = new()
    {
        VisitId = 501,
        Number = 1234,
        ReportPeriod = January,
        Patient = new RegistryPatient
        {
            PatientId = 77,
            CardNumber = "000123",
            Fam = "ИВАНОВА",
            Im = "АННА",
            Ot = "СЕРГЕЕВНА",
            Sex = "ж",
            BirthDate = new DateOnly(1976, 6, 19),
            Policy = new RegistryPolicy
            {
                Type = 3, Number = "2512345678901234", Smo = "25011", SmoOkato = "05000",
                SmoName = "ООО СМО \"Восточно-страховой альянс\"",
            },
            StOkato = "05000",
            Document = new RegistryDocument { Type = 14, Series = "05 12", Number = "345678", Date = new DateOnly(2021, 7, 1), Issuer = "УМВД" },
            AttachmentMoShortCode = "228",
            AttachmentMoCode = "250228",
            Soc = 0,
        },
        OpenDate = new DateOnly(2026, 1, 12),
        CloseDate = new DateOnly(2026, 1, 12),
        UslOk = 3,
        ForPom = 3,
        Purpose = 4,
        Ds1 = "R91",
        CZab = 1,
        Rslt = 14,
        Ishod = 4,
        VisitPol = 1,
        VisitHome = 0,
        LocalSpecialty = 63,
        DoctorCode = 1,
        Specialty = new RegistrySpecialty(60, 78),
        DoctorSnils = "101-220-211 47",
        Referral = new RegistryReferral { MoShortCode = "228", MoCode = "250228", Number = "228000123", Date = new DateOnly(2026, 1, 10) },
        Services = [new RegistryService { Code = "A06.09.005", Date = new DateOnly(2026, 1, 12), Quantity = 1, Unit = 221, Tariff = 2189.5m }],
        Appointment = new AppointmentService("B01.039.001", "B01.039.002", 221),
    };
}
