namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// The parameters of an import. <see cref="MoCode"/> and <see cref="ValidFrom"/> concern the tariff CSV only (the MO
/// whose tariffs they are, the date the version takes effect); NSI books are shared by every MO.
/// </summary>
public sealed record ImportOptions(string Actor, string? MoCode = null, DateOnly? ValidFrom = null);
