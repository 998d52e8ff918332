using Dapper;
using Npgsql;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Returns;

/// <summary>
/// The visits of the own calculation (workflows.md §4.1) as <see cref="RegistryCase"/>s: the month's outpatient
/// visits (USL_OK 3) with status &gt; 0, with their patient, specialty, referral and services, each service with the
/// tariff in effect on its date (D6).
/// </summary>
internal static class CalculationVisits
{
    private sealed record VisitRow(
        long Id, int Number, int ReportYear, int ReportMonth, int Status, bool Mek, DateOnly OpenDate, DateOnly CloseDate, int? UslOk, int ForPom,
        int? Purpose, string? Ds1, int? Char1, int? Rslt, int? Ishod, int VisitPol, int VisitHome, int? DocSpec, int? DocCode, string? NprMo,
        string? NprNumber, DateOnly? NprDate, int? PolicyType, string? PolicySeries, string? PolicyNumber, string? Smo, int? Prvs, int? Profil,
        long PatientId, string CardNumber, string? Fam, string? Im, string? Ot, string? Sex, DateOnly? BirthDate, int PatientPolicyType,
        string? PatientSeries, string? PatientNumber, string? PatientSmo, string? PatientSmoOkato);

    private sealed record ServiceRow(long VisitId, string Code, int Quantity, DateOnly ServiceDate, int ExecPodr, decimal? Price);

    public static async Task<IReadOnlyList<RegistryCase>> LoadAsync(NpgsqlConnection conn, int moId, ReportPeriod month, CancellationToken ct)
    {
        var visits = (await conn.QueryAsync<VisitRow>(new CommandDefinition(
            """
            select v.id, v.number, v.report_year::int as report_year, v.report_month::int as report_month, v.status::int as status, v.mek, v.open_date,
                   v.close_date, v.usl_ok::int as usl_ok, v.for_pom::int as for_pom, v.purpose, v.ds1,
                   v.char1, v.rslt, v.ishod, v.visit_pol, v.visit_home, v.doc_spec, v.doc_code, v.npr_mo, v.npr_number, v.npr_date,
                   v.policy_type::int as policy_type, v.policy_series, v.policy_number, v.smo, ls.prvs, ls.profil,
                   p.id as patient_id, p.card_number, p.fam, p.im, p.ot, p.sex, p.birth_date, p.policy_type::int as patient_policy_type,
                   p.policy_series as patient_series, coalesce(p.policy_number, p.enp) as patient_number, p.smo as patient_smo,
                   p.smo_okato as patient_smo_okato
            from visit v
            join patient p on p.id = v.patient_id
            left join local_specialty ls on ls.mo_id = v.mo_id and ls.spec = v.doc_spec
            where v.mo_id = @moId and v.report_year = @year and v.report_month = @month and v.status > 0 and v.usl_ok = 3
            order by v.number
            """, new { moId, year = month.Year, month = month.Month }, cancellationToken: ct))).ToList();
        var services = (await conn.QueryAsync<ServiceRow>(new CommandDefinition(
            """
            select s.visit_id, s.code, s.quantity, s.service_date, s.exec_podr, tr.price
            from visit_service s
            join visit v on v.id = s.visit_id
            left join lateral (select tv.id from tariff_version tv
                               where tv.mo_id = v.mo_id and tv.valid_from <= s.service_date
                               order by tv.valid_from desc limit 1) ver on true
            left join tariff tr on tr.version_id = ver.id and tr.code = s.code
            where s.visit_id = any(@ids)
            order by s.id
            """, new { ids = visits.Select(v => v.Id).ToArray() }, cancellationToken: ct))).ToLookup(s => s.VisitId);

        return visits.Select(v => new RegistryCase
        {
            VisitId = v.Id,
            Number = v.Number,
            ReportPeriod = new ReportPeriod(v.ReportYear, v.ReportMonth),
            Sent = v.Status == 2,
            Mek = v.Mek,
            Patient = new RegistryPatient
            {
                PatientId = v.PatientId, CardNumber = v.CardNumber, Fam = v.Fam, Im = v.Im, Ot = v.Ot, Sex = v.Sex, BirthDate = v.BirthDate,
                Policy = new RegistryPolicy
                {
                    Type = v.PatientPolicyType, Series = v.PatientSeries, Number = v.PatientNumber, Smo = v.PatientSmo, SmoOkato = v.PatientSmoOkato,
                },
            },
            VisitPolicy = string.IsNullOrEmpty(v.PolicyNumber) && string.IsNullOrEmpty(v.Smo)
                ? null
                : new RegistryPolicy { Type = v.PolicyType, Series = v.PolicySeries, Number = v.PolicyNumber, Smo = v.Smo },
            OpenDate = v.OpenDate,
            CloseDate = v.CloseDate,
            UslOk = v.UslOk,
            ForPom = v.ForPom,
            Purpose = v.Purpose,
            Ds1 = v.Ds1,
            CZab = v.Char1,
            Rslt = v.Rslt,
            Ishod = v.Ishod,
            VisitPol = v.VisitPol,
            VisitHome = v.VisitHome,
            LocalSpecialty = v.DocSpec,
            DoctorCode = v.DocCode,
            Specialty = v.Prvs is null && v.Profil is null ? null : new RegistrySpecialty(v.Prvs, v.Profil),
            Referral = string.IsNullOrEmpty(v.NprMo) ? null : new RegistryReferral { MoShortCode = v.NprMo, Number = v.NprNumber, Date = v.NprDate },
            Services = services[v.Id].Select(s => new RegistryService
            {
                Code = s.Code, Date = s.ServiceDate, Quantity = s.Quantity, Unit = s.ExecPodr, Tariff = s.Price,
            }).ToList(),
        }).ToList();
    }
}
