using System.Globalization;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml.Computing;

/// <summary>One USL of the H file as a region assembled it (§5.1a): the values of its elements, rendered where the
/// region renders them. The writer puts them in the federal order.</summary>
public sealed record UslRow
{
    /// <summary>CODE_USL.</summary>
    public required string Code { get; init; }

    /// <summary>KOL_USL.</summary>
    public required int Kol { get; init; }

    /// <summary>The unit tariff the sums are made of.</summary>
    public required decimal Tariff { get; init; }

    /// <summary>TARIF as written; null where the region does not write it.</summary>
    public string? Tarif { get; init; }

    /// <summary>SUMV_USL as written.</summary>
    public required string SumvUsl { get; init; }

    /// <summary>PODR.</summary>
    public int? Podr { get; init; }

    /// <summary>DATE_IN.</summary>
    public required DateOnly? DateIn { get; init; }

    /// <summary>DATE_OUT.</summary>
    public required DateOnly? DateOut { get; init; }

    /// <summary>PROFIL.</summary>
    public required string? Profil { get; init; }

    /// <summary>PROFIL_M.</summary>
    public required string? ProfilM { get; init; }

    /// <summary>DET.</summary>
    public required string? Det { get; init; }

    /// <summary>VID_VME.</summary>
    public string? VidVme { get; init; }

    /// <summary>LPU_1.</summary>
    public string? Lpu1 { get; init; }

    /// <summary>MR_USL_N/PRVS.</summary>
    public required string? Prvs { get; init; }

    /// <summary>MR_USL_N/CODE_MD: the SNILS as 11 digits.</summary>
    public required string? CodeMd { get; init; }

    /// <summary>
    /// The row of a performed service: its code, quantity and unit; PROFIL, PROFIL_M, DET, LPU_1, PRVS and the doctor
    /// (CODE_MD) of the visit unless the row overrides them (VID_VME only from the row). The price and the dates are
    /// the region's.
    /// </summary>
    public static UslRow ForService(
        Talon t, RegistryService service, string det, decimal tariff, string sumvUsl, DateOnly? dateIn, DateOnly? dateOut, string? tarif = null)
    {
        string? Row(string tag) => Override(service, tag);
        return new UslRow
        {
            Code = service.Code.Trim(),
            Kol = service.Quantity,
            Tariff = tariff,
            Tarif = tarif,
            SumvUsl = sumvUsl,
            Podr = service.Unit,
            DateIn = dateIn,
            DateOut = dateOut,
            Profil = Row("PROFIL") ?? Text(t.Profil),
            ProfilM = Row("PROFIL_M") ?? t.Settings.ProfilM,
            Det = Row("DET") ?? det,
            VidVme = Row("VID_VME"),
            Lpu1 = Row("LPU_1") ?? t.Settings.Lpu1,
            Prvs = Row("PRVS") ?? Text(t.Prvs),
            CodeMd = Row("CODE_MD") is { } md ? Snils.Normalise(md, out _) : t.Iddokt,
        };
    }

    /// <summary>A service row's override of a tag, trimmed; null when it has none.</summary>
    public static string? Override(RegistryService service, string tag) =>
        service.Overrides.TryGetValue(tag, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>An integer code as text.</summary>
    public static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>§5.2 ED_COL: Σ KOL_USL of the rows for IDSP 28 (per service), 1 for IDSP 29 (per visit), else
    /// absent. Which rows count is the region's: the rows it assembled.</summary>
    public static int? EdCol(IReadOnlyList<UslRow> rows, int idsp) => idsp switch
    {
        28 => rows.Sum(r => r.Kol),
        29 => 1,
        _ => null,
    };
}

/// <summary>The number formats of §2.5.</summary>
public static class Money
{
    /// <summary>Shortest decimal form keeping one decimal: 2189.50 → "2189.5", 2000 → "2000.0", 10054.84 → "10054.84".
    /// The same text as the custom format <c>0.0############################</c> (checked on 200 000 values), from the
    /// standard one: custom formats are several times slower, and a pack writes a few of these per case.</summary>
    public static string Shortest(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text + ".0";
        }

        var end = text.Length;
        while (end > dot + 2 && text[end - 1] == '0')
        {
            end--;
        }

        return end == text.Length ? text : text[..end];
    }

    /// <summary>Exactly two decimals, rounded half away from zero: "2189.50" (the standard <c>F2</c>, the same text as
    /// the custom <c>0.00</c>).</summary>
    public static string TwoDecimals(decimal value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
