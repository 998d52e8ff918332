using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Omslite.Sdk.Connectors;
using C = Omslite.MisConnectors.SqlMapping.CanonicalColumns;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>One row of <c>cases.sql</c>, converted: the case's key (also as the raw value, to bind it in
/// <c>services.sql</c>), its stamp, whether it is cancelled, and every canonical value by column index.</summary>
internal sealed class CaseRow
{
    private readonly object?[] _values;

    private CaseRow(string key, object rawKey, long stamp, bool cancelled, object?[] values)
    {
        Key = key;
        RawKey = rawKey;
        Stamp = stamp;
        Cancelled = cancelled;
        _values = values;
        IntegerKey = WatermarkKey.From(rawKey, key) is { Kind: WatermarkKey.IntegerKind, Value: long k } ? k : null;
    }

    public string Key { get; }

    public object RawKey { get; }

    /// <summary>The key as a number when <c>case_key</c> is an integer column.</summary>
    public long? IntegerKey { get; }

    public long Stamp { get; }

    public bool Cancelled { get; }

    public static CaseRow Read(DbDataReader reader, RowLayout layout, string query)
    {
        var rawKey = layout.Raw(reader, C.CaseKey)
                     ?? throw new SqlMappingException($"Запрос {query} вернул строку с пустым case_key.");
        var values = layout.Read(reader, () => $"случай {rawKey}");
        var key = (string)values[C.CaseKey.Index]!;
        var stamp = values[C.ChangeStamp.Index] as long?
                    ?? throw new SqlMappingException($"Запрос {query}, случай {key}: пустой change_stamp.");
        return new CaseRow(key, rawKey, stamp, values[C.IsCancelled.Index] is true, values);
    }

    /// <summary>The canonical case, with the services of this case (already in a stable order).</summary>
    public SourceCase ToSourceCase(IReadOnlyList<ServiceRow> services, string query)
    {
        var open = Date(C.OpenDate) ?? Date(C.CloseDate);
        var close = Date(C.CloseDate) ?? open;
        var patientKey = Text(C.PatientKey);
        if (!Cancelled && (open is null || close is null || patientKey is null))
        {
            var column = patientKey is null ? C.PatientKey.Name : "open_date/close_date";
            throw new SqlMappingException($"Запрос {query}, случай {Key}: пустое значение обязательного столбца «{column}».");
        }

        return new SourceCase
        {
            SourceKey = Key,
            ChangeMarker = Text(C.ChangeMarker) ?? ContentHash(services),
            State = Cancelled ? CaseState.Cancelled : CaseState.Completed,
            Patient = new SourcePatient
            {
                SourceKey = patientKey ?? "",
                CardNumber = Text(C.CardNumber) ?? "",
                Fam = Text(C.Fam),
                Im = Text(C.Im),
                Ot = Text(C.Ot),
                Sex = Text(C.Sex),
                BirthDate = Date(C.BirthDate),
                PolicySeries = Text(C.PolicySeries),
                PolicyNumber = Text(C.PolicyNumber),
                SmoCode = Text(C.SmoCode),
                SmoOkato = Text(C.SmoOkato),
                DulType = Int(C.DulType),
                DulSeries = Text(C.DulSeries),
                DulNumber = Text(C.DulNumber),
                DulDate = Date(C.DulDate),
                DulIssuer = Text(C.DulIssuer),
                Snils = Text(C.Snils),
                AttachmentMoCode = Text(C.AttachmentMo),
                Soc = Int(C.Soc),
                City = Text(C.City),
                Street = Text(C.Street),
                House = Text(C.House),
                Flat = Text(C.Flat),
                Phone = Text(C.Phone),
            },
            Visit = new SourceVisit
            {
                OpenDate = open ?? DateOnly.MinValue,
                CloseDate = close ?? DateOnly.MinValue,
                ReportPeriod = ReportPeriod(query),
                Sent = Flag(C.Sent) ?? false,
                Mek = Flag(C.Mek) ?? false,
                Urgent = Flag(C.Urgent) ?? false,
                FirstVisit = Flag(C.FirstVisit) ?? true,
                Purpose = Int(C.Purpose),
                DoctorSnils = Text(C.DoctorSnils),
                DoctorName = Text(C.DoctorName),
                Prvs = Int(C.Prvs),
                Profile = Int(C.Profile),
                Ds1 = Text(C.Ds1),
                Ds2 = Text(C.Ds2),
                CZab = Int(C.CZab),
                Ishod = Int(C.Ishod),
                Rslt = Int(C.Rslt),
                VisitPol = Int(C.VisitPol) ?? 1,
                VisitHome = Int(C.VisitHome) ?? 0,
            },
            Services = services
                .Select(s => s.Service.DoctorSnils is { } snils && snils == Text(C.DoctorSnils) ? s.Service with { DoctorSnils = null } : s.Service)
                .ToList(),
            Referral = Referral(),
        };
    }

