namespace Omslite.Hub.Sync;

/// <summary>A stored patient or visit as the field-by-field merge reads it: what the MIS sent last and the row now.</summary>
internal sealed record StoredDetails(string SourceKey, long Id, string? MisValues, string Current, string? Services);
