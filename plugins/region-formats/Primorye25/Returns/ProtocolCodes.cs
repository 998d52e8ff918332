using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Which error codes of a protocol are kept (D3): the MO settings <c>flkIgnoreCodes</c> (default <c>824</c>, the
/// duplicate-case code; <c>none</c> ignores nothing) and, optionally, <c>flkOnlyCodes</c> (keep only these).
/// Codes are separated by commas, semicolons or spaces.
/// </summary>
internal sealed class ProtocolCodes
{
    public const string IgnoreSetting = "flkIgnoreCodes";
    public const string OnlySetting = "flkOnlyCodes";
    public const string DefaultIgnored = "824";

    private readonly HashSet<string> _ignored;
    private readonly HashSet<string>? _only;

    private ProtocolCodes(HashSet<string> ignored, HashSet<string>? only)
    {
        _ignored = ignored;
        _only = only;
    }

    public static ProtocolCodes For(RegistryMo mo)
    {
        var ignored = mo.Setting(IgnoreSetting, DefaultIgnored)!;
        var only = mo.Setting(OnlySetting);
        return new ProtocolCodes(
            ignored.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : Split(ignored),
            only is null ? null : Split(only));
    }

    public bool Keeps(string code) => !_ignored.Contains(code) && (_only is null || _only.Contains(code));

    private static HashSet<string> Split(string list) =>
        list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
