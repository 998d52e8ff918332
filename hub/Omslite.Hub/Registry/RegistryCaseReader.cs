using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Registry;

/// <summary>
/// Builds the registry cases of one MO and report month from the working database (registry-pack-25.md §3): the
/// OMS visits of that report month with status 1 (and 2 unless "fresh"), in visit-number order, each with its
/// patient, specialty, doctor, referring and attachment MOs, appointment service and services priced at the tariff in
/// effect on the service date (D6). One streamed query of the visits, their patients and services, one row per service
/// (a visit's columns repeated on each of its rows, a visit without services on one row), the MO's own reference rows
/// looked up in memory (<see cref="RegistryLookups"/>): a month is never held in memory, and nothing is built as JSON.
/// </summary>
public static class RegistryCaseReader
{
    /// <summary>Visits whose funding is empty came from an MIS, which brings only OMS cases; typed ones say 1 (ОМС).</summary>
    private const string Sql =
        """
        select v.id, v.number, v.report_year, v.report_month, v.status, v.mek, v.open_date, v.close_date, v.usl_ok,
               v.for_pom, v.purpose, v.ds1, v.ds2, v.char1, v.rslt, v.ishod, v.visit_pol, v.visit_home, v.doc_spec,
               v.doc_code, v.npr_mo, v.npr_number, v.npr_date, v.hosp_number, v.policy_type as visit_policy_type,
               v.policy_series as visit_policy_series, v.policy_number as visit_policy_number, v.smo as visit_smo,
               v.smo_okato as visit_smo_okato, v.overrides::text as overrides, p.id as patient_id,
               -- the card, read as PatientFields (up to the service)
               p.card_number, p.fam, p.im, p.ot, p.sex, p.birth_date, p.policy_type, p.policy_series, p.policy_number,
               p.smo, p.smo_okato, p.st_okato, p.smo_ogrn, p.smo_name, p.dul_type, p.dul_series, p.dul_number,
               p.dul_date, p.dul_issuer, p.mo_att, p.soc, p.vz,
               -- the service of this row, null when the visit has none
               s.code as service_code, s.quantity as service_quantity, s.service_date, nullif(s.exec_podr, 0) as service_unit
        from visit v
        join patient p on p.id = v.patient_id
        left join visit_service s on s.visit_id = v.id
        where v.mo_id = @moId and v.report_year = @year and v.report_month = @month
          and (v.status = 1 or (v.status = 2 and not @freshOnly))
          and (v.ist_fin = 1 or v.ist_fin is null)
        order by v.number, s.id
        """;

