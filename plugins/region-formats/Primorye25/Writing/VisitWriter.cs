using System.Collections.Frozen;
using System.Globalization;
using Omslite.RegionFormats.Primorye25.Checks;
using Omslite.RegionFormats.Primorye25.Computing;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Checks;
using Omslite.RegionFormats.RegistryXml.Computing;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Writing;

/// <summary>What one visit came to: its three record lines, or the problem that excludes it.</summary>
/// <param name="IdPac">ID_PAC, the key of the L file.</param>
/// <param name="HLine">The ZAP line.</param>
/// <param name="PLine">The P-file SL line.</param>
/// <param name="LLine">The PERS line; null when the person was already written.</param>
/// <param name="Problem">Why the visit is excluded; null when it passed.</param>
internal sealed record VisitOutcome(string? IdPac, RecordLine? HLine, RecordLine? PLine, RecordLine? LLine, CaseProblem? Problem)
{
    /// <summary>The ZAP line as text (a pack writes the <see cref="RecordLine"/> itself).</summary>
    public string? H => HLine?.ToString();

    /// <summary>The P-file SL line as text.</summary>
    public string? P => PLine?.ToString();

    /// <summary>The PERS line as text.</summary>
    public string? L => LLine?.ToString();

    public static VisitOutcome Failed(string code, string? field, string message) => Failed(new CaseProblem(code, field, message));

    public static VisitOutcome Failed(CaseProblem problem) => new(null, null, null, null, problem);
}

/// <summary>The three record lines a visit is written into. A pack run reuses one set for all its visits: a visit's
/// lines are in the bodies before the next visit is built.</summary>
internal sealed class VisitLines(FormatRules rules)
{
    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;

    /// <summary>The ZAP line.</summary>
    public RecordLine H { get; } = new(rules.H.Required, rules.H.Ignored, capacity: 2048);

    /// <summary>The P-file SL line.</summary>
    public RecordLine P { get; } = new(rules.Files['P'].Required, None);

    /// <summary>The PERS line.</summary>
    public RecordLine L { get; } = new(None, rules.L.Ignored);

    /// <summary>Empties the lines for the next visit.</summary>
    public VisitLines Reset()
    {
        H.Reset();
        P.Reset();
        L.Reset();
        return this;
    }
}

/// <summary>
/// One visit through §4.1 step 4: the chain, the computed values, the services, then the H, P and L lines built
/// completely in memory — a visit is written whole or not at all (D2.4). The ZAP and PERS are the federal records of
/// RegistryXml (<see cref="CaseRecords"/>) with the region's computed values; the P-file SL is the region's own.
/// </summary>
internal static class VisitWriter
{
    /// <param name="source">The case.</param>
    /// <param name="settings">The MO's settings.</param>
    /// <param name="rules">The rules of the case's period.</param>
    /// <param name="mode">Pack or check.</param>
    /// <param name="persons">The persons already written.</param>
    /// <param name="lines">The lines to write into (a pack run reuses one set); new ones when null.</param>
    public static VisitOutcome Build(
        RegistryCase source, MoSettings settings, FormatRules rules, CheckMode mode, IReadOnlySet<string> persons, VisitLines? lines = null)
    {
        var t = new Talon(source, settings, rules);
        if (CheckChain.Run(t, mode) is { } failure)
        {
            return VisitOutcome.Failed(failure.Rule.Code, failure.Rule.Field, failure.Message);
        }

        var idsp = Computed.Idsp(t);
        var det = t.Override("DET") ?? "0";
        if (!decimal.TryParse(t.Override("SUM_M") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture, out var sumM))
        {
            return VisitOutcome.Failed("sum-m", "SUM_M", t.Numbered($"SUM_M не число: {t.Override("SUM_M")}"));
        }

        var newPerson = !persons.Contains(t.IdPac!);
        var w = 0;
        if (newPerson)
        {
            (w, var sexProblem) = CaseRecords.Sex(t);
            if (sexProblem is not null)
            {
                return VisitOutcome.Failed(sexProblem);
            }
        }

        var rows = ServiceRows.Assemble(t, idsp, det, out var pmuCount);
        if (rows is null)
        {
            return VisitOutcome.Failed("appointment-missing", "CODE_USL", $"Для профиля: {t.Profil} нет специальных услуг");
        }

        if (t.IsDiagnostic() && pmuCount == 0)
        {
            return VisitOutcome.Failed("pmu-missing", "CODE_USL", t.Numbered(" ошибка ПМУ: нет тарифа, кода подр или кода спец"));
        }

        lines = lines?.Reset() ?? new VisitLines(rules);
        var h = lines.H;
        CaseRecords.WriteZap(h, t, new ZapValues
        {
            Idsp = idsp,
            Vidpom = Computed.Vidpom(t),
            PCel = Computed.PCel(t, idsp),
            Dn = t.Purp is 3 or 10 ? "1" : null,
            Det = det,
            SumM = Money.Shortest(sumM),
            EdCol = UslRow.EdCol(rows, idsp),
            Sumv = ServiceRows.Sumv(rows, sumM),
            Services = rows,
        });
        var p = lines.P;
        WriteSl(p, t, rows.Count);
        var l = newPerson ? lines.L : null;
        if (l is not null)
        {
            CaseRecords.WritePers(l, t, w);
        }

        return CaseRecords.LineProblem(t, h, p, l) is { } bad
            ? VisitOutcome.Failed(bad)
            : new VisitOutcome(t.IdPac, h, p, l, null);
    }

    /// <summary>P: SL with the region's extra fields and one USL/IDSERV per H USL (§2.4).</summary>
    private static void WriteSl(RecordLine x, Talon t, int services)
    {
        x.Open("SL")
            .Value("SL_ID", "1")
            .Value("IDCASE", t.Number)
            .Value("CARD", t.Card)
            .Value("FROM_FIRM", t.FromFirm)
            .Value("PURP", t.Purp)
            .Value("VISIT_POL", t.VisitPol)
            .Value("VISIT_HOM", t.VisitHom)
            .Value("NSNDHOSP", t.Nsndhosp)
            .Value("TYPE_PAY", t.Override("TYPE_PAY") ?? "1")
            .Value("D_TYPE", t.DType)
            .Value("NAPRLECH", t.Naprlech);
        for (var i = 1; i <= services; i++)
        {
            x.Open("USL").Value("IDSERV", i).Close("USL");
        }

        x.Close("SL");
    }
}
