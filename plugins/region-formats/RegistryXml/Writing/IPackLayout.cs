using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// A region's side of one pack run (made for one request): what a case comes to, which XML files the pack has and
/// their headers, and the zip's name. <see cref="PackWriter"/> does the rest.
/// </summary>
public interface IPackLayout
{
    /// <summary>The zip's file name, e.g. <c>H25099911101.zip</c>.</summary>
    string ZipName { get; }

    /// <summary>Checks one case and builds its record lines, one per file of <see cref="Files"/>, in that order. The
    /// lines are used before the next case is built, so a layout may reuse them.</summary>
    /// <param name="registryCase">The case.</param>
    /// <param name="persons">The persons (<see cref="CaseLines.Person"/>) already written: a case of a known person
    /// has no L line.</param>
    CaseLines Build(RegistryCase registryCase, IReadOnlySet<string> persons);

    /// <summary>The XML files of the pack in zip order, with their headers for the totals of the run.</summary>
    IReadOnlyList<PackFile> Files(PackTotals totals);
}

/// <summary>What one case came to: its record lines, or the problem that excludes it.</summary>
/// <param name="Person">The key of the L file (ID_PAC); empty for an excluded case.</param>
/// <param name="Lines">One line per file of the pack, in the order of <see cref="IPackLayout.Files"/>; null where the
/// case writes nothing into that file (the PERS of a known person).</param>
/// <param name="Amount">What the case adds to the pack's total (SUMV).</param>
/// <param name="Problem">Why the case is excluded; null when it passed.</param>
public sealed record CaseLines(string Person, IReadOnlyList<RecordLine?> Lines, decimal Amount, CaseProblem? Problem)
{
    /// <summary>An excluded case.</summary>
    public static CaseLines Failed(CaseProblem problem) => new("", [], 0m, problem);
}

/// <summary>The counts and sums of the passing cases, for the headers.</summary>
/// <param name="Records">The cases written (SD_Z).</param>
/// <param name="Persons">The distinct persons (PERS).</param>
/// <param name="Amount">Σ of <see cref="CaseLines.Amount"/>.</param>
public sealed record PackTotals(int Records, int Persons, decimal Amount);
