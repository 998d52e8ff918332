namespace Omslite.Hub.Patients;

/// <summary>
/// The editable fields of a patient card (ui.md §3.3), as the API takes them on create and update. The derived
/// fields (policy type, dost) are computed by the hub, never taken from the client.
/// </summary>
public sealed record PatientFields
{
    public string? CardNumber { get; init; }
    public string? Fam { get; init; }
    public string? Im { get; init; }
    public string? Ot { get; init; }
    public string? Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public int? DulType { get; init; }
    public string? DulSeries { get; init; }
    public string? DulNumber { get; init; }
    public DateOnly? DulDate { get; init; }
    public string? DulIssuer { get; init; }
    public string? UfmsCode { get; init; }
    public string? PolicySeries { get; init; }
    public string? PolicyNumber { get; init; }
    public string? Smo { get; init; }
    public string? SmoOkato { get; init; }
    public string? StOkato { get; init; }
    public string? SmoOgrn { get; init; }
    public string? SmoName { get; init; }
    public string? Snils { get; init; }
    public string? MoAtt { get; init; }
    public int? Soc { get; init; }
    public int? Vz { get; init; }
    public string? City { get; init; }
    public string? Street { get; init; }
    public string? House { get; init; }
    public string? Building { get; init; }
    public string? Flat { get; init; }
    public string? PhoneMobile { get; init; }
    public string? PhoneContact { get; init; }

    /// <summary>Derived: 3 ЕНП, 2 temporary certificate, 1 old policy, 0 unknown.</summary>
    public int PolicyType { get; init; }

    /// <summary>Derived: "1_" no patronymic, "2_" no surname, "3_" no first name, concatenated.</summary>
    public string? Dost { get; init; }
}

/// <summary>A card as the API returns it.</summary>
public sealed record PatientRecord(long Id, int Version, PatientFields Fields, string? Source, int VisitCount);

/// <summary>A create or update request: the fields, and on update the version the edit was based on.</summary>
public sealed record PatientSave(PatientFields Fields, int? Version);
