namespace Omslite.Hub.Sync;

/// <summary>What a run did with the cases it read; the names are the <c>sync --json</c> contract.</summary>
public sealed class SyncCounts
{
    public int Read { get; set; }
    public int New { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Conflicts { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
}
