using Omslite.Sdk.Connectors;

namespace Omslite.Sdk.Registry;

/// <summary>What pack to run.</summary>
public sealed record PackRequest
{
    /// <summary>The MO, with its settings.</summary>
    public required RegistryMo Mo { get; init; }

    /// <summary>The report month.</summary>
    public required ReportPeriod Period { get; init; }

    /// <summary>The pack number of the month, 1–9 (D2.2); a format refuses anything else.</summary>
    public required int Number { get; init; }

    /// <summary>Check only: no files, no zip; the counts and problems are still returned.</summary>
    public bool CheckOnly { get; init; }

    /// <summary>Stop after this many cases passed; 0 = all.</summary>
    public int Limit { get; init; }

    /// <summary>The run date written into the files (file dates, invoice date).</summary>
    public required DateOnly RunDate { get; init; }

    /// <summary>Signs each file of the pack (since SDK 1.2); null when the pack is not to be signed. A format that
    /// cannot sign refuses a request that carries one.</summary>
    public IPackSigner? Signer { get; init; }

    /// <summary>A private, existing directory the format may use for scratch files during the run (it removes
    /// them before returning).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>
    /// Called by the format once the cases of the pack are final — every file built and valid — before it signs and
    /// zips the files (since SDK 1.3), so that the host can record the pack while the zip is being written. The
    /// argument has the counts, <see cref="PackResult.Included"/> and the problems, but no file name or entries yet.
    /// Called at most once, never in a check-only run; it returns at once. A run that fails after it still throws as
    /// usual, and the host then discards what it started. A format built for an older SDK never calls it.
    /// </summary>
    public Action<PackResult>? Selected { get; init; }

    /// <summary>
    /// Called by the format while the pack is built (since SDK 1.4) with the visit ids of cases it has put in the pack,
    /// a batch at a time, in pack order: together, the batches are <see cref="PackResult.Included"/> of the pack it
    /// writes. The host records the pack's visits (and marks them sent) while the format goes on building, in a
    /// transaction it commits only once the zip is stored, so a run that fails later changes nothing. The batch is the
    /// host's to keep; the call returns at once. In a check-only run the batches are the cases that passed the check
    /// (the run's <see cref="PackResult.Included"/>), which the host records with the check; a format may leave them
    /// out there, and one built for an older SDK never calls it: the host then records the run once the format is
    /// done (a pack after <see cref="Selected"/>, as before).
    /// </summary>
    public Action<IReadOnlyList<long>>? Including { get; init; }
}

/// <summary>The outcome of a pack run.</summary>
public sealed record PackResult
{
    /// <summary>The zip's file name (e.g. <c>H25099911101.zip</c>); null when no zip was written (check-only, or no
    /// case passed).</summary>
    public string? FileName { get; init; }

    /// <summary>The names of the files inside the zip, in archive order.</summary>
    public IReadOnlyList<string> Entries { get; init; } = [];

    /// <summary>The cases that passed (written, or that would be written in check-only mode).</summary>
    public int Records { get; init; }

    /// <summary>The distinct persons among them (the L-file records).</summary>
    public int Persons { get; init; }

    /// <summary>The hub visit ids of the cases that passed, in the order written; the hub marks these sent.</summary>
    public IReadOnlyList<long> Included { get; init; } = [];

    /// <summary>The excluded cases and why, in the order met.</summary>
    public IReadOnlyList<CaseProblems> Problems { get; init; } = [];

    /// <summary>The number of excluded cases.</summary>
    public int Excluded => Problems.Count;
}
