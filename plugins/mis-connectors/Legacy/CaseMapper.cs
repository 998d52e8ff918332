using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy;

/// <summary>One row of <see cref="CaseQuery"/> → one canonical case in federal codes (see README.md for each field).</summary>
internal sealed class CaseMapper(string? moCodePrefix)
{
    /// <summary>The visit's key: 2-digit table year and number (<c>tal_num</c> repeats across years).</summary>
    public static string VisitKey(int yy, int talNum) => string.Create(CultureInfo.InvariantCulture, $"{yy:00}:{talNum}");

    public SourceCase Map(NpgsqlDataReader r)
    {
        var yy = r.Int("yy")!.Value;
        var docSpec = r.Int("doc_spec");
        var docCode = r.Int("doc_code");
        var talonType = r.Int("talon_type") ?? 1;
        var withoutMarker = new SourceCase
        {
            SourceKey = VisitKey(yy, r.Int("tal_num")!.Value),
            ChangeMarker = "",
            // Deleted, or not (or no longer) OMS.
            State = talonType <= 0 || r.Int("ist_fin") != 1 ? CaseState.Cancelled : CaseState.Completed,
            Patient = Patient(r),
            Visit = Visit(r, yy, talonType),
            Services = Services(r, yy, docSpec, docCode),
            Referral = Referral(r),
        };
        return withoutMarker with { ChangeMarker = Marker(r.Stamp("raw_stamp"), withoutMarker) };
    }

    /// <summary>
    /// The change stamp when the rows have one, followed by a hash of the whole case: the stamp alone misses changes
    /// of service rows and of the books that translate the codes.
    /// </summary>
    private static string Marker(DateTime? stamp, SourceCase content)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, CaseJson.Default.SourceCase));
        var prefix = stamp?.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) ?? "-";
        return $"{prefix}/{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }

    private SourcePatient Patient(NpgsqlDataReader r) => new()
    {
        SourceKey = r.Int("card_id")!.Value.ToString(CultureInfo.InvariantCulture),
        CardNumber = r.Text("card_number")!,
        Fam = r.Text("fam"),
        Im = r.Text("im"),
        Ot = r.Text("ot"),
        Sex = LegacyCodes.Sex(r.Text("gender")),
        BirthDate = r.Date("birth_date"),
        PolicySeries = r.Text("polis_ser"),
        PolicyNumber = r.Text("polis_num"),
        SmoCode = r.Int("smo")?.ToString(CultureInfo.InvariantCulture),
        SmoOkato = r.Text("smo_okato"),
        DulType = r.Int("dul_type"),
        DulSeries = r.Text("dul_serial"),
        DulNumber = r.Text("dul_number"),
        DulDate = r.Date("dul_date"),
        DulIssuer = r.Text("dul_org"),
        AttachmentMoCode = LegacyCodes.MoCode(r.Int("mo_att"), r.Long("att_mo_code"), moCodePrefix),
        Soc = r.Int("soc"),
        City = r.Text("city_g"),
        Street = r.Text("street_g"),
        House = r.Text("home_g"),
        Flat = r.Text("flat_g"),
        Phone = r.Text("phone_wrk"),
        HomePhone = r.Text("phone_hom"),
        StOkato = r.Text("st_okato"),
        SmoOgrn = r.Text("smo_ogrn"),
        SmoName = r.Text("smo_name"),
        DulIssuerCode = r.Text("ufms"),
        Employment = r.Int("vz"),
    };

    private static SourceVisit Visit(NpgsqlDataReader r, int yy, int talonType)
    {
        var month = r.Int("talon_month");
        return new SourceVisit
        {
            OpenDate = r.Date("open_date")!.Value,
            CloseDate = r.Date("close_date")!.Value,
            ReportPeriod = month is >= 1 and <= 12 ? new ReportPeriod(2000 + yy, month.Value) : null,
            Sent = talonType == 2,
            Mek = r.Int("mek") is { } mek && mek != 0,
            Urgent = r.Int("for_pom") == 2,
            FirstVisit = r.Int("first_vflag") is not { } first || first == 1,
            Purpose = r.Int("purp"),
            DoctorSnils = LegacyCodes.Snils(r.Text("doctor_snils")),
            DoctorName = r.Text("doctor_name"),
            Prvs = r.Int("prvs"),
            Profile = r.Int("profil"),
            Ds1 = r.Text("ds1"),
            Ds2 = r.Text("ds2"),
            CZab = r.Int("char1"),
            Ishod = r.Int("ishod"),
            Rslt = r.Int("rslt"),
            VisitPol = r.Int("visit_pol") ?? 0,
            VisitHome = r.Int("visit_home") ?? 0,
            Number = r.Int("tal_num"),
            Policy = VisitPolicy(r),
        };
    }

    /// <summary>The visit's own policy ("policy on the visit date"), when the talon has one.</summary>
    private static SourcePolicy? VisitPolicy(NpgsqlDataReader r)
    {
        var policy = new SourcePolicy
        {
            Series = r.Text("visit_polis_ser"),
            Number = r.Text("visit_polis_num"),
            SmoCode = r.Int("visit_smo") is { } smo ? smo.ToString(CultureInfo.InvariantCulture) : null,
            SmoOkato = r.Text("visit_smo_okato"),
        };
        return policy is { Series: null, Number: null, SmoCode: null, SmoOkato: null } ? null : policy;
    }

    private static List<SourceService> Services(NpgsqlDataReader r, int yy, int? docSpec, int? docCode)
    {
        var json = r.Text("services");
        if (json is null)
        {
            return [];
        }

        return JsonSerializer.Deserialize(json, CaseJson.Default.ListServiceRow)!
            .Select(s => new SourceService
            {
                SourceKey = VisitKey(yy, s.Id),
                Code = LegacyCodes.Text(s.Code) ?? "",
                Quantity = s.Quantity,
                Date = s.Date,
                // The executor's SNILS only when another doctor than the visit's performed the service.
                DoctorSnils = s.Doctor is > 0 && (s.Spec != docSpec || s.Doctor != docCode) ? LegacyCodes.Snils(s.Snils) : null,
                Unit = s.Unit is > 0 ? s.Unit : null,
            })
            .ToList();
    }

    private SourceReferral? Referral(NpgsqlDataReader r)
    {
        var mo = r.Int("npr_mo");
        var number = r.Text("naprlech");
        var date = r.Date("npr_date");
        var spec = r.Int("npr_spec");
        if ((mo is null or 0) && number is null && date is null && (spec is null or 0))
        {
            return null;
        }

        return new SourceReferral
        {
            MoCode = LegacyCodes.MoCode(mo, r.Long("npr_mo_code"), moCodePrefix),
            Number = number,
            Date = date,
            Prvs = r.Int("npr_prvs"),
        };
    }

}

