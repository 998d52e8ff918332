namespace Omslite.Sdk.Connectors;

/// <summary>Whether the MIS still has the case as a completed OMS service.</summary>
public enum CaseState
{
    /// <summary>Completed and billable under OMS: the hub keeps it.</summary>
    Completed,

    /// <summary>Cancelled, deleted or no longer OMS in the MIS: the hub deletes it (or flags it, once sent).</summary>
    Cancelled,
}

/// <summary>
/// One case as the MIS has it, in federal codes: the patient, the visit, its services and referral. Every part has a
/// stable key in the MIS; <see cref="ChangeMarker"/> changes whenever anything of the case changes (a modification
/// stamp, or a hash of the content).
/// </summary>
public sealed record SourceCase
{
    /// <summary>The visit's stable key in the MIS (e.g. the appointment id).</summary>
    public required string SourceKey { get; init; }

    /// <summary>Changes when anything of the case changes; the hub skips a case whose marker it has seen.</summary>
    public required string ChangeMarker { get; init; }

    /// <summary>Whether the MIS still has the case as a completed OMS service.</summary>
    public CaseState State { get; init; } = CaseState.Completed;

    /// <summary>The patient (card).</summary>
    public required SourcePatient Patient { get; init; }

    /// <summary>The visit (talon).</summary>
    public required SourceVisit Visit { get; init; }

    /// <summary>The performed services (PMU rows).</summary>
    public IReadOnlyList<SourceService> Services { get; init; } = [];

    /// <summary>The referral, when the case came with one.</summary>
    public SourceReferral? Referral { get; init; }
}

/// <summary>The patient (card) of a case.</summary>
public sealed record SourcePatient
{
    /// <summary>The patient's stable key in the MIS.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The card number the clinic knows the patient by.</summary>
    public required string CardNumber { get; init; }

    /// <summary>Surname.</summary>
    public string? Fam { get; init; }
    /// <summary>First name.</summary>
    public string? Im { get; init; }
    /// <summary>Patronymic.</summary>
    public string? Ot { get; init; }

    /// <summary>"м" or "ж".</summary>
    public string? Sex { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Old-style policy series; empty for ЕНП and temporary certificates.</summary>
    public string? PolicySeries { get; init; }

    /// <summary>Policy number: 16-digit ЕНП, 9-digit temporary certificate, or an old policy number.</summary>
    public string? PolicyNumber { get; init; }

    /// <summary>The insurer's F002 code (e.g. 25011); "0" when the territorial fund pays.</summary>
    public string? SmoCode { get; init; }

    /// <summary>The insurer's region OKATO (e.g. 05000).</summary>
    public string? SmoOkato { get; init; }

    /// <summary>Identity document type, F011 (14 = passport).</summary>
    public int? DulType { get; init; }
    /// <summary>Document series; a passport series with a space: "05 03".</summary>
    public string? DulSeries { get; init; }
    /// <summary>Document number.</summary>
    public string? DulNumber { get; init; }
    /// <summary>Date of issue.</summary>
    public DateOnly? DulDate { get; init; }
    /// <summary>Issuing office.</summary>
    public string? DulIssuer { get; init; }

    /// <summary>The patient's SNILS (11 digits).</summary>
    public string? Snils { get; init; }

    /// <summary>The 6-digit F003 code of the MO the patient is attached to.</summary>
    public string? AttachmentMoCode { get; init; }

    /// <summary>Social category (SOC).</summary>
    public int? Soc { get; init; }

    /// <summary>Address: city.</summary>
    public string? City { get; init; }
    /// <summary>Address: street.</summary>
    public string? Street { get; init; }
    /// <summary>Address: house.</summary>
    public string? House { get; init; }
    /// <summary>Address: flat.</summary>
    public string? Flat { get; init; }
    /// <summary>Contact phone.</summary>
    public string? Phone { get; init; }

    /// <summary>A second (home) phone. Since SDK 1.2.</summary>
    public string? HomePhone { get; init; }

    /// <summary>The OKATO of the territory that issued the policy (ST_OKATO). Since SDK 1.2.</summary>
    public string? StOkato { get; init; }

    /// <summary>The insurer's OGRN, for an insurer outside the region's book. Since SDK 1.2.</summary>
    public string? SmoOgrn { get; init; }

    /// <summary>The insurer's name, for an insurer outside the region's book. Since SDK 1.2.</summary>
    public string? SmoName { get; init; }

    /// <summary>The code of the office that issued the identity document (ФМС/МВД, "123-456"). Since SDK 1.2.</summary>
    public string? DulIssuerCode { get; init; }

    /// <summary>Employment (VZ): 1 worker, 2 military, 3 pensioner, 4 student, 5 unemployed, 6 other; none when the
    /// MIS does not keep it (the region format then works it out from the age). Since SDK 1.2.</summary>
    public int? Employment { get; init; }
}

/// <summary>The visit (talon) of a case.</summary>
public sealed record SourceVisit
{
    /// <summary>First day of the visit (DATE_1).</summary>
    public required DateOnly OpenDate { get; init; }