    /// <summary>Streams the cases; the connection stays busy until the enumeration ends. The columns are read by
    /// position with typed getters (no mapper, no boxing): a month is hundreds of thousands of rows.</summary>
    public static async IAsyncEnumerable<RegistryCase> ReadAsync(
        NpgsqlConnection conn, int moId, ReportPeriod period, bool freshOnly, [EnumeratorCancellation] CancellationToken ct)
    {
        var lookups = await RegistryLookups.ReadAsync(conn, moId, ct);
        await using var command = new NpgsqlCommand(Sql, conn)
        {
            Parameters =
            {
                new NpgsqlParameter<int>("moId", moId),
                new NpgsqlParameter<int>("year", period.Year),
                new NpgsqlParameter<int>("month", period.Month),
                new NpgsqlParameter<bool>("freshOnly", freshOnly),
            },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var serviceStart = reader.GetOrdinal("service_code");
        var row = new Row(reader, lookups);
        RegistryCase? current = null;
        List<RegistryService> services = [];
        while (await reader.ReadAsync(ct))
        {
            var visitId = reader.GetInt64(0);
            row.MoveTo(0);
            if (current is null || current.VisitId != visitId)
            {
                if (current is not null)
                {
                    yield return current;
                }

                services = [];
                current = row.Case(services);
            }

            row.MoveTo(serviceStart);

            if (row.Text() is { } code)
            {
                var (quantity, date, unit) = (row.Int() ?? 0, row.Date(), row.Int());
                services.Add(new RegistryService
                {
                    Code = code,
                    Quantity = quantity,
                    Date = date,
                    Unit = unit,
                    Tariff = lookups.Tariff(code, date),
                });
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    /// <summary>The columns of the current row, read one after another from a position.</summary>
    private sealed class Row(NpgsqlDataReader reader, RegistryLookups lookups)
    {
        private int _next;

        public void MoveTo(int column) => _next = column;

        public string? Text() => reader.IsDBNull(_next++) ? null : reader.GetString(_next - 1);

        public int? Int() => reader.IsDBNull(_next++) ? null : reader.GetInt32(_next - 1);

        public long Long() => reader.GetInt64(_next++);

        public bool Bool() => reader.GetBoolean(_next++);

        public DateOnly? Date() => reader.IsDBNull(_next++) ? null : reader.GetFieldValue<DateOnly>(_next - 1);

        /// <summary>The visit and its card, in the order of the query's columns.</summary>
        public RegistryCase Case(IReadOnlyList<RegistryService> services)
        {
            var id = Long();
            var number = Int()!.Value;
            var period = new ReportPeriod(Int()!.Value, Int()!.Value);
            var status = Int();
            var mek = Bool();
            var (open, close) = (Date()!.Value, Date()!.Value);
            var (uslOk, forPom, purpose, ds1, ds2, char1, rslt, ishod) = (Int(), Int()!.Value, Int(), Text(), Text(), Int(), Int(), Int());
            var (visitPol, visitHome, docSpec, docCode) = (Int()!.Value, Int()!.Value, Int(), Int());
            var (nprMo, nprNumber, nprDate, hospNumber) = (Text(), Text(), Date(), Text());
            var (visitPolicyType, visitPolicySeries, visitPolicyNumber, visitSmo, visitSmoOkato) = (Int(), Text(), Text(), Text(), Text());
            var overrides = Text();
            var patientId = Long();
            var (card, fam, im, ot, sex, birthDate) = (Text(), Text(), Text(), Text(), Text(), Date());
            var (policyType, policySeries, policyNumber, smo, smoOkato, stOkato, smoOgrn, smoName) =
                (Int(), Text(), Text(), Text(), Text(), Text(), Text(), Text());
            var (dulType, dulSeries, dulNumber, dulDate, dulIssuer) = (Int(), Text(), Text(), Date(), Text());
            var (moAtt, soc, vz) = (Text(), Int(), Int());
            var specialty = lookups.Specialty(docSpec);
            return new RegistryCase
            {
                VisitId = id,
                Number = number,
                ReportPeriod = period,
                Sent = status == 2,
                Mek = mek,
                Patient = new RegistryPatient
                {
                    PatientId = patientId,
                    CardNumber = card ?? "",
                    Fam = fam,
                    Im = im,
                    Ot = ot,
                    Sex = sex,
                    BirthDate = birthDate,
                    Policy = new RegistryPolicy
                    {
                        Type = policyType, Series = policySeries, Number = policyNumber, Smo = smo, SmoOkato = smoOkato,
                        SmoOgrn = smoOgrn, SmoName = smoName,
                    },
                    StOkato = stOkato,
                    Document = new RegistryDocument { Type = dulType, Series = dulSeries, Number = dulNumber, Date = dulDate, Issuer = dulIssuer },
                    AttachmentMoShortCode = moAtt,
                    AttachmentMoCode = lookups.MoCode(moAtt),
                    Soc = soc,
                    Vz = vz,
                },
                VisitPolicy = visitPolicyType is not null || visitPolicyNumber is not null
                    ? new RegistryPolicy { Type = visitPolicyType, Series = visitPolicySeries, Number = visitPolicyNumber, Smo = visitSmo, SmoOkato = visitSmoOkato }
                    : null,
                OpenDate = open,
                CloseDate = close,
                UslOk = uslOk,
                ForPom = forPom,
                Purpose = purpose,
                Ds1 = ds1,
                Ds2 = ds2,
                CZab = char1,
                Rslt = rslt,
                Ishod = ishod,
                VisitPol = visitPol,
                VisitHome = visitHome,
                LocalSpecialty = docSpec,
                DoctorCode = docCode,
                Specialty = specialty,
                DoctorSnils = lookups.DoctorSnils(docSpec, docCode),
                Referral = nprMo is null && nprNumber is null && nprDate is null && hospNumber is null
                    ? null
                    : new RegistryReferral { MoShortCode = nprMo, MoCode = lookups.MoCode(nprMo), Number = nprNumber, Date = nprDate, HospitalisationNumber = hospNumber },
                Services = services,
                Appointment = lookups.Appointment(specialty?.Profil),
                Overrides = ParseOverrides(overrides),
            };
        }
    }

    /// <summary>The visit's hand-set values by federal tag name (upper case), as text; most visits have none, and
    /// share one empty (immutable) set.</summary>
    private static IReadOnlyDictionary<string, string> ParseOverrides(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return FrozenDictionary<string, string>.Empty;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(value))
            {
                result[property.Name.ToUpperInvariant()] = value;
            }
        }

        return result;
    }
}
