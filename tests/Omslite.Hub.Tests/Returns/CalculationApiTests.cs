using System.IO.Compression;
using System.Net;
using Dapper;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Returns;

/// <summary>The preliminary calculations through the API (workflows.md §4, D6): tariff of the service date × quantity, exact.</summary>
public class CalculationApiTests(ReturnsHub hub) : IClassFixture<ReturnsHub>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var conn = hub.Instance.OpenConnection();
        if (await conn.ExecuteScalarAsync<bool>("select exists (select 1 from tariff_version where mo_id = @mo)", new { mo = hub.MoId }))
        {
            return;
        }

        // Two tariff versions: a service dated before 2023-03-01 takes the first price, one after it the second.
        await conn.ExecuteAsync(
            """
            with v1 as (insert into tariff_version (mo_id, valid_from) values (@mo, '2023-01-01') returning id),
                 v2 as (insert into tariff_version (mo_id, valid_from) values (@mo, '2023-03-01') returning id)
            insert into tariff (version_id, code, name, price)
            select id, 'A06.09.005', 'КТ органов грудной полости', 2230.73 from v1
            union all select id, 'A05.23.009', 'МРТ головного мозга', 0.10 from v1
            union all select id, 'A06.09.005', 'КТ органов грудной полости', 2500.01 from v2
            union all select id, 'A05.23.009', 'МРТ головного мозга', 0.20 from v2
            """, new { mo = hub.MoId });
        await hub.AddVisitAsync(4001, 2023, 2, status: 1, nprMo: "028", services: [("A06.09.005", 2, "2023-02-27"), ("A05.23.009", 3, "2023-02-28")]);
        await hub.AddVisitAsync(4002, 2023, 2, status: 2, nprMo: "028", services: [("A06.09.005", 1, "2023-03-01"), ("A05.23.009", 1, "2023-03-02")]);
        await hub.AddVisitAsync(4003, 2023, 2, status: 1, nprMo: "047", services: [("A06.09.005", 1, "2023-02-10"), ("A06.00.000", 4, "2023-02-10")]);
        await hub.AddVisitAsync(4004, 2023, 2, status: 0, nprMo: "047", services: [("A06.09.005", 9, "2023-02-10")]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<(string Message, byte[] File)> RunAsync(HttpClient client, string kind, params (string, string)[] fields)
    {
        var response = await client.PostAsync($"/api/calculations/{kind}", Form(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("done").GetBoolean(), body.GetProperty("message").GetString());
        var file = body.GetProperty("file").GetString()!;
        return (body.GetProperty("message").GetString()!, await (await client.GetAsync($"/api/files/{file}")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_month_summary_prices_each_service_at_the_tariff_of_its_date_times_its_quantity()
    {
        var (message, xlsx) = await RunAsync(hub.Viewer, "by-month", ("month", "2023-02"));

        Assert.StartsWith("Расчет Расчет услуг за месяц Записей обработано 3 Время:", message);
        // МРТ (sheet1): ККБ 3 × 0.10 + 1 × 0.20 = 0.50; КТ (sheet2): ККБ 2 × 2230.73 + 2500.01 = 6961.47, ГП 3 1 × 2230.73 (the deleted visit left out).
        Assert.Equal(("250028", "ККБ", "4", "0.50"), (ReturnsHub.Cell(xlsx, "A6"), ReturnsHub.Cell(xlsx, "B6"), ReturnsHub.Cell(xlsx, "C6"), ReturnsHub.Cell(xlsx, "D6")));
        const string kt = "xl/worksheets/sheet2.xml";
        Assert.Equal(("250028", "3", "6961.47"), (ReturnsHub.Cell(xlsx, "A6", kt), ReturnsHub.Cell(xlsx, "C6", kt), ReturnsHub.Cell(xlsx, "D6", kt)));
        Assert.Equal(("250047", "1", "2230.73"), (ReturnsHub.Cell(xlsx, "A7", kt), ReturnsHub.Cell(xlsx, "C7", kt), ReturnsHub.Cell(xlsx, "D7", kt)));
        Assert.Equal(("ИТОГО:", "9192.20"), (ReturnsHub.Cell(xlsx, "C10", kt), ReturnsHub.Cell(xlsx, "D10", kt)));
    }

    [Fact]
    public async Task The_service_summary_of_a_period_lists_each_code_and_tariff_and_keeps_untariffed_codes()
    {
        var (message, xlsx) = await RunAsync(hub.Viewer, "by-service", ("date_beg", "2023-02-01"), ("date_end", "2023-02-28"), ("talons_mo", "47"));

        Assert.StartsWith("Расчет Расчет услуг за месяц (год) по МО Записей обработано 2 Время:", message);
        const string kt = "xl/worksheets/sheet2.xml";
        Assert.Equal("MO Направления 047 За период 01.02.2023 - 28.02.2023", ReturnsHub.Cell(xlsx, "B1", kt));
        Assert.Equal(("A06.00.000", null, null, "4", null),
            (ReturnsHub.Cell(xlsx, "A6", kt), ReturnsHub.Cell(xlsx, "B6", kt), ReturnsHub.Cell(xlsx, "C6", kt), ReturnsHub.Cell(xlsx, "D6", kt), ReturnsHub.Cell(xlsx, "E6", kt)));
        Assert.Equal(("A06.09.005", "2230.73", "1", "2230.73"),
            (ReturnsHub.Cell(xlsx, "A7", kt), ReturnsHub.Cell(xlsx, "C7", kt), ReturnsHub.Cell(xlsx, "D7", kt), ReturnsHub.Cell(xlsx, "E7", kt)));
    }

    [Fact]
    public async Task Referral_registers_are_zipped_per_mo_and_marking_sent_needs_an_operator()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Viewer.PostAsync("/api/calculations/referrals", Form(("month", "2023-02"), ("sent", "1")))).StatusCode);

        var (message, zip) = await RunAsync(hub.Operator, "referrals", ("month", "2023-02"), ("sent", "true"));

        Assert.StartsWith("Расчет Для МО по направлениям Записей обработано 6 (без тарифа: 1) Время:", message);
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(2, archive.Entries.Count);
        Assert.StartsWith("reestr_mo028__02_2023_", archive.Entries[0].FullName);
        using var book = new MemoryStream();
        archive.Entries[0].Open().CopyTo(book);
        Assert.Equal(("ГБУЗ Краевая клиническая больница", "4001", "A06.09.005", "4461.46"),
            (ReturnsHub.Cell(book.ToArray(), "E3", "xl/worksheets/sheet2.xml"), ReturnsHub.Cell(book.ToArray(), "A9", "xl/worksheets/sheet2.xml"),
                ReturnsHub.Cell(book.ToArray(), "I9", "xl/worksheets/sheet2.xml"), ReturnsHub.Cell(book.ToArray(), "J9", "xl/worksheets/sheet2.xml")));
        await using var conn = hub.Instance.OpenConnection();
        Assert.Equal([2, 2, 2], await conn.QueryAsync<int>("select status from visit where number in (4001, 4002, 4003) order by number"));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>(
            "select count(*) from audit_visit l join audit_log a on a.id = l.audit_id where a.operation = 'mark-sent' and a.actor = 'operator'"));
    }

    [Fact]
    public async Task The_own_calculation_prints_the_priced_visits_in_the_payers_layout()
    {
        var (message, xlsx) = await RunAsync(hub.Viewer, "own", ("month", "2023-02"), ("smo", "25011"));

        Assert.StartsWith("Расчет Амбулаторный (предварительный расчет) Записей обработано 3 Время:", message);
        Assert.Equal(("4001", "4461.76", "ВС Альянс"), (ReturnsHub.Cell(xlsx, "A13"), ReturnsHub.Cell(xlsx, "Q13"), ReturnsHub.Cell(xlsx, "E7")));
    }

    [Fact]
    public async Task A_wrong_month_or_kind_is_refused()
    {
        var month = await hub.Viewer.PostAsync("/api/calculations/by-month", Form(("month", "23-02")));
        var kind = await hub.Viewer.PostAsync("/api/calculations/everything", Form(("month", "2023-02")));

        Assert.Equal(HttpStatusCode.BadRequest, month.StatusCode);
        Assert.Contains("Неверный месяц: 23-02", (await month.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
    }
}
