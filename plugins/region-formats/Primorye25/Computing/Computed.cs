using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Computing;

namespace Omslite.RegionFormats.Primorye25.Computing;

/// <summary>The computed values of registry-pack-25.md §5, one small function each.</summary>
internal static class Computed
{
    /// <summary>§5.3 IDSP (V010): the first matching rule wins.</summary>
    public static int Idsp(Talon t)
    {
        if (t.Override("IDSP") is { } set && int.TryParse(set, out var idsp))
        {
            return idsp;
        }

        if (t.ForPom == 2)
        {
            return 29;
        }

        // Stomatology: the original's SMO = 0 branch is unreachable (SMO 0 is already absent), so the effect is 28.
        if (t.Profil is { } p && RegionCodes.StomProfil.Contains(p))
        {
            return 28;
        }

        if ((t.Purp is { } purp && RegionCodes.PreventivePurp.Contains(purp)) || (t.Profil is { } n && RegionCodes.NurseProfil.Contains(n)))
        {
            return 28;
        }

        if (t.Purp == RegionCodes.DiagPurp && t.IsDiagnostic())
        {
            return 28;
        }

        if (t.UslOk == 2)
        {
            return 33;
        }

        return t.Visits == 1 ? 29 : 30;
    }

    /// <summary>§5.4 VIDPOM (V008).</summary>
    public static string Vidpom(Talon t)
    {
        if (t.Override("VIDPOM") is { } set)
        {
            return set;
        }

        if (t.Profil is 78 or 82)
        {
            return t.IsLocal ? "11" : "13";
        }

        return t.Prvs == 76 && t.Profil is 97 or 160 ? "12" : "13";
    }

    /// <summary>§5.5 P_CEL (V025): only for USL_OK 3.</summary>
    public static string? PCel(Talon t, int idsp)
    {
        if (t.UslOk != 3)
        {
            return null;
        }

        if (t.ForPom == 2)
        {
            return "1.1";
        }

        return t.Purp switch
        {
            1 or 2 or 6 or 9 => OutOfRegionPCel(t, idsp) ?? "1.2",
            3 or 10 => "1.3",
            4 or 5 or 14 or 20 or 21 => OutOfRegionPCel(t, idsp) ?? "2.1",
            7 => "2.5",
            _ => "2.6",
        };
    }

    /// <summary>The out-of-region P_CEL rule (February 2025): by the first character of DS1, IDSP 28/29 only.</summary>
    public static string? OutOfRegionPCel(Talon t, int idsp)
    {
        if (t.IsLocal || idsp is not (28 or 29) || string.IsNullOrEmpty(t.Ds1))
        {
            return null;
        }

        var first = char.ToUpperInvariant(t.Ds1[0]);
        return first switch
        {
            (>= 'A' and <= 'U') or ',' or ' ' => "1.0",
            'Z' => "2.6",
            _ => null,
        };
    }

    /// <summary>§5.6: diagnostics (not urgent) force ISHOD 4 / RSLT 14; a short code gets USL_OK × 100 added.</summary>
    public static void ResultAndOutcome(Talon t)
    {
        if (t.IsDiagnostic() && t.ForPom != 2)
        {
            t.Ishod = 4;
            t.Rslt = 14;
        }

        t.Rslt = FederalValues.FullCode(t.Rslt, t.UslOk);
        t.Ishod = FederalValues.FullCode(t.Ishod, t.UslOk);
    }

    /// <summary>
    /// §5.7 NPR_MO, NPR_DATE, FROM_FIRM: a known referring MO, else planned diagnostics (self-referral when no MO is
    /// given), then the hospitalisation referral. NPR_DATE falls back to DATE_1 in every branch that sets NPR_MO (D2.8).
    /// </summary>
    public static void Referral(Talon t)
    {
        var own = t.Settings.ShortMo;
        if (t.NprMoFound is { } found)
        {
            t.NprMo = found;
            t.NprDate ??= t.Date1;
        }
        else if (t.IsDiagnostic() && t.ForPom == 3)
        {
            t.FromFirm ??= own;
            t.NprDate ??= t.Date1;
            t.NprMo = t.Settings.RegionPrefix + FederalValues.ShortCode(t.FromFirm);
        }

        if (t.Nsndhosp is not null)
        {
            t.FromFirm = own;
        }
    }

    /// <summary>§4.2 step 2: the policy number as an integer (leading zeros dropped, original quirk reproduced); null
    /// when it is not an integer.</summary>
    public static string? IdPac(string number)
    {
        var trimmed = number.Trim();
        if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var digits = trimmed.TrimStart('0');
        return digits.Length == 0 ? "0" : digits;
    }
}
