using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Patients;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Registry;

/// <summary>
/// Builds the registry cases of one MO and report month from the working database (registry-pack-25.md §3): the
/// OMS visits of that report month with status 1 (and 2 unless "fresh"), in visit-number order, each with its
/// patient, specialty, doctor, referring and attachment MOs, appointment service and services priced at the tariff in
/// effect on the service date (D6). One streamed query, one row per service (a visit's columns repeated on each of
/// its rows, a visit without services on one row): a month is never held in memory, and nothing is built as JSON.
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
               att.code as mo_att_code, ls.spec is not null as specialty_known, ls.prvs, ls.profil,
               d.snils as doctor_snils, ref.code as npr_mo_code, ps.profil is not null as appointment_known,
               ps.one_visit, ps.two_visit, ps.podr as appointment_podr,
               -- the card, read as PatientFields (up to the service)
               p.card_number, p.fam, p.im, p.ot, p.sex, p.birth_date, p.policy_type, p.policy_series, p.policy_number,
               p.smo, p.smo_okato, p.st_okato, p.smo_ogrn, p.smo_name, p.dul_type, p.dul_series, p.dul_number,
               p.dul_date, p.dul_issuer, p.mo_att, p.soc, p.vz,
               -- the service of this row, null when the visit has none
               s.code as service_code, s.quantity as service_quantity, s.service_date, nullif(s.exec_podr, 0) as service_unit,
               t.price as service_tariff
        from visit v
        join patient p on p.id = v.patient_id
        left join local_specialty ls on ls.mo_id = v.mo_id and ls.spec = v.doc_spec
        left join doctor d on d.mo_id = v.mo_id and d.spec = v.doc_spec and d.code = v.doc_code and not d.deleted
        left join mo_local ref on ref.mo_id = v.mo_id and ref.short_code = v.npr_mo
        left join mo_local att on att.mo_id = v.mo_id and att.short_code = p.mo_att
        left join profile_service ps on ps.mo_id = v.mo_id and ps.profil = ls.profil
        left join visit_service s on s.visit_id = v.id
        -- the tariff version in effect on the service date: the latest one that started by then
        left join (select id, valid_from, lead(valid_from) over (order by valid_from) as valid_to
                   from tariff_version where mo_id = @moId) tv
               on tv.valid_from <= s.service_date and (tv.valid_to is null or s.service_date < tv.valid_to)
        left join tariff t on t.version_id = tv.id and t.code = s.code
        where v.mo_id = @moId and v.report_year = @year and v.report_month = @month
          and (v.status = 1 or (v.status = 2 and not @freshOnly))
          and (v.ist_fin = 1 or v.ist_fin is null)
        order by v.number, s.id
        """;

    /// <summary>Streams the cases; the connection stays busy until the enumeration ends.</summary>
    public static async IAsyncEnumerable<RegistryCase> ReadAsync(
        NpgsqlConnection conn, int moId, ReportPeriod period, bool freshOnly, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await conn.ExecuteReaderAsync(new CommandDefinition(
            Sql, new { moId, year = period.Year, month = period.Month, freshOnly }, cancellationToken: ct));
        var patientStart = reader.GetOrdinal("card_number");
        var serviceStart = reader.GetOrdinal("service_code");
        var visitParser = reader.GetRowParser<CaseRow>(startIndex: 0, length: patientStart);
        var patientParser = reader.GetRowParser<PatientFields>(startIndex: patientStart, length: serviceStart - patientStart);
        RegistryCase? current = null;
        List<RegistryService> services = [];
        while (await reader.ReadAsync(ct))
        {
            var visitId = reader.GetInt64(0);
            if (current is null || current.VisitId != visitId)
            {
                if (current is not null)
                {
                    yield return current;
                }

                services = [];
                current = visitParser(reader).ToCase(patientParser(reader), services);
            }

            if (!reader.IsDBNull(serviceStart))
            {
                services.Add(new RegistryService
                {
                    Code = reader.GetString(serviceStart),
                    Quantity = reader.GetInt32(serviceStart + 1),
                    Date = reader.GetFieldValue<DateOnly>(serviceStart + 2),
                    Unit = reader.IsDBNull(serviceStart + 3) ? null : reader.GetInt32(serviceStart + 3),
                    Tariff = reader.IsDBNull(serviceStart + 4) ? null : reader.GetDecimal(serviceStart + 4),
                });
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private sealed class CaseRow
    {
        public long Id { get; init; }
        public int Number { get; init; }
        public int ReportYear { get; init; }
        public int ReportMonth { get; init; }
        public int Status { get; init; }
        public bool Mek { get; init; }
        public DateOnly OpenDate { get; init; }
        public DateOnly CloseDate { get; init; }
        public int? UslOk { get; init; }
        public int ForPom { get; init; }
        public int? Purpose { get; init; }
        public string? Ds1 { get; init; }
        public string? Ds2 { get; init; }
        public int? Char1 { get; init; }
        public int? Rslt { get; init; }
        public int? Ishod { get; init; }
        public int VisitPol { get; init; }
        public int VisitHome { get; init; }
        public int? DocSpec { get; init; }
        public int? DocCode { get; init; }
        public string? NprMo { get; init; }
        public string? NprNumber { get; init; }
        public DateOnly? NprDate { get; init; }
        public string? HospNumber { get; init; }
        public int? VisitPolicyType { get; init; }
        public string? VisitPolicySeries { get; init; }
        public string? VisitPolicyNumber { get; init; }
        public string? VisitSmo { get; init; }
        public string? VisitSmoOkato { get; init; }
        public string? Overrides { get; init; }
        public long PatientId { get; init; }
        public string? MoAttCode { get; init; }
        public bool SpecialtyKnown { get; init; }
        public int? Prvs { get; init; }
        public int? Profil { get; init; }
        public string? DoctorSnils { get; init; }
        public string? NprMoCode { get; init; }
        public bool AppointmentKnown { get; init; }
        public string? OneVisit { get; init; }
        public string? TwoVisit { get; init; }
        public int? AppointmentPodr { get; init; }

        /// <param name="p">The card.</param>
        /// <param name="services">The visit's services, filled while its rows are read.</param>
        public RegistryCase ToCase(PatientFields p, IReadOnlyList<RegistryService> services) => new()
        {
            VisitId = Id,
            Number = Number,
            ReportPeriod = new ReportPeriod(ReportYear, ReportMonth),
            Sent = Status == 2,
            Mek = Mek,
            Patient = new RegistryPatient
            {
                PatientId = PatientId,
                CardNumber = p.CardNumber ?? "",
                Fam = p.Fam,
                Im = p.Im,
                Ot = p.Ot,
                Sex = p.Sex,
                BirthDate = p.BirthDate,
                Policy = new RegistryPolicy
                {
                    Type = p.PolicyType, Series = p.PolicySeries, Number = p.PolicyNumber, Smo = p.Smo, SmoOkato = p.SmoOkato,
                    SmoOgrn = p.SmoOgrn, SmoName = p.SmoName,
                },
                StOkato = p.StOkato,
                Document = new RegistryDocument { Type = p.DulType, Series = p.DulSeries, Number = p.DulNumber, Date = p.DulDate, Issuer = p.DulIssuer },
                AttachmentMoShortCode = p.MoAtt,
                AttachmentMoCode = MoAttCode,
                Soc = p.Soc,
                Vz = p.Vz,
            },
            VisitPolicy = VisitPolicyType is not null || VisitPolicyNumber is not null
                ? new RegistryPolicy { Type = VisitPolicyType, Series = VisitPolicySeries, Number = VisitPolicyNumber, Smo = VisitSmo, SmoOkato = VisitSmoOkato }
                : null,
            OpenDate = OpenDate,
            CloseDate = CloseDate,
            UslOk = UslOk,
            ForPom = ForPom,
            Purpose = Purpose,
            Ds1 = Ds1,
            Ds2 = Ds2,
            CZab = Char1,
            Rslt = Rslt,
            Ishod = Ishod,
            VisitPol = VisitPol,
            VisitHome = VisitHome,
            LocalSpecialty = DocSpec,
            DoctorCode = DocCode,
            Specialty = SpecialtyKnown ? new RegistrySpecialty(Prvs, Profil) : null,
            DoctorSnils = DoctorSnils,
            Referral = NprMo is null && NprNumber is null && NprDate is null && HospNumber is null
                ? null
                : new RegistryReferral { MoShortCode = NprMo, MoCode = NprMoCode, Number = NprNumber, Date = NprDate, HospitalisationNumber = HospNumber },
            Services = services,
            Appointment = AppointmentKnown ? new AppointmentService(OneVisit, TwoVisit, AppointmentPodr) : null,
            Overrides = ParseOverrides(Overrides),
        };
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
