using System.Globalization;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml;

/// <summary>
/// The MO and region values a format writes instead of literals (D2.9), read from the MO record and its
/// <c>settings</c>. Which of them a format needs, and their defaults, are the format's (<see cref="MoDefaults"/>);
/// the names of the <c>settings</c> keys are in <see cref="Keys"/>.
/// </summary>
public sealed record MoSettings
{
    /// <summary>The 6-digit F003 code.</summary>
    public required string MoCode { get; init; }

    /// <summary>The regional short code, leading zeros kept (3 characters where the region uses one).</summary>
    public required string ShortMo { get; init; }

    /// <summary>The receiver code in file names (<c>T25</c>): the region code of the MO record.</summary>
    public required string RegionCode { get; init; }

    /// <summary>The prefix that makes a 6-digit MO code of a short code ("250").</summary>
    public required string RegionPrefix { get; init; }

    /// <summary>The insurer OKATO of local patients ("05000"): the OKATO of the MO record.</summary>
    public required string LocalOkato { get; init; }

    /// <summary>LPU_1; null when the MO has none.</summary>
    public string? Lpu1 { get; init; }

    /// <summary>PLAT; null when the MO has none and the format has no default.</summary>
    public string? Plat { get; init; }

    /// <summary>PROFIL_M; null when neither the MO nor the format gives one.</summary>
    public string? ProfilM { get; init; }

    /// <summary>MOP; null when neither the MO nor the format gives one.</summary>
    public string? Mop { get; init; }

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
    /// <param name="mo">The MO record.</param>
    /// <param name="defaults">The format's defaults and demands.</param>
    public static MoSettings Read(RegistryMo mo, MoDefaults defaults)
    {
        if (!IsDigits(mo.Code, 6, int.MaxValue))
        {
            throw new RegionFormatException($"Код МО не соответствует шаблону (не менее 6 цифр): {mo.Code}");
        }

        if (defaults.ShortCodeLength is { } length && mo.ShortCode?.Length != length)
        {
            throw new RegionFormatException($"Краткий код МО должен состоять из {length} символов: {mo.ShortCode}");
        }

        var prefix = mo.Setting(Keys.RegionPrefix, mo.Code[..3])!;
        return new MoSettings
        {
            MoCode = mo.Code,
            ShortMo = mo.ShortCode ?? "",
            RegionCode = mo.Region,
            RegionPrefix = IsDigits(prefix, 3, 3) ? prefix : throw Bad(Keys.RegionPrefix, prefix, "3 цифры"),
            LocalOkato = mo.Okato,
            Lpu1 = string.IsNullOrWhiteSpace(mo.Lpu1) ? null : mo.Lpu1.Trim(),
            Plat = string.IsNullOrWhiteSpace(mo.Plat) ? defaults.Plat : mo.Plat.Trim(),
            ProfilM = Digits(mo, Keys.ProfilM, defaults.ProfilM),
            Mop = Digits(mo, Keys.Mop, defaults.Mop),
            VzStudentBelow = Age(mo, Keys.VzStudentBelow, 24),
            VzWorkerBelow = Age(mo, Keys.VzWorkerBelow, 65),
        };
    }

    /// <summary>Whether <paramref name="value"/> is ASCII digits only, of a length in [min, max].</summary>
    public static bool IsDigits(string? value, int min, int max) =>
        value is not null && value.Length >= min && value.Length <= max && value.All(char.IsAsciiDigit);

    /// <summary>The failure for a setting whose value cannot be used.</summary>
    public static RegionFormatException Bad(string key, string value, string expected) =>
        new($"Настройка МО «{key}» неверна: «{value}» (ожидается {expected})");

    private static string? Digits(RegistryMo mo, string key, string? fallback)
    {
        var value = mo.Setting(key, fallback)?.Trim();
        return value is null || IsDigits(value, 1, 4) ? value : throw Bad(key, value, "целое число");
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
}

/// <summary>What a format demands of the MO settings and what it uses when the MO leaves a value out.</summary>
public sealed record MoDefaults
{
    /// <summary>The length the short code must have (3 in region 25); null when the format does not use it.</summary>
    public int? ShortCodeLength { get; init; }

    /// <summary>PLAT when the MO has none; null for no default.</summary>
    public string? Plat { get; init; }

    /// <summary>PROFIL_M when the MO has none; null for no default.</summary>
    public string? ProfilM { get; init; }

    /// <summary>MOP when the MO has none; null for no default.</summary>
    public string? Mop { get; init; }
}
