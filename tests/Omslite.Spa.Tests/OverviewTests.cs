using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class OverviewTests(SpaHub hub)
{
    /// <summary>July 2026: a month of its own, away from the other tests' visits.</summary>
    private const int Month = 7;

    private static readonly string[] MonthNames =
        ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"];

    [Fact]
    public async Task The_overview_counts_the_month_by_stage_and_each_card_opens_exactly_its_visits()
    {
        var expected = await SeedMonthAsync();

        var page = await hub.SignInAsync();
        await ShowMonthAsync(page);
        foreach (var (stage, count) in expected)
        {
            await Expect(page.GetByTestId("count-" + stage)).ToHaveTextAsync(count.ToString());
        }

        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("9");
        await Expect(page.GetByTestId("count-open")).ToHaveTextAsync("8");
        await Expect(page.GetByTestId("count-closed")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-conflict")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("month-summary")).ToContainTextAsync("«с замечаниями» и «готовы» — по проверке");
        await Expect(page.GetByTestId("stage-ready")).ToContainTextAsync("готовы");
        await Expect(page.GetByTestId("stage-ready")).ToHaveAttributeAsync("title", new Regex("войдут в следующий пакет"));
        var steps = page.GetByTestId("next-steps");
        await Expect(steps).ToContainTextAsync("Ещё не проверены: новые из МИС — 1, исправленные — 1, введённые вручную — 1.");
        await Expect(steps).ToContainTextAsync("Последняя проверка за июль не пропустила 1 талон");
        await Expect(steps).ToContainTextAsync("ТФОМС вернул 1 талон с ошибками ФЛК");
        await SpaHub.ShotAsync(page, "overview");

        // Each card: Случаи of the month, filtered to the stage, with as many visits as the card says; back, the
        // overview is still on the month.
        foreach (var (stage, count) in expected)
        {
            await page.GetByTestId("stage-" + stage).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Случаи");
            await Expect(page.Locator("select[name=state]")).ToHaveValueAsync(stage);
            await Expect(page.Locator("select[name=month]")).ToHaveValueAsync(Month.ToString());
            await Expect(page.Locator("select[name=year]")).ToHaveValueAsync("2026");
            await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(count);
            await Expect(page.Locator(".pager .count").First).ToContainTextAsync($"из {count} ");
            if (stage == "problem")
            {
                await Expect(page.Locator("table.grid tbody tr")).ToContainTextAsync("БЕЗУСЛУГОВА");
            }

            await page.GoBackAsync();
            await Expect(page.GetByTestId("report-month")).ToHaveTextAsync($"Отчётный месяц: {MonthNames[Month - 1]} 2026");
            await Expect(page.GetByTestId("count-" + stage)).ToHaveTextAsync(count.ToString());
        }
    }

    /// <summary>Clicks the month arrows until the overview shows <see cref="Month"/> of 2026.</summary>
    private static async Task ShowMonthAsync(IPage page)
    {
        var target = $"Отчётный месяц: {MonthNames[Month - 1]} 2026";
        for (var i = 0; i < 36 && await page.GetByTestId("report-month").InnerTextAsync() != target; i++)
        {
            var shown = (await page.GetByTestId("report-month").InnerTextAsync()).Split(' ');
            var later = int.Parse(shown[^1]) * 12 + Array.IndexOf(MonthNames, shown[^2]) > 2026 * 12 + Month - 1;
            await page.GetByRole(AriaRole.Button, new() { Name = later ? "Предыдущий месяц" : "Следующий месяц" }).ClickAsync();
        }

        await Expect(page.GetByTestId("report-month")).ToHaveTextAsync(target);
    }

    /// <summary>
    /// The month's visits, one or two in each stage: the pack tests' three (checked: two pass, the one without a
    /// service does not), then — after the check — one from the MIS as it came, one corrected here (with a conflict),
    /// one typed in, one refused by TFOMS's protocol, one refused at MEK, one sent. Returns stage → count. A synced
    /// visit keeps what a sync keeps: the non-null values of every field a sync writes.
    /// </summary>
    private async Task<Dictionary<string, int>> SeedMonthAsync()
    {
        await SeedData.PackMonthAsync(hub, Month);
        using var api = await hub.ApiAsync();
        var check = await api.PostAsJsonAsync("/api/packs/check", new { month = $"2026-{Month:00}" });
        Assert.True(check.IsSuccessStatusCode, await check.Content.ReadAsStringAsync());

        var synced = await VisitAsync("7701", "НОВИКОВА");
        var corrected = await VisitAsync("7702", "ПРАВКИНА");
        await VisitAsync("7703", "РУЧНОВА"); // typed in
        var refused = await VisitAsync("7704", "ФЛКОВА");
        var mek = await VisitAsync("7705", "МЭКОВА");
        var sent = await VisitAsync("7706", "ОТПРАВЛЕНОВА");
        await using var conn = await hub.Database.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into mis_source (mo_id, name, connector) values (@MoId, 'overview-mis', 'sql-firebird') on conflict do nothing;
            update visit v set source_id = (select id from mis_source where mo_id = @MoId and name = 'overview-mis'), source_key = 'OV-' || v.id
            where id in (@synced, @corrected);
            insert into visit_mis (visit_id, mis_values)
            select v.id, (select jsonb_object_agg(key, value) from jsonb_each_text(to_jsonb(v))
                          where key in (select jsonb_object_keys(visit_synced_blank())) and value is not null)
            from visit v where id in (@synced, @corrected);
            update visit set ds1 = 'Z01.8', conflicts = '{"rslt": {"Mis": "1", "Local": "14"}}' where id = @corrected;
            update visit set status = 2 where id = @sent;
            update visit set mek = true where id = @mek;
            with batch as (
                insert into flk_batch (mo_id, file_name, report_year, report_month, records, cases, matched, errors, reopened, imported_by)
                values (@MoId, 'FHT25M250999_26079991.xml', 2026, 7, 1, 1, 1, 1, 1, 'demo') returning id)
            insert into flk_error (batch_id, visit_id, patient_id, visit_number, code, description)
            select batch.id, v.id, v.patient_id, v.number, '910', 'Пациент не идентифицирован в РС ЕРЗ' from batch, visit v where v.id = @refused;
            """,
            new { hub.MoId, synced, corrected, sent, mek, refused });
        return new() { ["new"] = 1, ["corrected"] = 1, ["manual"] = 1, ["problem"] = 1, ["flk"] = 1, ["mek"] = 1, ["ready"] = 2, ["sent"] = 1 };
    }

    /// <summary>A card with one open visit of the month, typed in; returns the visit id.</summary>
    private async Task<long> VisitAsync(string card, string fam)
    {
        var visit = await SeedData.VisitAsync(hub, card, fam);
        await using var conn = await hub.Database.OpenConnectionAsync();
        await conn.ExecuteAsync(
            "update visit set open_date = '2026-07-10', close_date = '2026-07-10', report_year = 2026, report_month = 7 where id = @Id",
            new { visit.Id });
        return visit.Id;
    }
}
