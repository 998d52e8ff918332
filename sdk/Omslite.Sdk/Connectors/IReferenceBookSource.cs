namespace Omslite.Sdk.Connectors;

/// <summary>
/// Optional for a connector: the MIS's own reference books that its cases depend on, so that a clinic moving to
/// Omslite keeps its doctors' codes, local specialties, local MOs, PMU catalogue and tariffs. The hub merges them into
/// the MO's local books before it merges cases (adding and updating, never deleting).
/// </summary>
public interface IReferenceBookSource
{
    /// <summary>Reads the books; every list may be empty when the MIS has no such book.</summary>
    Task<SourceReferenceBooks> ReadReferenceBooksAsync(SourceConnection connection, CancellationToken cancellationToken);
}

/// <summary>The reference books an MIS brings.</summary>
public sealed record SourceReferenceBooks
{
    /// <summary>Local specialties and their PRVS/profile pair.</summary>
    public IReadOnlyList<SourceSpecialty> Specialties { get; init; } = [];

    /// <summary>Doctors with their local specialty, code and SNILS.</summary>
    public IReadOnlyList<SourceDoctor> Doctors { get; init; } = [];

    /// <summary>Regional MOs by short code.</summary>
    public IReadOnlyList<SourceLocalMo> LocalMos { get; init; } = [];

    /// <summary>Regional insurers (code "0" = the territorial fund).</summary>
    public IReadOnlyList<SourceSmo> Smos { get; init; } = [];

    /// <summary>The appointment-service PMU codes of each profile.</summary>
    public IReadOnlyList<SourceProfileService> ProfileServices { get; init; } = [];

    /// <summary>The PMU catalogue.</summary>
    public IReadOnlyList<SourcePmu> Pmu { get; init; } = [];

    /// <summary>Tariff versions, each a full price list effective from a date.</summary>
    public IReadOnlyList<SourceTariffVersion> Tariffs { get; init; } = [];
}

/// <summary>A local specialty: the MO's own number for a PRVS (V021) / profile (V002) pair, e.g. 63 → 60 / 78.</summary>
public sealed record SourceSpecialty(int Spec, string Name, int? Prvs, int? Profile);

/// <summary>A doctor: local specialty and code (the pair a visit names), SNILS, name.</summary>
public sealed record SourceDoctor(int Spec, int Code, string Name, string? Snils);

/// <summary>A regional MO: 3-character short code (leading zeros kept), 6-digit F003 code, names.</summary>
public sealed record SourceLocalMo(string ShortCode, string Code, string ShortName, string Name);

/// <summary>A regional insurer.</summary>
public sealed record SourceSmo(string Code, string Okato, string Name);

/// <summary>The appointment services of a profile: single visit and multi-visit episode codes.</summary>
public sealed record SourceProfileService(int Profile, string? OneVisit, string? TwoVisit);

/// <summary>A PMU catalogue entry.</summary>
public sealed record SourcePmu(string Code, int? ShortNumber, string Name, int? Unit, int? Spec);

/// <summary>A full price list effective from a date.</summary>
public sealed record SourceTariffVersion(DateOnly ValidFrom, IReadOnlyList<SourceTariff> Prices);

/// <summary>The mutual-settlement price of one PMU.</summary>
public sealed record SourceTariff(string Code, string Name, decimal Price);
