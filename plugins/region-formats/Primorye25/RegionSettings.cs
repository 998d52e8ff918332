using Omslite.RegionFormats.RegistryXml;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25;

/// <summary>
/// The MO and region values of region 25 (D2.9), read from the MO record with the original's values as defaults:
/// a 3-character short code, PLAT 25011, PROFIL_M 31, MOP 1. README.md "MO settings" lists them.
/// </summary>
internal static class RegionSettings
{
    private static readonly MoDefaults Defaults = new() { ShortCodeLength = 3, Plat = "25011", ProfilM = "31", Mop = "1" };

    /// <summary>Reads the settings; a value that cannot be used is a <see cref="RegionFormatException"/>.</summary>
    public static MoSettings From(RegistryMo mo) => MoSettings.Read(mo, Defaults);
}
