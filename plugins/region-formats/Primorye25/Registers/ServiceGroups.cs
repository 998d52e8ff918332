using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Registers;

/// <summary>A study group of the calculations: the codes starting with a prefix, printed on the sheet of its name.</summary>
/// <param name="Sheet">The group's short name, also the sheet name in the templates (e.g. <c>МРТ</c>).</param>
/// <param name="Prefix">The PMU code prefix (e.g. <c>A05</c>).</param>
internal sealed record ServiceGroup(string Sheet, string Prefix);

/// <summary>
/// The study groups of the calculations (workflows.md §4), in order: the MO setting <c>serviceGroups</c>
/// (<c>МРТ=A05;КТ=A06</c> by default). A template for the per-MO registers and the summaries must have a sheet per group.
/// </summary>
internal static class ServiceGroups
{
    public const string Setting = "serviceGroups";

    public static IReadOnlyList<ServiceGroup> Default { get; } = [new("МРТ", "A05"), new("КТ", "A06")];

    public static IReadOnlyList<ServiceGroup> For(RegistryMo mo)
    {
        if (mo.Setting(Setting) is not { } text)
        {
            return Default;
        }

        var groups = new List<ServiceGroup>();
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new RegionFormatException($"Настройка МО {Setting}: «{item}» — ожидается ЛИСТ=ПРЕФИКС, например МРТ=A05");
            }

            groups.Add(new ServiceGroup(parts[0], parts[1]));
        }

        return groups;
    }

    /// <summary>The group of a code, or null when it belongs to none.</summary>
    public static ServiceGroup? Of(this IReadOnlyList<ServiceGroup> groups, string code) =>
        groups.FirstOrDefault(g => code.StartsWith(g.Prefix, StringComparison.OrdinalIgnoreCase));
}
