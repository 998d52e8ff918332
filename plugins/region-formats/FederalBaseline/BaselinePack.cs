using System.Globalization;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Computing;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// The files of a federal-baseline pack: HM and LM named by the federal grammar with the pack number as the sequence
/// part (<c>HM250796T25_26011</c>), the zip named like the H file, SCHET CODE <c>{YY}{MM}{N}</c>, NSCHET
/// <c>{MO}-{YY}{MM}{N}</c>, PLAT from the MO, SUMMAV = Σ SUMV.
/// </summary>
internal sealed class BaselinePack(PackRequest request, BaselineSettings settings, FormatRules rules) : IPackLayout
{
    /// <summary>The federal names of the pack.</summary>
    public RegistryFileNames Names { get; } = new(
        settings.Mo.MoCode, settings.Mo.RegionCode, request.Period, request.Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>SCHET/CODE: <c>{YY}{MM}{N}</c>.</summary>
    public string SchetCode => Names.Yy + Names.Mm + request.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>SCHET/NSCHET: <c>{MO}-{YY}{MM}{N}</c>.</summary>
    public string Nschet => $"{settings.Mo.MoCode}-{SchetCode}";

    /// <inheritdoc />
    public string ZipName => Names.H + ".zip";

    /// <inheritdoc />
    public CaseLines Build(RegistryCase registryCase, IReadOnlySet<string> persons) =>
        BaselineCase.Build(registryCase, settings, rules, persons);

    /// <inheritdoc />
    public IReadOnlyList<PackFile> Files(PackTotals totals)
    {
        var date = request.RunDate;
        var schet = new Schet(SchetCode, settings.Mo.MoCode, request.Period, Nschet, date, settings.Mo.Plat, Money.TwoDecimals(totals.Amount));
        return
        [
            new PackFile(Names.H + ".xml", "ZL_LIST", [FederalHeaders.HZglv(rules, date, Names.H, totals.Records), FederalHeaders.HSchet(rules, schet)], rules.H.Schema),
            new PackFile(Names.L + ".xml", "PERS_LIST", [FederalHeaders.LZglv(rules, date, Names.L, Names.H)], rules.L.Schema),
        ];
    }
}
