using System.Text;
using Omslite.RegionFormats.Tests;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>The illustrative record of registry-pack-25.md §6.3 (MO 250796, a local ENP holder with a passport, a
/// chest CT referred by MO 228) and helpers to vary it and run packs.</summary>
internal static class Sample
{
    public static readonly ReportPeriod January = Illustrative.January;

    public static readonly DateOnly RunDate = Illustrative.RunDate;

    public static readonly Encoding Cp1251 = Illustrative.Cp1251;

    public static RegistryMo Mo => Illustrative.Mo;

    public static RegistryCase Case => Illustrative.Case;

    public const string ZapLine =
        "<ZAP><N_ZAP>1234</N_ZAP><PR_NOV>0</PR_NOV><PACIENT><ID_PAC>2512345678901234</ID_PAC><VPOLIS>3</VPOLIS>" +
        "<ENP>2512345678901234</ENP><ST_OKATO>05000</ST_OKATO><SMO>25011</SMO><SMO_NAM>ООО СМО \"Восточно-страховой альянс\"</SMO_NAM>" +
        "<NOVOR>0</NOVOR><SOC>000</SOC><MO_PR>250228</MO_PR><VZ>1</VZ></PACIENT><Z_SL><IDCASE>1234</IDCASE><USL_OK>3</USL_OK>" +
        "<VIDPOM>11</VIDPOM><FOR_POM>3</FOR_POM><NPR_MO>250228</NPR_MO><NPR_DATE>2026-01-10</NPR_DATE><LPU>250796</LPU>" +
        "<DATE_Z_1>2026-01-12</DATE_Z_1><DATE_Z_2>2026-01-12</DATE_Z_2><RSLT>314</RSLT><ISHOD>304</ISHOD>" +
        "<SL><SL_ID>1</SL_ID><LPU_1>25202607000001001</LPU_1><PROFIL>78</PROFIL><PROFIL_M>31</PROFIL_M><DET>0</DET>" +
        "<P_CEL>2.1</P_CEL><MOP>1</MOP><NHISTORY>1234</NHISTORY><DATE_1>2026-01-12</DATE_1><DATE_2>2026-01-12</DATE_2>" +
        "<DS1>R91</DS1><C_ZAB>1</C_ZAB><PRVS>60</PRVS><VERS_SPEC>V021</VERS_SPEC><IDDOKT>10122021147</IDDOKT>" +
        "<ED_COL>2</ED_COL><SUM_M>0.0</SUM_M>" +
        "<USL><IDSERV>1</IDSERV><LPU>250796</LPU><LPU_1>25202607000001001</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL>" +
        "<PROFIL_M>31</PROFIL_M><DET>0</DET><DATE_IN>2026-01-12</DATE_IN><DATE_OUT>2026-01-12</DATE_OUT><DS>R91</DS>" +
        "<CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL><SUMV_USL>2189.5</SUMV_USL>" +
        "<MR_USL_N><MR_N>1</MR_N><PRVS>60</PRVS><CODE_MD>10122021147</CODE_MD></MR_USL_N></USL>" +
        "<USL><IDSERV>2</IDSERV><LPU>250796</LPU><LPU_1>25202607000001001</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL>" +
        "<PROFIL_M>31</PROFIL_M><DET>0</DET><DATE_IN>2026-01-12</DATE_IN><DATE_OUT>2026-01-12</DATE_OUT><DS>R91</DS>" +
        "<CODE_USL>B01.039.001</CODE_USL><KOL_USL>1</KOL_USL><SUMV_USL>0</SUMV_USL>" +
        "<MR_USL_N><MR_N>1</MR_N><PRVS>60</PRVS><CODE_MD>10122021147</CODE_MD></MR_USL_N></USL>" +
        "</SL><IDSP>28</IDSP><SUMV>2189.50</SUMV></Z_SL></ZAP>";

    public const string PLine =
        "<SL><SL_ID>1</SL_ID><IDCASE>1234</IDCASE><CARD>000123</CARD><FROM_FIRM>228</FROM_FIRM><PURP>4</PURP><VISIT_POL>1</VISIT_POL><VISIT_HOM>0</VISIT_HOM><TYPE_PAY>1</TYPE_PAY><NAPRLECH>228000123</NAPRLECH><USL><IDSERV>1</IDSERV></USL><USL><IDSERV>2</IDSERV></USL></SL>";

    public const string PersLine =
        "<PERS><ID_PAC>2512345678901234</ID_PAC><FAM>ИВАНОВА</FAM><IM>АННА</IM><OT>СЕРГЕЕВНА</OT><W>2</W><DR>1976-06-19</DR><DOCTYPE>14</DOCTYPE><DOCSER>05 12</DOCSER><DOCNUM>345678</DOCNUM></PERS>";

    public static RegistryCase With(Func<RegistryPatient, RegistryPatient> patient) => Case with { Patient = patient(Case.Patient) };

    public static RegistryCase WithPolicy(Func<RegistryPolicy, RegistryPolicy> policy) =>
        With(p => p with { Policy = policy(p.Policy) });

    /// <summary>An out-of-region patient (insurer OKATO 87024) with a full passport.</summary>
    public static RegistryCase OutOfRegion(RegistryCase c) =>
        c with { Patient = c.Patient with { Policy = c.Patient.Policy with { SmoOkato = "87024", Smo = null, SmoOgrn = "1027739008440" } } };

    public static string Message(RegistryCase c, RegistryMo? mo = null) =>
        Assert.Single(new Primorye25Format().Check(c, mo ?? Mo)).Message;

    /// <summary>The H, P and L lines of one case as a pack writes them (or the problem).</summary>
    public static Writing.VisitOutcome Lines(RegistryCase c, RegistryMo? mo = null, bool check = false)
    {
        var (settings, rules) = Writing.PackRun.Settings(mo ?? Mo, c.ReportPeriod);
        return Writing.VisitWriter.Build(c, settings, rules, check ? RegistryXml.Checks.CheckMode.Check : RegistryXml.Checks.CheckMode.Pack, new HashSet<string>());
    }

    /// <summary>The ZAP line of a case that must pass.</summary>
    public static string Zap(RegistryCase c, RegistryMo? mo = null)
    {
        var outcome = Lines(c, mo);
        Assert.Null(outcome.Problem);
        return outcome.H!;
    }

    /// <summary>The text of one simple element of a line, or null when it is absent.</summary>
    public static string? Tag(string line, string tag)
    {
        var open = $"<{tag}>";
        var start = line.IndexOf(open, StringComparison.Ordinal);
        return start < 0 ? null : line[(start + open.Length)..line.IndexOf($"</{tag}>", start, StringComparison.Ordinal)];
    }

    public static Task<PackRun> PackAsync(IEnumerable<RegistryCase> cases, int number = 1, bool checkOnly = false, int limit = 0,
        RegistryMo? mo = null, ReportPeriod? period = null, Primorye25Format? format = null, IPackSigner? signer = null,
        Action<IReadOnlyList<long>>? including = null) =>
        PackRun.WriteAsync(
            format ?? new Primorye25Format(),
            new PackRequest
            {
                Mo = mo ?? Mo, Period = period ?? January, Number = number, CheckOnly = checkOnly, Limit = limit,
                RunDate = RunDate, WorkDirectory = "", Signer = signer, Including = including,
            },
            cases);
}
