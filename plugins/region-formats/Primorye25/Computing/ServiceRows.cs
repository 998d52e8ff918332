using System.Globalization;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Computing;

namespace Omslite.RegionFormats.Primorye25.Computing;

/// <summary>§5.1a/§5.1: the USL rows of a visit (the PMU rows, then the appointment service) and the sum.</summary>
internal static class ServiceRows
{
    /// <summary>
    /// The visit's PMU rows that have a tariff, in stored order, then the appointment service of the profile.
    /// Returns null when the profile has no appointment service; <paramref name="pmuCount"/> counts the real PMU rows.
    /// </summary>
    public static IReadOnlyList<UslRow>? Assemble(Talon t, int idsp, string det, out int pmuCount)
    {
        pmuCount = 0;
        var appointment = t.Source.Appointment;
        if (appointment is null || string.IsNullOrWhiteSpace(appointment.OneVisitCode))
        {
            return null;
        }

        var rows = new List<UslRow>(t.Source.Services.Count + 1);
        foreach (var service in t.Source.Services)
        {
            if (service.Tariff is not { } tariff || string.IsNullOrWhiteSpace(service.Code))
            {
                continue;
            }

            pmuCount++;
            var dateIn = service.Date is { } d && d >= t.Date1 && d <= t.Date2 ? d : t.Date1;
            var dateOut = UslRow.Override(service, "DATE_OUT") is { } set
                && DateOnly.TryParseExact(set, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : t.Date2;
            rows.Add(UslRow.ForService(t, service, det, tariff, Money.Shortest(tariff), dateIn, dateOut));
        }

        var code = idsp is 28 or 29 || string.IsNullOrWhiteSpace(appointment.MultiVisitCode)
            ? appointment.OneVisitCode
            : appointment.MultiVisitCode;
        rows.Add(new UslRow
        {
            Code = code.Trim(),
            Kol = 1,
            Tariff = 0m,
            SumvUsl = "0",
            Podr = appointment.Unit,
            DateIn = t.Date1,
            DateOut = t.Date2,
            Profil = UslRow.Text(t.Profil),
            ProfilM = t.Settings.ProfilM,
            Det = det,
            Lpu1 = t.Settings.Lpu1,
            Prvs = UslRow.Text(t.Prvs),
            CodeMd = t.Iddokt,
        });
        return rows;
    }

    /// <summary>§5.1 SUMV: Σ SUMV_USL (each tariff once, whatever its quantity) + SUM_M, with exactly 2 decimals.</summary>
    public static string Sumv(IReadOnlyList<UslRow> rows, decimal sumM) =>
        Money.TwoDecimals(rows.Sum(r => r.Tariff) + sumM);
}
