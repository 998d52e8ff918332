using System.Globalization;
using Omslite.RegionFormats.RegistryXml.Computing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>The values of one ZAP that a region computes by its own rules (registry-pack-25.md §5, §7); everything
/// else of the ZAP comes from the <see cref="Talon"/> and the MO settings.</summary>
public sealed record ZapValues
{
    /// <summary>IDSP.</summary>
    public required int Idsp { get; init; }

    /// <summary>VIDPOM.</summary>
    public required string Vidpom { get; init; }

    /// <summary>P_CEL; null for none.</summary>
    public string? PCel { get; init; }

    /// <summary>DN; null for none.</summary>
    public string? Dn { get; init; }

    /// <summary>SL/DET (the USL rows carry their own).</summary>
    public required string Det { get; init; }

    /// <summary>SUM_M as written.</summary>
    public required string SumM { get; init; }

    /// <summary>ED_COL; null for none.</summary>
    public int? EdCol { get; init; }

    /// <summary>SUMV as written.</summary>
    public required string Sumv { get; init; }

    /// <summary>The USL rows, in order.</summary>
    public required IReadOnlyList<UslRow> Services { get; init; }
}

/// <summary>
/// The federal records of a visit (registry-pack-25.md §2.2, §2.3): the ZAP of the H file and the PERS of the L file,
/// with their tag names and order. The file's REQUIRED and IGNORED sets (in the <see cref="RecordLine"/>) decide what
/// is required and what is never written, so the same writer serves every version and region.
/// </summary>
public static class CaseRecords
{
    /// <summary>H: ZAP → PACIENT, Z_SL → SL → USL → MR_USL_N.</summary>
    public static void WriteZap(RecordLine x, Talon t, ZapValues v)
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
            .Value("VIDPOM", v.Vidpom)
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
            .Value("DET", v.Det)
            .Value("P_CEL", v.PCel)
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
            .Value("DN", v.Dn)
            .Value("CODE_MES1", (string?)null)
            .Value("CODE_MES2", (string?)null)
            .Value("REAB", (string?)null)
            .Value("PRVS", t.Prvs)
            .Value("VERS_SPEC", "V021")
            .Value("IDDOKT", t.Iddokt)
            .Value("ED_COL", v.EdCol)
            .Value("TARIF", (string?)null)
            .Value("SUM_M", v.SumM);
        var idserv = 0;
        foreach (var row in v.Services)
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
                .Value("TARIF", row.Tarif)
                .Value("SUMV_USL", row.SumvUsl);
            x.Open("MR_USL_N").Value("MR_N", 1).Value("PRVS", row.Prvs).Value("CODE_MD", row.CodeMd).Close("MR_USL_N");
            x.Value("NPL", (string?)null).Close("USL");
        }

        x.Close("SL").Value("IDSP", v.Idsp).Value("SUMV", v.Sumv).Close("Z_SL").Close("ZAP");
    }

    /// <summary>L: PERS: DOST per missing name part (1 patronymic, 2 surname, 3 first name); the DUL only with a
    /// number; DOCDATE/DOCORG as the chain left them (a region may blank them).</summary>
    public static void WritePers(RecordLine x, Talon t, int w)
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

    /// <summary>W of a new person, or the problem: a missing or unknown sex (after the chain, §2.3).</summary>
    public static (int W, CaseProblem? Problem) Sex(Talon t) => FederalValues.Sex(t.Pol) switch
    {
        null => (0, new CaseProblem("sex", "W", t.Numbered("Не указан пол пациента"))),
        0 => (0, new CaseProblem("sex", "W", t.Numbered($"Неверный пол пациента: {t.Pol}"))),
        var w => (w.Value, null),
    };

    /// <summary>What keeps a visit's lines out of the files: the first REQUIRED tag without a value (§2.1), then the
    /// first value windows-1251 cannot hold (D2.4); null when every line can be written.</summary>
    public static CaseProblem? LineProblem(Talon t, params RecordLine?[] lines)
    {
        foreach (var line in lines)
        {
            if (line?.MissingTag is { } missing)
            {
                return new CaseProblem("tag-missing", missing, t.Numbered($"Нет тега: {missing.ToLowerInvariant()} в талоне"));
            }
        }

        foreach (var line in lines)
        {
            if (line?.Unwritable is { } bad)
            {
                return new CaseProblem("encoding", bad.Tag, t.Numbered($"{bad.Reason}: {bad.Tag}"));
            }
        }

        return null;
    }
}
