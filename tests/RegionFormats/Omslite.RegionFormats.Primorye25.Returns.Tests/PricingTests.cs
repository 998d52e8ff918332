using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>The preliminary calculation of a visit (workflows.md §4.1) with the hub's PMU tariffs (D6).</summary>
public class PricingTests
{
    private readonly Primorye25Returns _format = new();

    private static RegistryCase Visit(string? referral = "028", string smo = "25011", int forPom = 3, bool mek = false) => new()
    {
        VisitId = 1, Number = 77, ReportPeriod = new ReportPeriod(2022, 2), Mek = mek, ForPom = forPom, UslOk = 3, Purpose = 4, VisitPol = 1,
        Patient = new RegistryPatient { PatientId = 5, CardNumber = "12", Fam = "ИВАНОВ", Sex = "ж", Policy = new RegistryPolicy { Type = 3, Number = "2512345678901234", Smo = smo } },
        Specialty = new RegistrySpecialty(60, 78),
        Referral = referral is null ? null : new RegistryReferral { MoShortCode = referral },
        Services = [new RegistryService { Code = "A06.09.005", Quantity = 2, Tariff = 2230.73m }, new RegistryService { Code = "A06.03.062", Quantity = 1, Tariff = null }],
    };

    [Fact]
    public void A_referred_visit_costs_its_tariffs_times_quantities()
    {
        var priced = _format.Calculate(Visit(), Support.Mo()).Case!;

        Assert.Equal((4461.46m, 4461.46m, 11, 29, 2, 77), (priced.Sumv!.Value, priced.Sump!.Value, priced.Vidpom!.Value, priced.Idsp!.Value, priced.W!.Value, priced.NHistory!.Value));
    }

    [Fact]
    public void A_fund_patient_costs_nothing_and_a_mek_visit_expects_no_payment()
    {
        Assert.Equal(0m, _format.Calculate(Visit(smo: "0"), Support.Mo()).Case!.Sumv);
        var mek = _format.Calculate(Visit(mek: true), Support.Mo()).Case!;
        Assert.Equal((4461.46m, 0m, true), (mek.Sumv!.Value, mek.Sump!.Value, mek.IsMek));
    }

    [Fact]
    public void An_urgent_visit_is_reported_as_not_priced()
    {
        var result = _format.Calculate(Visit(forPom: 2), Support.Mo());

        Assert.Null(result.Case);
        Assert.Equal("талон 77: неотложная помощь: тарифов неотложной помощи нет в справочниках", result.Unsupported);
    }
}
