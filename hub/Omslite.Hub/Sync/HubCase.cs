using Omslite.Hub.Patients;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Sync;

/// <summary>A PMU row of a case in the hub's terms.</summary>
public sealed record HubService(string Code, int Quantity, DateOnly Date, int ExecSpec, int ExecDoc, int ExecPodr)
{
    public string Key => $"{Code}|{Quantity}|{Date:yyyy-MM-dd}";
}

/// <summary>
/// A completed source case translated into the hub's local codes: ready to merge. The fields stay typed (a new case
/// goes into the database by binary COPY) and what the hub remembers of them is made here, on the translating side of
/// the pipeline; their text form for the field-by-field merge is made only for a case that meets a stored one.
/// </summary>
public sealed class HubCase
{
    private Dictionary<string, string?>? _patientValues;
    private Dictionary<string, string?>? _visitValues;

    public HubCase(
        string sourceKey, string marker, string patientKey, PatientFields patient, VisitFields visit, int? number, int status,
        IReadOnlyList<HubService> services, MisValuesWriter mis)
    {
        Number = number;
        SourceKey = sourceKey;
        Marker = marker;
        PatientKey = patientKey;
        Patient = patient;
        Visit = visit;
        Status = status;
        Services = services;
        ServicesKey = string.Join(";", services.Select(s => s.Key).Order(StringComparer.Ordinal));
        (PatientMis, PatientMarker) = mis.WriteHashed(patient, SyncColumns.Patient);
        VisitMis = mis.Write(visit, SyncColumns.Visit, ServicesKey);
    }

    public string SourceKey { get; }

    public string Marker { get; }

    public string PatientKey { get; }

    public PatientFields Patient { get; }

    public VisitFields Visit { get; }

    /// <summary>The MIS's number for the visit, wanted as the hub's visit number (taken only when free).</summary>
    public int? Number { get; }

    /// <summary>Open, or closed when the MIS says the case was already sent.</summary>
    public int Status { get; }

    public IReadOnlyList<HubService> Services { get; }

    public string CardNumber => Patient.CardNumber!;

    /// <summary>The services as the MIS sent them, compared as a set.</summary>
    public string ServicesKey { get; }

    /// <summary>The patient's <c>mis_values</c>.</summary>
    public byte[] PatientMis { get; }

    /// <summary>Changes exactly when the MIS's patient data changes.</summary>
    public string PatientMarker { get; }

    /// <summary>The patient's columns in text form, for the field-by-field merge.</summary>
    public Dictionary<string, string?> PatientValues => _patientValues ??= SyncColumns.Values(Patient, SyncColumns.Patient);

    /// <summary>The visit's columns in text form, for the field-by-field merge.</summary>
    public Dictionary<string, string?> VisitValues => _visitValues ??= SyncColumns.Values(Visit, SyncColumns.Visit);

    /// <summary>The visit's <c>mis_values</c> for a new visit: its columns and its services.</summary>
    public byte[] VisitMis { get; }
}
