using Omslite.Sdk.Connectors;

namespace Omslite.Sdk.Registry;

/// <summary>
/// One visit (talon) as the hub hands it to a region format: the visit, its patient, doctor, referral and services,
/// in federal codes (V-books, F002/F003/F008/F011, MKB-10, PMU codes). It is the input record of a registry pack
/// (registry-pack-25.md §3.2); another region's format reads the same record.
/// </summary>
/// <remarks>
/// The hub fills what its books know and leaves the rest null; the format decides what is required. Codes are as
/// stored: the format normalises and checks them.
/// </remarks>
public sealed record RegistryCase
{
    /// <summary>The hub's visit id.</summary>
    public required long VisitId { get; init; }

    /// <summary>The visit number: IDCASE, N_ZAP, NHISTORY.</summary>
    public required int Number { get; init; }

    /// <summary>The report month the visit is billed in (not its date).</summary>
    public required ReportPeriod ReportPeriod { get; init; }

    /// <summary>Already sent to TFOMS (status 2) rather than open (status 1).</summary>
    public bool Sent { get; init; }

    /// <summary>Refused at MEK earlier: the case is a resubmission (PR_NOV 1).</summary>
    public bool Mek { get; init; }

    /// <summary>The patient (card).</summary>
    public required RegistryPatient Patient { get; init; }

    /// <summary>The policy written on the visit ("policy on the visit date"), when it overrides the card's.</summary>
    public RegistryPolicy? VisitPolicy { get; init; }

    /// <summary>First day (DATE_1, DATE_Z_1); null only for a broken record.</summary>
    public DateOnly? OpenDate { get; init; }

    /// <summary>Last day (DATE_2, DATE_Z_2).</summary>
    public DateOnly? CloseDate { get; init; }

    /// <summary>Conditions of care, V006 (3 outpatient, 2 day stationary).</summary>
    public int? UslOk { get; init; }

    /// <summary>Form of care, V014 (2 urgent, 3 planned).</summary>
    public int? ForPom { get; init; }

    /// <summary>The regional purpose code of the visit (e.g. 4 = diagnostics in region 25).</summary>
    public int? Purpose { get; init; }

    /// <summary>Main diagnosis, MKB-10.</summary>
    public string? Ds1 { get; init; }

    /// <summary>Secondary diagnosis, MKB-10.</summary>
    public string? Ds2 { get; init; }

    /// <summary>Character of the main disease, V027.</summary>
    public int? CZab { get; init; }

    /// <summary>Result: a V009 code or the region's short form (e.g. 14).</summary>
    public int? Rslt { get; init; }

    /// <summary>Outcome: a V012 code or the region's short form (e.g. 4).</summary>
    public int? Ishod { get; init; }

    /// <summary>Outpatient visits.</summary>
    public int? VisitPol { get; init; }

    /// <summary>Home visits.</summary>
    public int? VisitHome { get; init; }

    /// <summary>The visit's local specialty code as entered (e.g. 63), for messages.</summary>
    public int? LocalSpecialty { get; init; }

    /// <summary>The visit's doctor code within the local specialty, as entered.</summary>
    public int? DoctorCode { get; init; }

    /// <summary>The specialty (PRVS/profile) of the visit's local specialty; null when the MO's specialty book
    /// does not have it.</summary>
    public RegistrySpecialty? Specialty { get; init; }

    /// <summary>The doctor's SNILS as stored; null when the doctor is not in the MO's doctor book.</summary>
    public string? DoctorSnils { get; init; }

    /// <summary>The referral (consultation/diagnostics and hospitalisation), when the visit has any.</summary>
    public RegistryReferral? Referral { get; init; }

    /// <summary>The performed services (PMU rows), in stored order.</summary>
    public IReadOnlyList<RegistryService> Services { get; init; } = [];

    /// <summary>The MO's appointment-service codes for the visit's profile (the doctor's own service that some
    /// regions bill with every case); null when the MO's profile book has none.</summary>
    public AppointmentService? Appointment { get; init; }

    /// <summary>
    /// Values set by hand on the visit that override what the format computes or its constants, keyed by the federal
    /// tag name in upper case (e.g. <c>IDSP</c>, <c>VIDPOM</c>, <c>DET</c>, <c>SUM_M</c>, <c>TYPE_PAY</c>,
    /// <c>PODR</c>, <c>LPU_1</c>, <c>PLAT</c>, <c>MOP</c>, <c>PROFIL_M</c>). Absent keys are not overridden.
    /// </summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();
}

/// <summary>The patient (card) of a case.</summary>
public sealed record RegistryPatient
{
    /// <summary>The hub's patient id.</summary>
    public required long PatientId { get; init; }

    /// <summary>The card number (CARD).</summary>
    public required string CardNumber { get; init; }

    /// <summary>Surname.</summary>
    public string? Fam { get; init; }

