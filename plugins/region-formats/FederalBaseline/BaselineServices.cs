using System.Globalization;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Computing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// The USL rows of a visit in the federal baseline: exactly the services performed (no region's appointment
/// service), each priced as tariff × quantity. A service without a tariff, dated outside the case, or a case without
/// services is a problem, not a silent omission.
/// </summary>
internal static class BaselineServices
{
    /// <summary>The rows, or the problem that excludes the visit.</summary>
    public static (IReadOnlyList<UslRow> Rows, CaseProblem? Problem) Assemble(Talon t, string det)
    {
        if (t.Source.Services.Count == 0)
        {
            return ([], new CaseProblem("services-missing", "CODE_USL", t.Numbered("Нет услуг в случае")));
        }

        var rows = new List<UslRow>(t.Source.Services.Count);
        foreach (var service in t.Source.Services)
        {
            var code = service.Code.Trim();
            var date = service.Date ?? t.Date1!.Value;
            if (date < t.Date1 || date > t.Date2)
            {
                return ([], new CaseProblem("service-date", "DATE_IN", t.Numbered($"Дата услуги {code} вне дат случая: {Iso(date)}")));
            }

            if (service.Tariff is not { } tariff)
            {
                return ([], new CaseProblem("tariff-missing", "TARIF", t.Numbered($"Нет тарифа услуги {code} на {Iso(date)}")));
            }

            rows.Add(UslRow.ForService(
                t, service, det, tariff, Money.TwoDecimals(tariff * service.Quantity), date, date, tarif: Money.TwoDecimals(tariff)));
        }

        return (rows, null);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
