using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>A PMU row of a case in the hub's terms.</summary>
public sealed record HubService(string Code, int Quantity, DateOnly Date, int ExecSpec, int ExecDoc, int ExecPodr)
{
    public string Key => $"{Code}|{Quantity}|{Date:yyyy-MM-dd}";
}

/// <summary>A source case translated into the hub's local codes: ready to merge.</summary>
public sealed record HubCase(
    string SourceKey,
    string Marker,
    CaseState State,
    string PatientKey,
    string PatientMarker,
    Dictionary<string, string?> Patient,
    Dictionary<string, string?> Visit,
    int Status,
    IReadOnlyList<HubService> Services)
{
    /// <summary>The services as the MIS sent them, compared as a set.</summary>
    public string ServicesKey => string.Join(";", Services.Select(s => s.Key).Order(StringComparer.Ordinal));
}
