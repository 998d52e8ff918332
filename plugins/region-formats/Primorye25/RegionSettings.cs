using System.Globalization;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25;

/// <summary>
/// The MO and region values the format writes instead of literals (D2.9), read from the MO record and its settings.
/// Names of the <c>settings</c> keys: README.md "MO settings".
/// </summary>
internal sealed record RegionSettings
{
    /// <summary>The 6-digit F003 code.</summary>
    public required string MoCode { get; init; }

    /// <summary>The 3-character short code, leading zeros kept.</summary>
    public required string ShortMo { get; init; }

    /// <summary>The receiver code in file names (<c>T25</c>).</summary>
    public required string RegionCode { get; init; }

    /// <summary>The prefix that makes a 6-digit MO code of a short code ("250").</summary>
    public required string RegionPrefix { get; init; }

    /// <summary>The insurer OKATO of local patients ("05000").</summary>
    public required string LocalOkato { get; init; }

    /// <summary>LPU_1; null when the MO has none.</summary>
    public string? Lpu1 { get; init; }

    /// <summary>PLAT ("25011" when not set).</summary>
    public required string Plat { get; init; }

    /// <summary>PROFIL_M (31 when not set).</summary>
    public required string ProfilM { get; init; }

    /// <summary>MOP (1 when not set).</summary>
    public required string Mop { get; init; }

    /// <summary>VZ: below this age a patient is a student (4).</summary>
    public required int VzStudentBelow { get; init; }

    /// <summary>VZ: below this age (and not a student) a patient is a worker (1); otherwise a pensioner (3).</summary>
    public required int VzWorkerBelow { get; init; }

    /// <summary>The setting names in the MO's <c>settings</c> object.</summary>
    public static class Keys
    {
        /// <summary>PROFIL_M.</summary>
        public const string ProfilM = "profilM";

        /// <summary>MOP.</summary>
        public const string Mop = "mop";

        /// <summary>The MO-code prefix of the region.</summary>
        public const string RegionPrefix = "regionPrefix";

        /// <summary>VZ student age limit.</summary>
        public const string VzStudentBelow = "vzStudentBelow";

        /// <summary>VZ worker age limit.</summary>
        public const string VzWorkerBelow = "vzWorkerBelow";
    }

    /// <summary>Reads the settings; a value that cannot be used is a <see cref="RegionFormatException"/>.</summary>
    public static RegionSettings From(RegistryMo mo)
    {
        if (!IsDigits(mo.Code, 6, int.MaxValue))
        {
            throw new RegionFormatException($"Код МО не соответствует шаблону (не менее 6 цифр): {mo.Code}");
        }

        if (mo.ShortCode is not { Length: 3 })
        {
            throw new RegionFormatException($"Краткий код МО должен состоять из 3 символов: {mo.ShortCode}");
        }

        var prefix = mo.Setting(Keys.RegionPrefix, mo.Code[..3])!;
        return new RegionSettings
        {
            MoCode = mo.Code,
            ShortMo = mo.ShortCode,
            RegionCode = mo.Region,
            RegionPrefix = IsDigits(prefix, 3, 3) ? prefix : throw Bad(Keys.RegionPrefix, prefix, "3 цифры"),
            LocalOkato = mo.Okato,
            Lpu1 = string.IsNullOrWhiteSpace(mo.Lpu1) ? null : mo.Lpu1.Trim(),
            Plat = string.IsNullOrWhiteSpace(mo.Plat) ? "25011" : mo.Plat.Trim(),
            ProfilM = Digits(mo, Keys.ProfilM, "31"),
            Mop = Digits(mo, Keys.Mop, "1"),
            VzStudentBelow = Age(mo, Keys.VzStudentBelow, 24),
            VzWorkerBelow = Age(mo, Keys.VzWorkerBelow, 65),
        };
    }

    private static string Digits(RegistryMo mo, string key, string fallback)
    {
        var value = mo.Setting(key, fallback)!.Trim();
        return IsDigits(value, 1, 4) ? value : throw Bad(key, value, "целое число");
    }

    private static int Age(RegistryMo mo, string key, int fallback)
    {
        var value = mo.Setting(key);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age is > 0 and < 150
            ? age
            : throw Bad(key, value, "возраст в годах");
    }

    private static bool IsDigits(string? value, int min, int max) =>
        value is not null && value.Length >= min && value.Length <= max && value.All(char.IsAsciiDigit);

    private static RegionFormatException Bad(string key, string value, string expected) =>
        new($"Настройка МО «{key}» неверна: «{value}» (ожидается {expected})");
}
