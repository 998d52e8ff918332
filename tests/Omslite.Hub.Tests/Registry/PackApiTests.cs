using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Registry;

/// <summary>The pack endpoints against a real PostgreSQL with the primorye-25 plugin loaded by the hub.</summary>
public class PackApiTests(PackHubFixture fixture) : IClassFixture<PackHubFixture>
{
    [Fact]
    public async Task A_check_reports_each_excluded_visit_with_its_ids_and_records_the_run_without_a_file()
    {
        var patient = await fixture.AddPatientAsync("c-101");
        var good = await fixture.AddVisitAsync(patient, 2026, 2);
        var bad = await fixture.AddVisitAsync(patient, 2026, 2, withService: false);
        await fixture.AddVisitAsync(patient, 2026, 2, status: 0);
        await fixture.AddVisitAsync(patient, 2026, 3);

        var response = await fixture.Viewer.PostAsJsonAsync("/api/packs/check", new { month = "2026-02" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Matches(@"^H записей: 1, L записей: 1\. НАЙДЕНО ОШИБОК: 1\. Время: \d+\.\d{1,2} cek\.$", body.GetProperty("message").GetString());
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Equal("", body.GetProperty("file").GetString());
        var problem = Assert.Single(body.GetProperty("result").GetProperty("problems").EnumerateArray());
        Assert.Equal(bad.Id, problem.GetProperty("visitId").GetInt64());
        Assert.Equal(bad.Number, problem.GetProperty("number").GetInt32());
        Assert.Equal(patient, problem.GetProperty("patientId").GetInt64());
        Assert.Equal($"{bad.Number}- ошибка ПМУ: нет тарифа, кода подр или кода спец", problem.GetProperty("message").GetString());
        Assert.Equal(1, await fixture.StatusAsync(good.Id));

        var packId = body.GetProperty("result").GetProperty("packId").GetInt64();
        var details = await fixture.Viewer.GetFromJsonAsync<JsonElement>($"/api/packs/{packId}");
        Assert.True(details.GetProperty("pack").GetProperty("checkOnly").GetBoolean());
        Assert.Equal("2026-02", details.GetProperty("pack").GetProperty("month").GetString());
        Assert.Equal(bad.Id, details.GetProperty("problems")[0].GetProperty("visitId").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Viewer.GetAsync($"/api/packs/{packId}/download")).StatusCode);
    }

    [Fact]
    public async Task A_pack_is_built_kept_for_download_and_its_visits_are_marked_sent_with_an_audit_line()
    {
        var patient = await fixture.AddPatientAsync("c-201");
        var first = await fixture.AddVisitAsync(patient, 2026, 4);
        var second = await fixture.AddVisitAsync(patient, 2026, 4, mek: true);
        var refused = await fixture.AddVisitAsync(patient, 2026, 4, ds1: null);

        var response = await PackHubFixture.BuildAsync(fixture.Operator,
            new { month = "2026-04", number = 2, markSent = true, freshOnly = true, confirm = "operator" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("H25079660402.zip", body.GetProperty("file").GetString());
        Assert.StartsWith("H записей: 2, L записей: 1. НАЙДЕНО ОШИБОК: 1. Время: ", body.GetProperty("message").GetString());
        var result = body.GetProperty("result");
        Assert.Equal(2, result.GetProperty("markedSent").GetInt32());
        Assert.Equal(2, await fixture.StatusAsync(first.Id));
        Assert.Equal(2, await fixture.StatusAsync(second.Id));
        Assert.Equal(1, await fixture.StatusAsync(refused.Id));

        var download = await fixture.Viewer.GetAsync($"/api/packs/{result.GetProperty("packId").GetInt64()}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("H25079660402.zip", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.Equal(["HM250796T25_26047962.xml", "PM250796T25_26047962.xml", "LM250796T25_26047962.xml"], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.Entries[0].Open(), System.Text.Encoding.Latin1);
        var h = reader.ReadToEnd();
        Assert.Contains($"<ZAP><N_ZAP>{first.Number}</N_ZAP><PR_NOV>0</PR_NOV>", h);
        Assert.Contains($"<ZAP><N_ZAP>{second.Number}</N_ZAP><PR_NOV>1</PR_NOV>", h);
        Assert.Contains("<NPR_MO>250228</NPR_MO>", h);
        Assert.Contains("<SUMV_USL>2189.5</SUMV_USL>", h);
        Assert.DoesNotContain($"<N_ZAP>{refused.Number}</N_ZAP>", h);

        await using var conn = fixture.Hub.OpenConnection();
        Assert.Contains("mark-sent operator status 1→2", await fixture.Operator.HistoryAsync(first.Id));
        Assert.Contains("mark-sent operator status 1→2", await fixture.Operator.HistoryAsync(second.Id));
        Assert.DoesNotContain(await fixture.Operator.HistoryAsync(refused.Id), line => line.StartsWith("mark-sent"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "select count(*) from audit_log where entity = 'pack' and entity_id = @id and operation = 'mark-sent'",
            new { id = result.GetProperty("packId").GetInt64().ToString() }));
        Assert.Equal([first.Id, second.Id], await conn.QueryAsync<long>(
            "select visit_id from pack_visit where pack_id = @id order by position", new { id = result.GetProperty("packId").GetInt64() }));
        var stored = Path.Combine(fixture.Hub.DataDir, "packs", "250796");
        Assert.Single(Directory.GetFiles(stored, "*-H25079660402.zip"));
    }

    [Fact]
    public async Task Fresh_only_leaves_sent_visits_out_and_without_it_they_go_in_again()
    {
        var patient = await fixture.AddPatientAsync("c-301");
        var sent = await fixture.AddVisitAsync(patient, 2026, 5, status: 2);
        var open = await fixture.AddVisitAsync(patient, 2026, 5);

        var fresh = await (await PackHubFixture.BuildAsync(fixture.Operator,
            new { month = "2026-05", number = 1, freshOnly = true, confirm = "operator" })).JsonAsync();
        var all = await (await PackHubFixture.BuildAsync(fixture.Operator,
            new { month = "2026-05", number = 2, confirm = "operator" })).JsonAsync();

        Assert.StartsWith("H записей: 1, L записей: 1. Время", fresh.GetProperty("message").GetString());
        Assert.True(fresh.GetProperty("done").GetBoolean());
        Assert.StartsWith("H записей: 2, L записей: 1. Время", all.GetProperty("message").GetString());
        Assert.Equal(0, all.GetProperty("result").GetProperty("markedSent").GetInt32());
        Assert.Equal(1, await fixture.StatusAsync(open.Id));
        Assert.Equal(2, await fixture.StatusAsync(sent.Id));
    }

    [Fact]
    public async Task An_empty_month_gives_no_file_and_a_zero_count()
    {
        var body = await (await PackHubFixture.BuildAsync(fixture.Operator,
            new { month = "2026-06", number = 1, markSent = true, confirm = "operator" })).JsonAsync();

        Assert.Equal("", body.GetProperty("file").GetString());
        Assert.StartsWith("H записей: 0, L записей: 0. Время", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_second_build_of_the_same_month_while_one_runs_is_refused()
    {
        var patient = await fixture.AddPatientAsync("c-401");
        await fixture.AddVisitAsync(patient, 2026, 7);
        await using var other = fixture.Hub.OpenConnection();
        // Another hub (or request) building MO 250796's pack of 2026-07 holds the month's lock.
        await other.ExecuteAsync("select pg_advisory_lock(@cls, @obj)", new { cls = 0x5041434B, obj = fixture.MoId * 10000 + 26 * 100 + 7 });

        var busy = await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2026-07", number = 1, markSent = true, confirm = "operator" });
        var otherMonth = await fixture.Operator.PostAsJsonAsync("/api/packs/check", new { month = "2026-08" });
        await other.ExecuteAsync("select pg_advisory_unlock_all()");
        var after = await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2026-07", number = 1, markSent = true, confirm = "operator" });

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        var body = await busy.JsonAsync();
        Assert.StartsWith("Формирование пакета за 2026-07 уже выполняется Время: ", body.GetProperty("message").GetString());
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, otherMonth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Two_builds_at_once_never_both_run()
    {
        var patient = await fixture.AddPatientAsync("c-451");
        for (var i = 0; i < 300; i++)
        {
            await fixture.AddVisitAsync(patient, 2026, 9);
        }

        var body = new { month = "2026-09", number = 1, markSent = true, confirm = "operator" };
        var answers = await Task.WhenAll(PackHubFixture.BuildAsync(fixture.Operator, body), PackHubFixture.BuildAsync(fixture.Admin, body with { confirm = "admin" }));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("уже выполняется", (await refused.JsonAsync()).GetProperty("message").GetString());
        }

        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal(300, await conn.ExecuteScalarAsync<int>("select sum(marked_sent) from pack where mo_id = @MoId and report_month = 9 and report_year = 2026", new { fixture.MoId }));
    }

    [Fact]
    public async Task Another_mo_cannot_see_or_download_a_pack()
    {
        var patient = await fixture.AddPatientAsync("c-501");
        await fixture.AddVisitAsync(patient, 2026, 10);
        var built = await (await PackHubFixture.BuildAsync(fixture.Admin, new { month = "2026-10", number = 1, confirm = "admin" })).JsonAsync();
        var id = built.GetProperty("result").GetProperty("packId").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.OtherMo.GetAsync($"/api/packs/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.OtherMo.GetAsync($"/api/packs/{id}")).StatusCode);
        Assert.Equal(0, (await fixture.OtherMo.GetFromJsonAsync<JsonElement>("/api/packs")).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Viewer.GetAsync($"/api/packs/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Viewer.GetAsync("/api/packs/..%2F..%2Fetc%2Fpasswd/download")).StatusCode);
        var history = await fixture.Viewer.GetFromJsonAsync<JsonElement>("/api/packs?pageSize=500");
        Assert.Contains(history.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetInt64() == id && p.GetProperty("createdBy").GetString() == "admin");
    }

    [Theory]
    [InlineData("2026-13", 1, "Неверный месяц: 2026-13 (ожидается ГГГГ-ММ)")]
    [InlineData("1999-01", 1, "Неверный месяц: 1999-01 (ожидается ГГГГ-ММ)")]
    [InlineData("январь", 1, "Неверный месяц: январь (ожидается ГГГГ-ММ)")]
    [InlineData("2026-01", 10, "Неверный номер пакета: 10 (ожидается 1–9)")]
    [InlineData("2026-01", 0, "Неверный номер пакета: 0 (ожидается 1–9)")]
    public async Task An_invalid_month_or_number_is_refused_and_nothing_is_recorded(string month, int number, string message)
    {
        await using var conn = fixture.Hub.OpenConnection();
        var before = await conn.ExecuteScalarAsync<long>("select count(*) from pack");

        var response = await PackHubFixture.BuildAsync(fixture.Operator, new { month, number, confirm = "operator" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message + " Время: ", (await response.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(before, await conn.ExecuteScalarAsync<long>("select count(*) from pack"));
    }

    [Fact]
    public async Task A_viewer_cannot_build_and_a_build_needs_the_typed_login()
    {
        var byViewer = await PackHubFixture.BuildAsync(fixture.Viewer, new { month = "2026-01", number = 1, confirm = "viewer" });
        var unconfirmed = await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2026-01", number = 1, confirm = "admin" });

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.StartsWith("Формирование пакета не подтверждено: введите свой логин в поле подтверждения", (await unconfirmed.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_missing_or_unknown_region_format_is_a_clear_error()
    {
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync("update mo set region_format = 'no-such-format' where id = @OtherMoId", new { fixture.OtherMoId });
        var unknown = await fixture.OtherMo.PostAsJsonAsync("/api/packs/check", new { month = "2026-01" });
        await conn.ExecuteAsync("update mo set region_format = null where id = @OtherMoId", new { fixture.OtherMoId });
        var none = await fixture.OtherMo.PostAsJsonAsync("/api/packs/check", new { month = "2026-01" });
        await conn.ExecuteAsync("update mo set region_format = 'primorye-25' where id = @OtherMoId", new { fixture.OtherMoId });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("Модуль формата региона «no-such-format» не установлен", (await unknown.JsonAsync()).GetProperty("message").GetString());
        Assert.StartsWith("Для МО не выбран формат региона", (await none.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_missing_lpu_1_stops_the_run_with_the_plugins_message()
    {
        var patient = await fixture.AddPatientAsync("c-601", moId: fixture.OtherMoId);
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync("update mo set lpu_1 = null where id = @OtherMoId", new { fixture.OtherMoId });

        var response = await fixture.OtherMo.PostAsJsonAsync("/api/packs/check", new { month = "2026-11" });

        await conn.ExecuteAsync("update mo set lpu_1 = '25202607000001001' where id = @OtherMoId", new { fixture.OtherMoId });
        Assert.True(patient > 0);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Не задан LPU_1", (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Visits_without_a_known_doctor_are_reported_not_skipped()
    {
        var patient = await fixture.AddPatientAsync("c-701");
        var visit = await fixture.AddVisitAsync(patient, 2026, 12);
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync("update visit set doc_code = 77 where id = @Id", new { visit.Id });

        var body = await (await fixture.Viewer.PostAsJsonAsync("/api/packs/check", new { month = "2026-12" })).JsonAsync();

        var problem = Assert.Single(body.GetProperty("result").GetProperty("problems").EnumerateArray());
        Assert.Equal($"{visit.Number}-Не найден врач талона: специальность 63, код 77", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_referring_mo_comes_from_the_local_mo_book_and_services_from_the_visit()
    {
        var patient = await fixture.AddPatientAsync("c-801");
        var visit = await fixture.AddVisitAsync(patient, 2027, 3);
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync("update visit set npr_mo = '337' where id = @Id", new { visit.Id });
        await conn.ExecuteAsync(
            "insert into visit_service (visit_id, code, quantity, service_date, exec_podr) values (@Id, 'A05.30.004.002', 1, '2027-03-04', 221)",
            new { visit.Id });

        var built = await (await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2027-03", number = 1, confirm = "operator" })).JsonAsync();
        var download = await fixture.Operator.GetAsync($"/api/packs/{built.GetProperty("result").GetProperty("packId").GetInt64()}/download");
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries[0].Open(), System.Text.Encoding.Latin1);
        var h = reader.ReadToEnd();

        Assert.Contains("<NPR_MO>250337</NPR_MO>", h);
        // The MRI code has no tariff in the MO's book: left out; the CT row and the appointment service remain.
        Assert.DoesNotContain("A05.30.004.002", h);
        Assert.Contains("<CODE_USL>A06.09.005</CODE_USL>", h);
        Assert.Contains("<CODE_USL>B01.039.001</CODE_USL>", h);
    }
}