/// <summary>A service row as the details query aggregates it.</summary>
internal sealed record ServiceRow(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("spec")] int? Spec,
    [property: JsonPropertyName("doctor")] int? Doctor,
    [property: JsonPropertyName("unit")] int? Unit,
    [property: JsonPropertyName("snils")] string? Snils);

/// <summary>Compiled JSON: the case content hashed for the change marker, and the services of the details query.</summary>
[JsonSerializable(typeof(SourceCase))]
[JsonSerializable(typeof(List<ServiceRow>))]
internal sealed partial class CaseJson : JsonSerializerContext;

/// <summary>Reading the pull's columns by name.</summary>
internal static class CaseColumns
{
    /// <summary>An integer column of any width (smallint, integer, bigint), or null.</summary>
    public static int? Int(this NpgsqlDataReader r, string column) =>
        r.Value<object>(column) is { } v ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    public static long? Long(this NpgsqlDataReader r, string column) =>
        r.Value<object>(column) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    /// <summary>Trimmed text, or null when null or empty.</summary>
    public static string? Text(this NpgsqlDataReader r, string column) => LegacyCodes.Text(r.Value<string>(column));

    public static DateOnly? Date(this NpgsqlDataReader r, string column) => r.Value<DateOnly?>(column);

    public static DateTime? Stamp(this NpgsqlDataReader r, string column) => r.Value<DateTime?>(column);

    private static T? Value<T>(this NpgsqlDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? default : r.GetFieldValue<T>(i);
    }
}
