using System.Collections.Frozen;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Checks;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Writing;

/// <summary>
/// One pack run of region 25 (registry-pack-25.md §4.1): the request and settings checked, then RegistryXml's
/// <see cref="PackWriter"/> with this region's layout — three files HM, PM, LM, the region's names and headers.
/// </summary>
internal static class PackRun
{
    public static Task<PackResult> RunAsync(
        PackRequest request, IAsyncEnumerable<RegistryCase> cases, Stream output, Schemas schemas, CancellationToken ct)
    {
        var (settings, rules) = Prepare(request);
        return PackWriter.RunAsync(request, new Layout(request, settings, rules), cases, output, schemas, ct);
    }

    /// <summary>D2.1/D2.2 and the settings: everything that makes the whole run impossible, before any case is read.</summary>
    internal static (MoSettings, FormatRules) Prepare(PackRequest request)
    {
        PackWriter.CheckRequest(request);
        return Settings(request.Mo, request.Period);
    }

    /// <summary>The settings and the rules of a period; a period the format does not serve, or a missing LPU_1 where
    /// the version writes it, is a <see cref="RegionFormatException"/>.</summary>
    internal static (MoSettings, FormatRules) Settings(RegistryMo mo, Sdk.Connectors.ReportPeriod period)
    {
        var settings = RegionSettings.From(mo);
        var rules = RegionVersions.Table.For(period);
        if (rules.HasH("LPU_1") && settings.Lpu1 is null)
        {
            throw new RegionFormatException("Не задан LPU_1 (код подразделения МО в региональном реестре): укажите его в настройках МО");
        }

        return (settings, rules);
    }

    /// <summary>The files HM, PM, LM (§1.3) with the headers of §2.2–§2.4; SUMMAV is always 0.00 (§5.1).</summary>
    private sealed class Layout(PackRequest request, MoSettings settings, FormatRules rules) : IPackLayout
    {
        private readonly PackNames _names = new(settings, request.Period, request.Number);
        private readonly CheckMode _mode = request.CheckOnly ? CheckMode.Check : CheckMode.Pack;
        private readonly VisitLines _lines = new(rules);

        public string ZipName => _names.Zip;

        public CaseLines Build(RegistryCase registryCase, IReadOnlySet<string> persons)
        {
            var outcome = VisitWriter.Build(registryCase, settings, rules, _mode, persons, _lines);
            return outcome.Problem is { } problem
                ? CaseLines.Failed(problem)
                : new CaseLines(outcome.IdPac!, [outcome.HLine, outcome.PLine, outcome.LLine], 0m, null);
        }

        public IReadOnlyList<PackFile> Files(PackTotals totals)
        {
            var date = request.RunDate;
            var none = FrozenSet<string>.Empty;
            var schet = new Schet(_names.SchetCode, settings.MoCode, request.Period, _names.Nschet, date, settings.Plat, "0.00");
            var pZglv = new RecordLine(none, none).Open("ZGLV").Value("DATA", date).Value("FILENAME", _names.P)
                .Value("FILENAME1", _names.H).Close("ZGLV");
            var pSchet = new RecordLine(none, none).Open("SCHET").Value("YEAR", request.Period.Year).Value("MONTH", request.Period.Month)
                .Value("CODE_MO", settings.MoCode).Value("LPU", settings.ShortMo).Close("SCHET");
            return
            [
                new PackFile(_names.H + ".xml", "ZL_LIST", [FederalHeaders.HZglv(rules, date, _names.H, totals.Records), FederalHeaders.HSchet(rules, schet)], rules.H.Schema),
                new PackFile(_names.P + ".xml", "ZL_LIST", [pZglv, pSchet], rules.Files['P'].Schema),
                new PackFile(_names.L + ".xml", "PERS_LIST", [FederalHeaders.LZglv(rules, date, _names.L, _names.H)], rules.L.Schema),
            ];
        }
    }
}
