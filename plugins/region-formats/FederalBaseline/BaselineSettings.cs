using Omslite.RegionFormats.RegistryXml;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// The MO settings of the federal baseline (D2.9). No region gives defaults here: the receiver is the MO's region
/// code, and the constants a region would decide (PLAT, LPU_1, PROFIL_M, MOP) must be set on the MO. The values a
/// region's payment rules would compute (IDSP, VIDPOM, P_CEL) are MO settings with defaults for a CT/MRI centre,
/// overridden per visit. README.md lists them.
/// </summary>
internal sealed record BaselineSettings(MoSettings Mo, int Idsp, string Vidpom, string PCel)
{
    /// <summary>The setting names in the MO's <c>settings</c> object, beyond <see cref="MoSettings.Keys"/>.</summary>
    public static class Keys
    {
        /// <summary>IDSP when the visit does not override it.</summary>
        public const string Idsp = "idsp";

        /// <summary>VIDPOM when the visit does not override it.</summary>
        public const string Vidpom = "vidpom";

        /// <summary>P_CEL of a planned outpatient visit when the visit does not override it.</summary>
        public const string PCel = "pCel";
    }

    /// <summary>Reads the settings for a version of the format.</summary>
    /// <exception cref="RegionFormatException">A value cannot be used, or one the version writes is not set (all the
    /// missing ones are named at once).</exception>
    public static BaselineSettings From(RegistryMo mo, FormatRules rules)
    {
        var settings = MoSettings.Read(mo, new MoDefaults());
        if (!MoSettings.IsDigits(settings.RegionCode, 2, 2))
        {
            throw new RegionFormatException($"Код региона МО (ТФОМС-получатель в именах файлов) должен состоять из 2 цифр: «{settings.RegionCode}»");
        }

        var missing = new List<string>();
        Require(rules, "LPU_1", settings.Lpu1, "LPU_1", missing);
        Require(rules, "PLAT", settings.Plat, "PLAT", missing);
        Require(rules, "PROFIL_M", settings.ProfilM, $"PROFIL_M (settings.{MoSettings.Keys.ProfilM})", missing);
        Require(rules, "MOP", settings.Mop, $"MOP (settings.{MoSettings.Keys.Mop})", missing);
        if (missing.Count > 0)
        {
            throw new RegionFormatException($"Для формата federal-baseline в настройках МО не заданы: {string.Join(", ", missing)}");
        }

        var idsp = mo.Setting(Keys.Idsp, "28")!.Trim();
        var vidpom = mo.Setting(Keys.Vidpom, "13")!.Trim();
        var pCel = mo.Setting(Keys.PCel, "2.1")!.Trim();
        return new BaselineSettings(
            settings,
            MoSettings.IsDigits(idsp, 1, 2) ? int.Parse(idsp, System.Globalization.CultureInfo.InvariantCulture) : throw MoSettings.Bad(Keys.Idsp, idsp, "код V010"),
            MoSettings.IsDigits(vidpom, 1, 2) ? vidpom : throw MoSettings.Bad(Keys.Vidpom, vidpom, "код V008"),
            PCelCode(pCel) ? pCel : throw MoSettings.Bad(Keys.PCel, pCel, "код V025, например 2.1"));
    }

    /// <summary>A V025 code: a digit, a dot, a digit.</summary>
    public static bool PCelCode(string value) =>
        value.Length == 3 && char.IsAsciiDigit(value[0]) && value[1] == '.' && char.IsAsciiDigit(value[2]);

    private static void Require(FormatRules rules, string tag, string? value, string name, List<string> missing)
    {
        if (rules.HasH(tag) && value is null)
        {
            missing.Add(name);
        }
    }
}
