using Omslite.Sdk.Connectors;
using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Registry;

/// <summary>
/// A region format: the registry rules and files of one TFOMS. It checks canonical <see cref="RegistryCase"/>s and
/// writes the monthly registry pack. An MO chooses its format by plugin id (the MO setting <c>region_format</c>,
/// e.g. <c>primorye-25</c>).
/// </summary>
/// <remarks>
/// <para>
/// This is the core every region format implements. Further capabilities (reading the TFOMS error protocol, reading
/// invoices, writing registers, calculations) are separate optional interfaces that the same entry class may also
/// implement; the hub asks for them with a type test, so a format that lacks one simply does not offer it.
/// </para>
/// <para>
/// One instance serves every MO that names the format, possibly from several requests at once: an implementation
/// keeps no per-run state in fields; everything arrives in the arguments (<see cref="RegistryMo"/>,
/// <see cref="PackRequest"/>).
/// </para>
/// <para>
/// Yearly rule changes are data (D8): <see cref="Versions"/> lists the format versions with the report period each
/// takes effect from, and <see cref="FormatVersions.For"/> picks the one of a period.
/// </para>
/// </remarks>
public interface IRegionFormat : IPlugin
{
    /// <summary>Human-readable name, e.g. "ТФОМС Приморского края (25)".</summary>
    string Name { get; }

    /// <summary>The two-digit region code (the TFOMS receiver code), e.g. <c>25</c>.</summary>
    string Region { get; }

    /// <summary>The format versions this plugin writes, each with the first report period it applies to.</summary>
    IReadOnlyList<FormatVersion> Versions { get; }

    /// <summary>
    /// Checks one case the way a pack run would, with every check the format has (including those it runs only when
    /// checking, such as name/sex plausibility). An empty answer means the case would go into a pack.
    /// </summary>
    /// <param name="registryCase">The case.</param>
    /// <param name="mo">The MO the case belongs to, with its settings.</param>
    /// <returns>The problems; a case with any problem is excluded from a pack.</returns>
    /// <exception cref="RegionFormatException">The case cannot be checked at all: the format does not serve its report
    /// period, or the MO's settings cannot be used.</exception>
    IReadOnlyList<CaseProblem> Check(RegistryCase registryCase, RegistryMo mo);

    /// <summary>
    /// Runs a pack for one report month: checks every case, and, unless <see cref="PackRequest.CheckOnly"/>, writes
    /// the registry zip of the cases that passed to <paramref name="output"/>.
    /// </summary>
    /// <param name="request">The MO, month, pack number and flags.</param>
    /// <param name="cases">The selected cases in the order they are to be written (the hub sends them in visit
    /// number order). Enumerated once.</param>
    /// <param name="output">Where the zip goes. Nothing is written to it when no case passed, in check-only mode, or
    /// when the run fails.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The file name, the counts, the cases written and the problems of the excluded ones.</returns>
    /// <exception cref="RegionFormatException">The pack as a whole cannot be produced (an invalid month or pack
    /// number, a period the format does not serve, a missing MO setting, a file that fails its schema); the message
    /// is Russian, for the user. The caller discards whatever reached <paramref name="output"/>.</exception>
    Task<PackResult> WritePackAsync(PackRequest request, IAsyncEnumerable<RegistryCase> cases, Stream output, CancellationToken cancellationToken);
}

/// <summary>One version of a region's registry format and the first report period it applies to.</summary>
/// <param name="ValidFrom">The first report period written in this version.</param>
/// <param name="Files">The version of each file kind, e.g. <c>H → 6.0</c>, <c>L → 3.2</c>, <c>P → —</c>.</param>
/// <param name="Note">What changed, for the documentation and the UI, e.g. "добавлены PLAT, MO_PR, VZ".</param>
public sealed record FormatVersion(ReportPeriod ValidFrom, IReadOnlyDictionary<string, string> Files, string Note);

/// <summary>Helpers over a list of <see cref="FormatVersion"/>s.</summary>
public static class FormatVersions
{
    /// <summary>The version in effect for <paramref name="period"/>: the newest whose <see cref="FormatVersion.ValidFrom"/>
    /// is not later than it; null when the period is older than every version.</summary>
    public static FormatVersion? For(this IEnumerable<FormatVersion> versions, ReportPeriod period) =>
        versions
            .Where(v => (v.ValidFrom.Year, v.ValidFrom.Month).CompareTo((period.Year, period.Month)) <= 0)
            .MaxBy(v => (v.ValidFrom.Year, v.ValidFrom.Month));
}

/// <summary>A failure of a whole pack run (not of one case), with a Russian message for the user.</summary>
public sealed class RegionFormatException : Exception
{
    /// <summary>Creates the failure.</summary>
    public RegionFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the failure with its cause.</summary>
    public RegionFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
