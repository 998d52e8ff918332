namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>What an NSI XML file holds: its header (<c>zglv</c>) type and version, and its records in file order.</summary>
internal sealed record NsiXmlFile(string? Type, string? Version, IReadOnlyList<NsiRecord> Records);
