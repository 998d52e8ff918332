using System.Net;
using System.Text;
using Dapper;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Returns;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Tests.Returns;

/// <summary>MEK list, CSV and transfer (workflows.md §5, D4, D7).</summary>
public class MekApiTests(ReturnsHub hub) : IClassFixture<ReturnsHub>
{
    private static readonly int ThisYear = DateTime.Now.Year;

    private async Task<(int Year, int Month, int Status, bool Mek, int Services)> StateAsync(long visit)
    {
        await using var conn = hub.Instance.OpenConnection();
        return await conn.QuerySingleAsync<(int, int, int, bool, int)>(
            "select report_year, report_month, status, mek, (select count(*)::int from visit_service where visit_id = v.id) from visit v where id = @visit", new { visit });
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task The_list_counts_the_months_open_mek_visits_and_the_csv_follows_d4()
    {
        var listed = await hub.AddVisitAsync(3001, 2021, 7, status: 1, mek: true, fam: "О\"Брайен; мл.");
        await hub.AddVisitAsync(3002, 2021, 7, status: 2, mek: true);
        await hub.AddVisitAsync(3003, 2021, 7, status: 1, mek: false);

        var list = await (await hub.Viewer.GetAsync("/api/mek?month=2021-07")).JsonAsync();
        var export = await (await hub.Viewer.GetAsync("/api/mek/export?month=2021-07")).JsonAsync();
        var empty = await hub.Viewer.GetAsync("/api/mek/export?month=2021-01");
        var wrong = await hub.Viewer.GetAsync("/api/mek?month=2021-13");

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(listed, list.GetProperty("items")[0].GetProperty("visitId").GetInt64());
        Assert.True(export.GetProperty("done").GetBoolean());
        Assert.StartsWith("МЭК за месяц Июль 2021, записей в файле 1 Время:", export.GetProperty("message").GetString());
        var file = export.GetProperty("file").GetString()!;
        Assert.Matches(@"^MEK_\d{4}-\d{2}-\d{2}_[A-Za-z0-9]{4}\.csv$", file);
        var bytes = await (await hub.Viewer.GetAsync($"/api/files/{file}")).Content.ReadAsByteArrayAsync();
        Assert.Equal(
            "\uFEFFtal_num;crd_num;fam;open_date;close_date;usl_ok;ds1\r\n3001;C3001;\"О\"\"Брайен; мл.\";2021-07-03;2021-07-04;3;R91\r\n",
            Encoding.UTF8.GetString(bytes));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var soft = await empty.JsonAsync();
        Assert.False(soft.GetProperty("done").GetBoolean());
        Assert.StartsWith("Нет записей с МЭК за месяц Январь 2021 Время:", soft.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Неверный месяц: 2021-13", (await wrong.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task December_moves_to_january_of_this_year_then_forward_by_months_and_is_audited()
    {
        var december = await hub.AddVisitAsync(3101, ThisYear - 1, 12, status: 1, mek: true, services: ("A06.09.005", 1, $"{ThisYear - 1}-12-03"));
        var closed = await hub.AddVisitAsync(3102, ThisYear - 1, 12, status: 2, mek: true);

        var first = await (await hub.Operator.PostAsync("/api/mek/transfer", Form(("month", $"{ThisYear - 1}-12"), ("target", $"{ThisYear}-01")))).JsonAsync();
        var second = await (await hub.Operator.PostAsync("/api/mek/transfer", Form(("month", $"{ThisYear}-01"), ("target", $"{ThisYear}-02")))).JsonAsync();

        Assert.True(first.GetProperty("done").GetBoolean());
        Assert.StartsWith($"Перенесли МЭКи на Январь {ThisYear - 1} {ThisYear}: записей 1.", first.GetProperty("message").GetString());
        Assert.StartsWith($"Перенесли МЭКи на Февраль {ThisYear} {ThisYear}: записей 1.", second.GetProperty("message").GetString());
        Assert.Equal((ThisYear, 2, 1, true, 1), await StateAsync(december));
        Assert.Equal((ThisYear - 1, 12, 2, true, 0), await StateAsync(closed));
        await using var conn = hub.Instance.OpenConnection();
        Assert.Equal(
            ["reportMonth 12→1", "reportYear " + (ThisYear - 1) + "→" + ThisYear, "reportMonth 1→2"],
            await conn.QueryAsync<string>(
                "select field || ' ' || old_value || '→' || new_value from audit_log where operation = 'mek-transfer' and entity_id = @id order by id",
                new { id = december.ToString() }));
    }

    private static int _refusalNumber = 3200;

    public static TheoryData<string, string, string> Refusals => new()
    {
        { $"{ThisYear}-03", $"{ThisYear}-02", "Переносить МЭК можно только вперед по месяцам" },
        { $"{ThisYear}-03", $"{ThisYear}-03", "Переносить МЭК можно только вперед по месяцам" },
        { $"{ThisYear - 1}-11", $"{ThisYear}-01", "Переносить МЭК на год вперед можно только с декабря на январь" },
        { $"{ThisYear - 2}-12", $"{ThisYear}-01", "Переносить МЭК можно только на один год вперед" },
        { $"{ThisYear}-12", $"{ThisYear + 1}-01", "Переносить МЭК можно только на текущий год" },
        { $"{ThisYear}-03", $"{ThisYear}-13", "Неверный месяц" },
        { $"{ThisYear}-00", $"{ThisYear}-03", "Неверный месяц" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_backward_or_too_far_transfer_is_refused_and_changes_nothing(string month, string target, string expected)
    {
        // A month that is not one (00) puts the visit in June, out of the way of the other tests' months.
        var visitMonth = int.Parse(month[5..]) is var m and >= 1 and <= 12 ? m : 6;
        var visit = await hub.AddVisitAsync(Interlocked.Increment(ref _refusalNumber), int.Parse(month[..4]), visitMonth, status: 1, mek: true);
        var before = await StateAsync(visit);

        var response = await hub.Operator.PostAsync("/api/mek/transfer", Form(("month", month), ("target", target)));

        await response.AssertRefusedTaskAsync(expected);
        Assert.Equal(before, await StateAsync(visit));
    }

    [Fact]
    public async Task A_viewer_may_list_but_not_transfer()
    {
        Assert.Equal(HttpStatusCode.OK, (await hub.Viewer.GetAsync("/api/mek?month=2021-07")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await hub.Viewer.PostAsync("/api/mek/transfer", Form(("month", $"{ThisYear}-01"), ("target", $"{ThisYear}-02")))).StatusCode);
    }

    /// <summary>The original's acceptance cases (workflows.md §5.4) with "today" in 2024.</summary>
    [Fact]
    public async Task The_originals_acceptance_cases_pass_with_today_in_2024()
    {
        await using var conn = hub.Instance.OpenConnection();
        var v3 = await hub.AddVisitAsync(3303, 2023, 11, status: 1, mek: true, services: ("A06.09.005", 1, "2023-11-03"));
        var v4 = await hub.AddVisitAsync(3304, 2023, 12, status: 2, mek: true, services: ("A06.09.005", 1, "2023-12-03"));
        var v5 = await hub.AddVisitAsync(3305, 2023, 12, status: 1, mek: true, services: ("A06.09.005", 1, "2023-12-03"));
        var v6 = await hub.AddVisitAsync(3306, 2023, 12, status: 1, mek: true, services: ("A06.09.005", 1, "2023-12-03"));
        await hub.AddVisitAsync(3301, 2023, 12, status: 1, mek: false);
        var options = new OmsliteOptions { DataDir = hub.Instance.DataDir };
        var database = NpgsqlDataSource.Create(hub.Instance.ConnectionString);
        var mek = new MekVisits(database, new ProducedFiles(options, database), new FixedClock(new DateTimeOffset(2024, 3, 15, 12, 0, 0, TimeSpan.Zero)));
        async Task<string> Refusal(ReportPeriod from, ReportPeriod to) =>
            (await Assert.ThrowsAsync<ArgumentException>(() => mek.TransferAsync(hub.MoId, from, to, "test", default))).Message;

        Assert.False((await mek.ExportAsync(hub.MoId, ReturnsHub.Mo, new(2023, 10), "test", default)).Done);
        Assert.True((await mek.ExportAsync(hub.MoId, ReturnsHub.Mo, new(2023, 11), "test", default)).Done);
        Assert.Contains("только на текущий год", await Refusal(new(2023, 11), new(2023, 12)));
        Assert.Contains("только на один год вперед", await Refusal(new(2022, 11), new(2024, 1)));
        Assert.Contains("только с декабря на январь", await Refusal(new(2023, 11), new(2024, 1)));
        var january = await mek.TransferAsync(hub.MoId, new(2023, 12), new(2024, 1), "test", default);
        Assert.StartsWith("Перенесли МЭКи на Январь 2023 2024: записей 2.", january.Message);
        Assert.Equal((2024, 1, 1, true, 1), await StateAsync(v5));
        Assert.Equal((2024, 1, 1, true, 1), await StateAsync(v6));
        Assert.Equal((2023, 12, 2, true, 1), await StateAsync(v4));
        Assert.Equal((2023, 11, 1, true, 1), await StateAsync(v3));
        var february = await mek.TransferAsync(hub.MoId, new(2024, 1), new(2024, 2), "test", default);
        Assert.StartsWith("Перенесли МЭКи на Февраль 2024 2024: записей 2.", february.Message);
        Assert.Equal((2024, 2, 1, true, 1), await StateAsync(v6));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
