using System.Collections.Frozen;
using System.Globalization;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Checks;
using Omslite.RegionFormats.RegistryXml.Computing;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// One visit of the federal baseline: the chain, the values the baseline computes (IDSP, VIDPOM, P_CEL from the
/// visit or the MO settings; the sums), then RegistryXml's ZAP and PERS lines, built whole in memory.
/// </summary>
internal static class BaselineCase
{
    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;

    /// <summary>The visit overrides the baseline writes and the form the files accept for each.</summary>
    private static readonly (string Tag, Func<string, bool> Valid)[] Overrides =
    [
        ("IDSP", v => MoSettings.IsDigits(v, 1, 2)),
        ("VIDPOM", v => MoSettings.IsDigits(v, 1, 2)),
        ("P_CEL", BaselineSettings.PCelCode),
        ("DET", v => v is "0" or "1"),
        ("DN", v => MoSettings.IsDigits(v, 1, 1)),
        ("PODR", v => MoSettings.IsDigits(v, 1, 8)),
        ("PROFIL_K", v => MoSettings.IsDigits(v, 1, 4)),
        ("PROFIL_M", v => MoSettings.IsDigits(v, 1, 4)),
        ("MOP", v => MoSettings.IsDigits(v, 1, 4)),
        ("P_PER", v => MoSettings.IsDigits(v, 1, 1)),
        ("KD", v => MoSettings.IsDigits(v, 1, 3)),
    ];

    /// <summary>The case's H and L lines (L null for a known person) with its SUMV, or the problem.</summary>
    public static CaseLines Build(RegistryCase source, BaselineSettings settings, FormatRules rules, IReadOnlySet<string> persons)
    {
        var t = new Talon(source, settings.Mo, rules);
        if (CheckRule.RunChain(BaselineChain.Rules, t, CheckMode.Pack) is { } failure)
        {
            return CaseLines.Failed(new CaseProblem(failure.Rule.Code, failure.Rule.Field, failure.Message));
        }

        if (InvalidOverride(t) is { } wrong)
        {
            return CaseLines.Failed(wrong);
        }

        var idsp = t.Override("IDSP") is { } set ? int.Parse(set, CultureInfo.InvariantCulture) : settings.Idsp;

        var newPerson = !persons.Contains(t.IdPac!);
        var w = 0;
        if (newPerson)
        {
            (w, var sexProblem) = CaseRecords.Sex(t);
            if (sexProblem is not null)
            {
                return CaseLines.Failed(sexProblem);
            }
        }

        var det = t.Override("DET") ?? "0";
        var (rows, serviceProblem) = BaselineServices.Assemble(t, det);
        if (serviceProblem is not null)
        {
            return CaseLines.Failed(serviceProblem);
        }

        var sum = rows.Sum(r => r.Tariff * r.Kol);
        var h = new RecordLine(rules.H.Required, rules.H.Ignored, capacity: 2048);
        CaseRecords.WriteZap(h, t, new ZapValues
        {
            Idsp = idsp,
            Vidpom = t.Override("VIDPOM") ?? settings.Vidpom,
            PCel = t.ForPom == 2 ? "1.1" : t.Override("P_CEL") ?? settings.PCel,
            Dn = t.Override("DN"),
            Det = det,
            SumM = Money.TwoDecimals(sum),
            EdCol = UslRow.EdCol(rows, idsp),
            Sumv = Money.TwoDecimals(sum),
            Services = rows,
        });
        var l = newPerson ? new RecordLine(None, rules.L.Ignored) : null;
        if (l is not null)
        {
            CaseRecords.WritePers(l, t, w);
        }

        return CaseRecords.LineProblem(t, h, l) is { } bad
            ? CaseLines.Failed(bad)
            : new CaseLines(t.IdPac!, [h, l], sum, null);
    }

    /// <summary>The first of the visit's overrides that the file would not accept (its schema would then refuse the
    /// whole pack, not just this visit).</summary>
    private static CaseProblem? InvalidOverride(Talon t)
    {
        foreach (var (tag, valid) in Overrides)
        {
            if (t.Override(tag) is { } value && !valid(value))
            {
                return new CaseProblem("override", tag, t.Numbered($"Неверное значение {tag}: {value}"));
            }
        }

        return null;
    }
}
