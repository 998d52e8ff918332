using System.Globalization;

namespace Omslite.RegionFormats.Primorye25.Computing;

/// <summary>One USL of the H file (and its IDSERV in the P file), after §5.1a.</summary>
internal sealed record UslRow
{
    public required string Code { get; init; }
    public required int Kol { get; init; }
    public required decimal Tariff { get; init; }
    public required string SumvUsl { get; init; }
    public int? Podr { get; init; }
    public required DateOnly? DateIn { get; init; }
    public required DateOnly? DateOut { get; init; }
    public required string? Profil { get; init; }
    public required string? ProfilM { get; init; }
    public required string? Det { get; init; }
    public string? VidVme { get; init; }
    public string? Lpu1 { get; init; }
    public required string? Prvs { get; init; }
    public required string? CodeMd { get; init; }
}

/// <summary>§5.1a/§5.1/§5.2: the USL rows of a visit, the appointment service, ED_COL and the sums.</summary>
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
            string? Row(string tag) => service.Overrides.TryGetValue(tag, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var dateIn = service.Date is { } d && d >= t.Date1 && d <= t.Date2 ? d : t.Date1;
            rows.Add(new UslRow
            {
                Code = service.Code.Trim(),
                Kol = service.Quantity,
                Tariff = tariff,
                SumvUsl = Money.Shortest(tariff),
                Podr = service.Unit,
                DateIn = dateIn,
                DateOut = Row("DATE_OUT") is { } dateOut && DateOnly.TryParseExact(dateOut, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : t.Date2,
                Profil = Row("PROFIL") ?? Text(t.Profil),
                ProfilM = Row("PROFIL_M") ?? t.Settings.ProfilM,
                Det = Row("DET") ?? det,
                VidVme = Row("VID_VME"),
                Lpu1 = Row("LPU_1") ?? t.Settings.Lpu1,
                Prvs = Row("PRVS") ?? Text(t.Prvs),
                CodeMd = Row("CODE_MD") is { } md ? Snils.Normalise(md, out _) : t.Iddokt,
            });
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
            Profil = Text(t.Profil),
            ProfilM = t.Settings.ProfilM,
            Det = det,
            Lpu1 = t.Settings.Lpu1,
            Prvs = Text(t.Prvs),
            CodeMd = t.Iddokt,
        });
        return rows;
    }

    /// <summary>§5.2 ED_COL: Σ KOL_USL for IDSP 28 (the appointment service included), 1 for 29, else absent.</summary>
    public static int? EdCol(IReadOnlyList<UslRow> rows, int idsp) => idsp switch
    {
        28 => rows.Sum(r => r.Kol),
        29 => 1,
        _ => null,
    };

    /// <summary>§5.1 SUMV: Σ SUMV_USL (each tariff once, whatever its quantity) + SUM_M, with exactly 2 decimals.</summary>
    public static string Sumv(IReadOnlyList<UslRow> rows, decimal sumM) =>
        Money.TwoDecimals(rows.Sum(r => r.Tariff) + sumM);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The number formats of §2.5.</summary>
internal static class Money
{
    /// <summary>Shortest decimal form keeping one decimal: 2189.50 → "2189.5", 2000 → "2000.0", 10054.84 → "10054.84".</summary>
    public static string Shortest(decimal value) => value.ToString("0.0############################", CultureInfo.InvariantCulture);

    /// <summary>Exactly two decimals: "2189.50".</summary>
    public static string TwoDecimals(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