    /// <summary>First name.</summary>
    public string? Im { get; init; }

    /// <summary>Patronymic; null when the patient has none recorded, empty when recorded as none.</summary>
    public string? Ot { get; init; }

    /// <summary>Sex as stored: "м" or "ж".</summary>
    public string? Sex { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>The card's policy.</summary>
    public RegistryPolicy Policy { get; init; } = new();

    /// <summary>ST_OKATO: the OKATO of the territory of insurance, as stored.</summary>
    public string? StOkato { get; init; }

    /// <summary>The identity document (DUL).</summary>
    public RegistryDocument Document { get; init; } = new();

    /// <summary>The short code of the MO the patient is attached to, leading zeros kept.</summary>
    public string? AttachmentMoShortCode { get; init; }

    /// <summary>The attachment MO's 6-digit F003 code, when the MO's book of regional MOs knows the short code.</summary>
    public string? AttachmentMoCode { get; init; }

    /// <summary>Social category (SOC).</summary>
    public int? Soc { get; init; }

    /// <summary>Employment (VZ), when stored.</summary>
    public int? Vz { get; init; }
}

/// <summary>An OMS policy and its insurer.</summary>
public sealed record RegistryPolicy
{
    /// <summary>Policy type, F008 (1 old-style, 2 temporary certificate, 3 ЕНП); 0 or null = unknown.</summary>
    public int? Type { get; init; }

    /// <summary>Series (old-style policies only).</summary>
    public string? Series { get; init; }

    /// <summary>Number.</summary>
    public string? Number { get; init; }

    /// <summary>The insurer's F002 code (e.g. 25011); "0" = the territorial fund.</summary>
    public string? Smo { get; init; }

    /// <summary>The insurer's OKATO (its region), e.g. 05000.</summary>
    public string? SmoOkato { get; init; }

    /// <summary>The insurer's OGRN (out-of-region insurers without an F002 code).</summary>
    public string? SmoOgrn { get; init; }

    /// <summary>The insurer's name.</summary>
    public string? SmoName { get; init; }
}

/// <summary>An identity document (DUL).</summary>
public sealed record RegistryDocument
{
    /// <summary>Type, F011 (14 = Russian passport).</summary>
    public int? Type { get; init; }

    /// <summary>Series, e.g. "05 12".</summary>
    public string? Series { get; init; }

    /// <summary>Number.</summary>
    public string? Number { get; init; }

    /// <summary>Date of issue.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Issuing office.</summary>
    public string? Issuer { get; init; }
}

/// <summary>A local specialty in federal terms.</summary>
/// <param name="Prvs">Medical specialty, V021 (e.g. 60 radiologist); null when the book leaves it empty.</param>
/// <param name="Profil">Profile of care, V002 (e.g. 78); null when the book leaves it empty.</param>
public sealed record RegistrySpecialty(int? Prvs, int? Profil);

/// <summary>The referral fields of a visit.</summary>
public sealed record RegistryReferral
{
    /// <summary>The referring MO's regional short code as entered on the visit, leading zeros kept.</summary>
    public string? MoShortCode { get; init; }

    /// <summary>The referring MO's 6-digit F003 code, when the MO's book of regional MOs knows the short code.</summary>
    public string? MoCode { get; init; }

    /// <summary>Referral number (NAPRLECH).</summary>
    public string? Number { get; init; }

    /// <summary>Referral date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Hospitalisation referral number, when the visit is one.</summary>
    public string? HospitalisationNumber { get; init; }
}

/// <summary>A performed service (PMU row).</summary>
public sealed record RegistryService
{
    /// <summary>The PMU code, e.g. A06.09.005.</summary>
    public required string Code { get; init; }

    /// <summary>The service date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Quantity.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>The performing unit (PODR), when known.</summary>
    public int? Unit { get; init; }

    /// <summary>The code's mutual-settlement unit tariff in effect on the service date; null when the code has no
    /// tariff then.</summary>
    public decimal? Tariff { get; init; }

    /// <summary>Values set on the row that override the format's defaults, keyed by federal tag name in upper case
    /// (e.g. <c>DATE_OUT</c>, <c>PRVS</c>, <c>PROFIL</c>, <c>CODE_MD</c>, <c>DET</c>, <c>VID_VME</c>,
    /// <c>LPU_1</c>, <c>PROFIL_M</c>).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();
}

/// <summary>The doctor's appointment service of a profile, as the MO's profile book has it.</summary>
/// <param name="OneVisitCode">The code billed for a single visit (e.g. B01.039.001).</param>
/// <param name="MultiVisitCode">The code billed for a multi-visit episode (обращение), when there is one.</param>
/// <param name="Unit">The unit (PODR) that provides it.</param>
public sealed record AppointmentService(string? OneVisitCode, string? MultiVisitCode, int? Unit);
