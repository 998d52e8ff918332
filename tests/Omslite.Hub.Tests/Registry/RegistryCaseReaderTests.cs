using Dapper;
using Omslite.Hub.Registry;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Tests.Registry;

/// <summary>
/// The cases a pack reads: each visit with what the MO's own books say of it (specialty, doctor, local MO codes,
/// appointment services, the tariff in effect on each service's date, D6) — and nothing where the books have no row.
/// </summary>
public class RegistryCaseReaderTests(PackHubFixture fixture) : IClassFixture<PackHubFixture>
{
    [Fact]
    public async Task A_case_carries_what_the_MOs_books_say_of_it_and_each_service_the_price_in_effect_on_its_date()
    {
        var (year, month) = (2031, 5);
        await using var conn = fixture.Hub.OpenConnection();
        // A price change in the middle of the month; an older version to show that only the latest started one counts.
        await conn.ExecuteAsync(
            """
            with v as (insert into tariff_version (mo_id, valid_from) values (@MoId, '2031-05-15') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A06.09.005', 'КТ ОГК', 2500.00 from v;
            insert into local_specialty (mo_id, spec, name, prvs, profil) values (@MoId, 64, 'Без профиля', 61, null);
            """,
            new { fixture.MoId });
        var patient = await fixture.AddPatientAsync("R-1");
        var (first, _) = await fixture.AddVisitAsync(patient, year, month);
        var (second, _) = await fixture.AddVisitAsync(patient, year, month);
        var (stranger, _) = await fixture.AddVisitAsync(patient, year, month);
        await conn.ExecuteAsync(
            """
            update visit_service set service_date = '2031-05-20' where visit_id = @second;
            insert into visit_service (visit_id, code, quantity, service_date) values (@second, 'B99.999.999', 2, '2031-05-20');
            update visit set doc_spec = 64, doc_code = 7, npr_mo = '999' where id = @stranger;
            update patient set mo_att = '337' where id = @patient;
            """,
            new { second, stranger, patient });

        var cases = new List<RegistryCase>();
        await using (var reader = fixture.Hub.OpenConnection())
        {
            await foreach (var c in RegistryCaseReader.ReadAsync(reader, fixture.MoId, new ReportPeriod(year, month), freshOnly: false, CancellationToken.None))
            {
                cases.Add(c);
            }
        }

        Assert.Equal([first, second, stranger], cases.Select(c => c.VisitId));
        var (a, b, c3) = (cases[0], cases[1], cases[2]);
        Assert.Equal(new RegistrySpecialty(60, 78), a.Specialty);
        Assert.Equal("10122021147", a.DoctorSnils);
        Assert.Equal("250228", a.Referral!.MoCode);
        Assert.Equal("250337", a.Patient.AttachmentMoCode);
        Assert.Equal(new AppointmentService("B01.039.001", "B01.039.002", 221), a.Appointment);
        Assert.Equal(2189.50m, Assert.Single(a.Services).Tariff);

        Assert.Equal([2500.00m, null], b.Services.Select(s => s.Tariff));
        Assert.Equal([1, 2], b.Services.Select(s => s.Quantity));

        // Books without a row for the visit: a specialty without a profile, no such doctor, an unknown referring MO.
        Assert.Equal(new RegistrySpecialty(61, null), c3.Specialty);
        Assert.Null(c3.DoctorSnils);
        Assert.Null(c3.Appointment);
        Assert.Equal("999", c3.Referral!.MoShortCode);
        Assert.Null(c3.Referral.MoCode);
    }
}
