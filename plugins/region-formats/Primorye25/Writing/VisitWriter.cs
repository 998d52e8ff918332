using System.Collections.Frozen;
using System.Globalization;
using Omslite.RegionFormats.Primorye25.Checks;
using Omslite.RegionFormats.Primorye25.Computing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Writing;

/// <summary>What one visit came to: its three record lines, or the problem that excludes it.</summary>
/// <param name="IdPac">ID_PAC, the key of the L file.</param>
/// <param name="H">The ZAP line.</param>
/// <param name="P">The P-file SL line.</param>
/// <param name="L">The PERS line; null when the person was already written.</param>
/// <param name="Problem">Why the visit is excluded; null when it passed.</param>
internal sealed record VisitOutcome(string? IdPac, string? H, string? P, string? L, CaseProblem? Problem)
{
    public static VisitOutcome Failed(string code, string? field, string message) =>
        new(null, null, null, null, new CaseProblem(code, field, message));
}

/// <summary>
/// One visit through §4.1 step 4: the chain, the computed values, the services, then the H, P and L lines built
/// completely in memory — a visit is written whole or not at all (D2.4).
/// </summary>
internal static class VisitWriter
{
    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;

    public static VisitOutcome Build(RegistryCase source, RegionSettings settings, FormatRules rules, CheckMode mode, IReadOnlySet<string> persons)
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
        int? w = null;
        if (newPerson)
        {
            w = t.Pol?.Trim().ToLowerInvariant() switch
            {
                "м" => 1,
                "ж" => 2,
                null or "" => null,
                _ => 0,
            };
            if (w is null or 0)
            {
                return VisitOutcome.Failed("sex", "W", t.Numbered(w is null ? "Не указан пол пациента" : $"Неверный пол пациента: {t.Pol}"));
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

        var h = new RecordLine(rules.HRequired, rules.HIgnored);
        WriteZap(h, t, idsp, det, sumM, rows);
        var p = new RecordLine(rules.PRequired, None);
        WriteSl(p, t, rows.Count);
        var l = newPerson ? new RecordLine(None, rules.LIgnored) : null;
        if (l is not null)
        {
            WritePers(l, t, w!.Value);
        }

        foreach (var line in new[] { h, p, l })
        {
            if (line?.MissingTag is { } missing)
            {
                return VisitOutcome.Failed("tag-missing", missing, t.Numbered($"Нет тега: {missing.ToLowerInvariant()} в талоне"));
            }
        }

        foreach (var line in new[] { h, p, l })
        {
            if (line?.Unwritable is { } bad)
            {
                return VisitOutcome.Failed("encoding", bad.Tag, t.Numbered($"{bad.Reason}: {bad.Tag}"));
            }
        }

        return new VisitOutcome(t.IdPac, h.ToString(), p.ToString(), l?.ToString(), null);
    }

    /// <summary>H: ZAP → PACIENT, Z_SL → SL → USL → MR_USL_N (§2.2).</summary>
    private static void WriteZap(RecordLine x, Talon t, int idsp, string det, decimal sumM, IReadOnlyList<UslRow> rows)
    {
        var s = t.Settings;
        x.Open("ZAP").Value("N_ZAP", t.Number).Value("PR_NOV", t.PrNov);

        x.Open("PACIENT")
            .Value("ID_PAC", t.IdPac)
            .Value("VPOLIS", t.Vpolis)
            .Value("SPOLIS", t.Spolis)
            .Value("NPOLIS", t.Npolis)
            .Value("ENP", t.Enp)
            .Value("ST_OKATO", t.StOkato)
            .Value("SMO", t.Smo)
            .Value("SMO_NAM", t.SmoNam)
            .Value("INV", (string?)null)
            .Value("MSE", (string?)null)
            .Value("NOVOR", t.Override("NOVOR") ?? "0")
            .Value("VNOV_D", (string?)null)
            .Value("SOC", t.Soc!.Value.ToString("000", CultureInfo.InvariantCulture))
            .Value("MO_PR", t.MoPr)
            .Value("VZ", t.Vz)
            .Close("PACIENT");

        x.Open("Z_SL")
            .Value("IDCASE", t.Number)
            .Value("USL_OK", t.UslOk)
            .Value("VIDPOM", Computed.Vidpom(t))
            .Value("FOR_POM", t.ForPom)
            .Value("NPR_MO", t.NprMo)
            .Value("NPR_DATE", t.NprDate)
            .Value("NPR_NUM", t.Naprlech)
            .Value("LPU", s.MoCode)
            .Value("DATE_Z_1", t.Date1)
            .Value("DATE_Z_2", t.Date2)
            .Value("KD_Z", (string?)null)
            .Value("VNOV_M", (string?)null)
            .Value("RSLT", t.Rslt)
            .Value("ISHOD", t.Ishod)
            .Value("OS_SLUCH", string.IsNullOrEmpty(t.Ot) ? "2" : null)
            .Value("VB_P", (string?)null);

        x.Open("SL")
            .Value("SL_ID", "1")
            .Value("LPU_1", t.Override("LPU_1") ?? s.Lpu1)
            .Value("PODR", t.Override("PODR"))
            .Value("PROFIL", t.Profil)
            .Value("PROFIL_M", t.Override("PROFIL_M") ?? s.ProfilM)
            .Value("PROFIL_K", t.Override("PROFIL_K"))
            .Value("DET", det)
            .Value("P_CEL", Computed.PCel(t, idsp))
            .Value("MOP", t.Override("MOP") ?? s.Mop)
            .Value("NHISTORY", t.Number)
            .Value("P_PER", t.Override("P_PER"))
            .Value("DATE_1", t.Date1)
            .Value("DATE_2", t.Date2)
            .Value("KD", t.Override("KD"))
            .Value("DS0", t.Override("DS0"))
            .Value("DS1", t.Ds1)
            .Value("DS2", t.Ds2)
            .Value("C_ZAB", t.CZab)
            .Value("DN", t.Purp is 3 or 10 ? "1" : null)
            .Value("CODE_MES1", (string?)null)
            .Value("CODE_MES2", (string?)null)
            .Value("REAB", (string?)null)
            .Value("PRVS", t.Prvs)
            .Value("VERS_SPEC", "V021")
            .Value("IDDOKT", t.Iddokt)
            .Value("ED_COL", ServiceRows.EdCol(rows, idsp))
            .Value("TARIF", (string?)null)
            .Value("SUM_M", Money.Shortest(sumM));
        var idserv = 0;
        foreach (var row in rows)
        {
            x.Open("USL")
                .Value("IDSERV", ++idserv)
                .Value("LPU", s.MoCode)
                .Value("LPU_1", row.Lpu1)
                .Value("PODR", row.Podr)
                .Value("PROFIL", row.Profil)
                .Value("PROFIL_M", row.ProfilM)
                .Value("VID_VME", row.VidVme)
                .Value("DET", row.Det)
                .Value("DATE_IN", row.DateIn)
                .Value("DATE_OUT", row.DateOut)
                .Value("DS", t.Ds1)
                .Value("CODE_USL", row.Code)
                .Value("KOL_USL", row.Kol)
                .Value("TARIF", (string?)null)
                .Value("SUMV_USL", row.SumvUsl);
            x.Open("MR_USL_N").Value("MR_N", 1).Value("PRVS", row.Prvs).Value("CODE_MD", row.CodeMd).Close("MR_USL_N");
            x.Value("NPL", (string?)null).Close("USL");
        }

        x.Close("SL").Value("IDSP", idsp).Value("SUMV", ServiceRows.Sumv(rows, sumM)).Close("Z_SL").Close("ZAP");
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

    /// <summary>L: PERS (§2.3): DOST per missing name part; the DUL only with a number, DOCDATE/DOCORG only when
    /// the chain kept them (out-of-region patients).</summary>
    private static void WritePers(RecordLine x, Talon t, int w)
    {
        var dul = t.DocNum is not null;
        x.Open("PERS")
            .Value("ID_PAC", t.IdPac)
            .Value("FAM", t.Fam)
            .Value("IM", t.Im)
            .Value("OT", t.Ot)
            .Value("W", w)
            .Value("DR", t.Dr);
        if (string.IsNullOrEmpty(t.Ot))
        {
            x.Value("DOST", "1");
        }

        if (string.IsNullOrEmpty(t.Fam))
        {
            x.Value("DOST", "2");
        }

        if (string.IsNullOrEmpty(t.Im))
        {
            x.Value("DOST", "3");
        }

        x.Value("DOCTYPE", dul ? t.DocType : null)
            .Value("DOCSER", dul ? t.DocSer : null)
            .Value("DOCNUM", t.DocNum)
            .Value("DOCDATE", dul ? t.DocDate : null)
            .Value("DOCORG", dul ? t.DocOrg : null)
            .Close("PERS");
    }
}