    private SourceReferral? Referral()
    {
        var referral = new SourceReferral
        {
            MoCode = Text(C.ReferralMo),
            Number = Text(C.ReferralNumber),
            Date = Date(C.ReferralDate),
            Prvs = Int(C.ReferralPrvs),
        };
        return referral is { MoCode: null, Number: null, Date: null, Prvs: null } ? null : referral;
    }

    private ReportPeriod? ReportPeriod(string query)
    {
        var (year, month) = (Int(C.ReportYear), Int(C.ReportMonth));
        if (year is null || month is null)
        {
            return null;
        }

        return month is >= 1 and <= 12 && year is >= 2000 and <= 2100
            ? new ReportPeriod(year.Value, month.Value)
            : throw new SqlMappingException($"Запрос {query}, случай {Key}: отчётный период {year}-{month} невозможен (report_year 2000–2100, report_month 1–12).");
    }

    /// <summary>A hash of everything the hub keeps of the case: changes exactly when the content changes.</summary>
    private string ContentHash(IReadOnlyList<ServiceRow> services)
    {
        var text = new StringBuilder(512);
        text.Append(Cancelled ? 'C' : 'A');
        Append(text, _values, skip: [C.ChangeStamp.Index, C.ChangeMarker.Index]);
        foreach (var service in services)
        {
            text.Append('\u001e');
            Append(text, service.Values, skip: []);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static void Append(StringBuilder text, object?[] values, int[] skip)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (skip.Contains(i))
            {
                continue;
            }

            text.Append('\u001f');
            switch (values[i])
            {
                case null:
                    text.Append('\u0000');
                    break;
                case DateOnly d:
                    text.Append(d.DayNumber);
                    break;
                case IFormattable f:
                    text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                    break;
                case var other:
                    text.Append(other);
                    break;
            }
        }
    }

    private string? Text(CanonicalColumn c) => (string?)_values[c.Index];

    private int? Int(CanonicalColumn c) => (int?)_values[c.Index];

    private DateOnly? Date(CanonicalColumn c) => (DateOnly?)_values[c.Index];

    private bool? Flag(CanonicalColumn c) => (bool?)_values[c.Index];
}

/// <summary>One row of <c>services.sql</c>, converted.</summary>
internal sealed record ServiceRow(string CaseKey, object?[] Values, SourceService Service)
{
    public static ServiceRow Read(DbDataReader reader, RowLayout layout, string query)
    {
        var raw = layout.Raw(reader, C.ServiceKey);
        var values = layout.Read(reader, () => $"услуга {raw}");
        var caseKey = (string?)values[C.ServiceCaseKey.Index];
        var key = (string?)values[C.ServiceKey.Index];
        var code = (string?)values[C.Code.Index];
        var date = (DateOnly?)values[C.ServiceDate.Index];
        if (caseKey is null || key is null || code is null || date is null)
        {
            throw new SqlMappingException(
                $"Запрос {query}, услуга {key ?? "?"} случая {caseKey ?? "?"}: пустое значение обязательного столбца (case_key, service_key, code, service_date).");
        }

        var service = new SourceService
        {
            SourceKey = key,
            Code = code,
            Date = date.Value,
            Quantity = (int?)values[C.Quantity.Index] ?? 1,
            DoctorSnils = (string?)values[C.ServiceDoctorSnils.Index],
            Unit = (int?)values[C.Unit.Index],
        };
        return new ServiceRow(caseKey, values, service);
    }

    /// <summary>The order services keep within a case whatever order the database returns them in.</summary>
    public static int Compare(ServiceRow a, ServiceRow b)
    {
        var byDate = a.Service.Date.CompareTo(b.Service.Date);
        if (byDate != 0)
        {
            return byDate;
        }

        var byLength = a.Service.SourceKey.Length.CompareTo(b.Service.SourceKey.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(a.Service.SourceKey, b.Service.SourceKey);
    }
}
