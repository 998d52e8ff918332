namespace Omslite.Hub.Visits;

/// <summary>
/// The editable fields of a visit (talon): the "Талон", "Направление", "Полис на дату" and "ДС" tabs of ui.md §3.5.
/// <c>UslOk</c>, <c>PolicyType</c> and the referral date default are computed by the hub on save.
/// </summary>
public sealed record VisitFields
{
    public DateOnly? OpenDate { get; init; }
    public DateOnly? CloseDate { get; init; }
    public int? ReportYear { get; init; }
    public int? ReportMonth { get; init; }
    public bool Mek { get; init; }
    public bool Urgent { get; init; }
    public bool FirstVisit { get; init; } = true;
    public int? IstFin { get; init; }
    public int? Purpose { get; init; }
    public int? DocSpec { get; init; }
    public int? DocCode { get; init; }
    public string? Ds1 { get; init; }
    public int? Char1 { get; init; }
    public string? Ds2 { get; init; }
    public int? Char2 { get; init; }
    public int? Ishod { get; init; }
    public int? Rslt { get; init; }
    public int? TravmaType { get; init; }
    public int? Finality { get; init; }
    public int VisitPol { get; init; }
    public int VisitHome { get; init; }
    public int PolDays { get; init; }
    public int HomeDays { get; init; }
    public int VisitDaystac { get; init; }
    public int VisitHomstac { get; init; }
    public int DaysAtDaystac { get; init; }
    public int DaysAtHomstac { get; init; }
    public DateOnly? NprDate { get; init; }
    public string? NprMo { get; init; }
    public int? NprSpec { get; init; }
    public string? NprNumber { get; init; }
    public string? HospMo { get; init; }
    public string? HospNumber { get; init; }
    public bool HospUrgent { get; init; }
    public string? PolicySeries { get; init; }
    public string? PolicyNumber { get; init; }
    public string? Smo { get; init; }
    public string? SmoOkato { get; init; }
    public string? DType { get; init; }
    public int? ProfK { get; init; }
    public string? Ksg { get; init; }
    public string? Ksk { get; init; }
    public string? Sh { get; init; }

    /// <summary>Derived: 3 outpatient, 2 day hospital.</summary>
    public int? UslOk { get; init; }

    /// <summary>Derived from the visit's own policy, when it has one.</summary>
    public int? PolicyType { get; init; }
}

/// <summary>The patient a visit belongs to, as the visit editor shows it (ui.md §3.5.2).</summary>
public sealed record VisitPatient(long Id, string CardNumber, string? Fam, string? Im, string? Ot, DateOnly? BirthDate, string? Dost,
    string? DulSeries, string? DulNumber, string? MoAtt, string? PolicySeries, string? PolicyNumber, string? Smo, string? SmoOkato);

/// <summary>A visit as the API returns it. Status: 0 deleted, 1 open, 2 closed/sent.</summary>
public sealed record VisitRecord(
    long Id, int Number, int Version, int Status, VisitPatient Patient, VisitFields Fields, string? Source, string? ReviewReason = null)
{
    public bool Editable => Status == VisitStatus.Open;
}

/// <summary>Create: the patient and the fields. Update: the fields and the version the edit was based on.</summary>
public sealed record VisitCreate(long PatientId, VisitFields Fields);

public sealed record VisitSave(VisitFields Fields, int? Version);

public static class VisitStatus
{
    public const int Deleted = 0;
    public const int Open = 1;
    public const int Closed = 2;
}