    /// <summary>Last day of the visit (DATE_2).</summary>
    public required DateOnly CloseDate { get; init; }

    /// <summary>The report month when the MIS has one; otherwise the hub takes the month of the close date.</summary>
    public ReportPeriod? ReportPeriod { get; init; }

    /// <summary>Already handed to TFOMS in the MIS (the original system's closed/sent visits).</summary>
    public bool Sent { get; init; }

    /// <summary>Refused at MEK.</summary>
    public bool Mek { get; init; }

    /// <summary>Urgent care (FOR_POM 2) rather than planned (3).</summary>
    public bool Urgent { get; init; }

    /// <summary>A first (primary) visit.</summary>
    public bool FirstVisit { get; init; } = true;

    /// <summary>The regional purpose code (e.g. 4 "Профосмотры" for diagnostics).</summary>
    public int? Purpose { get; init; }

    /// <summary>The doctor's SNILS (11 digits): how the hub finds the doctor.</summary>
    public string? DoctorSnils { get; init; }

    /// <summary>The doctor's name as the MIS has it, for a doctor the hub does not know yet.</summary>
    public string? DoctorName { get; init; }

    /// <summary>The doctor's specialty, V021 (e.g. 60 radiologist).</summary>
    public int? Prvs { get; init; }

    /// <summary>The profile of care, V002 (e.g. 78).</summary>
    public int? Profile { get; init; }

    /// <summary>Main diagnosis, MKB-10.</summary>
    public string? Ds1 { get; init; }

    /// <summary>Secondary diagnosis, MKB-10.</summary>
    public string? Ds2 { get; init; }

    /// <summary>Character of the disease, V027.</summary>
    public int? CZab { get; init; }

    /// <summary>Outcome (ISHOD): V012 or the region's short code.</summary>
    public int? Ishod { get; init; }

    /// <summary>Result (RSLT): V009 or the region's short code.</summary>
    public int? Rslt { get; init; }

    /// <summary>Outpatient visits (1 for a diagnostic study).</summary>
    public int VisitPol { get; init; } = 1;

    /// <summary>Home visits.</summary>
    public int VisitHome { get; init; }

    /// <summary>
    /// The visit's number in the MIS (the talon number), which packs send as IDCASE and NHISTORY: the hub keeps it as
    /// the visit's number when no other visit of the MO has it, else gives the visit a number of its own. Since SDK 1.2.
    /// </summary>
    public int? Number { get; init; }

    /// <summary>The policy on the visit date, when the MIS keeps one apart from the card's (it wins over the card's in
    /// packs). Since SDK 1.2.</summary>
    public SourcePolicy? Policy { get; init; }
}

/// <summary>A policy as it was on a visit's date. Since SDK 1.2.</summary>
public sealed record SourcePolicy
{
    /// <summary>Old-style policy series; empty for ЕНП and temporary certificates.</summary>
    public string? Series { get; init; }

    /// <summary>Policy number: 16-digit ЕНП, 9-digit temporary certificate, or an old policy number.</summary>
    public string? Number { get; init; }

    /// <summary>The insurer's F002 code; "0" when the territorial fund pays.</summary>
    public string? SmoCode { get; init; }

    /// <summary>The insurer's region OKATO.</summary>
    public string? SmoOkato { get; init; }
}

/// <summary>A performed service (PMU row) of a case.</summary>
public sealed record SourceService
{
    /// <summary>The stable key of the row in the MIS.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The PMU code, order 804н (e.g. A06.09.005).</summary>
    public required string Code { get; init; }

    /// <summary>How many times the service was performed.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>The date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The executor's SNILS, when it is not the visit's doctor.</summary>
    public string? DoctorSnils { get; init; }

    /// <summary>The executing unit (department) code.</summary>
    public int? Unit { get; init; }
}

/// <summary>The referral a case came with.</summary>
public sealed record SourceReferral
{
    /// <summary>The 6-digit F003 code of the referring MO.</summary>
    public string? MoCode { get; init; }

    /// <summary>The referral number.</summary>
    public string? Number { get; init; }

    /// <summary>The referral date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The referring doctor's specialty, V021.</summary>
    public int? Prvs { get; init; }
}
