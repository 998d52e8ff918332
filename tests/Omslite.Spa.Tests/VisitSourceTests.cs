using Dapper;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class VisitSourceTests(SpaHub hub)
{
    [Fact]
    public async Task Conflicts_with_the_mis_are_badged_in_the_list_and_resolved_on_the_source_tab()
    {
        // The MIS changed the diagnosis and the outcome after both were corrected here; another visit was cancelled in
        // the MIS after it had been sent.
        var visit = await SeedData.SyncedVisitAsync(hub, "tab-mis", "6101", "ИСТОЧНИКОВА", 1, null, ("ds1", "R91", "Z01.8"), ("ishod", "3", "4"));
        var cancelled = await SeedData.SyncedVisitAsync(hub, "tab-mis", "6102", "ОТМЕНОВА", 2, "Отменён в МИС после отправки в ТФОМС");

        var page = await hub.SignInAsync();
        await page.GotoAsync(hub.BaseUrl + "/visits");
        await page.Locator("select[name=state]").SelectOptionAsync("conflict");
        var row = page.Locator("table.grid tbody tr", new() { HasText = "ИСТОЧНИКОВА" });
        await Expect(row.Locator(".badge.problem")).ToHaveTextAsync("конфликт МИС ×2");
        await Expect(page.Locator("table.grid tbody tr", new() { HasText = "ОТМЕНОВА" }).Locator(".badge.problem"))
            .ToHaveTextAsync("Отменён в МИС после отправки в ТФОМС");
        Assert.All(await page.Locator("table.grid tbody tr td.fio").AllInnerTextsAsync(), fio => Assert.Matches("ИСТОЧНИКОВА|ОТМЕНОВА", fio));
        await SpaHub.ShotAsync(page, "visits-conflicts");
        // The flags wrap under the state: the list fits a 1366 px screen without scrolling sideways to see them.
        Assert.True(await page.Locator(".table-wrap").EvaluateAsync<bool>("wrap => wrap.scrollWidth <= wrap.clientWidth"));

        await page.GotoAsync($"{hub.BaseUrl}/visits/{cancelled.Id}");
        await Expect(page.GetByTestId("review-reason")).ToHaveTextAsync("Требует проверки: Отменён в МИС после отправки в ТФОМС.");

        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(page.Locator("input[name=ds1]")).ToHaveValueAsync("Z01.8");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Источник" }).Locator(".tab-badge")).ToHaveTextAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Разобрать" }).ClickAsync();
        var ds1 = page.Locator(".source-tab tbody tr", new() { HasText = "Осн. диагноз" });
        await Expect(ds1).ToHaveClassAsync("conflict");
        await Expect(ds1.Locator("td").Nth(1)).ToHaveTextAsync("R91");
        await Expect(ds1.Locator("td").Nth(2)).ToHaveTextAsync("Z01.8");
        await Expect(page.Locator(".source-tab tbody tr", new() { HasText = "Результат" })).ToContainTextAsync("исправлено");
        // The fields the MIS sent as they are stored are not "corrected": only the result is.
        await Expect(page.Locator(".source-tab tbody tr", new() { HasText = "исправлено" })).ToHaveCountAsync(1);
        await SpaHub.ShotAsync(page, "visit-source");

        await ds1.GetByRole(AriaRole.Button, new() { Name = "Вернуть значение МИС" }).ClickAsync();
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync("Осн. диагноз: возвращено значение МИС (R91)");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Источник" }).Locator(".tab-badge")).ToHaveTextAsync("1");
        var ishod = page.Locator(".source-tab tbody tr", new() { HasText = "Исход" });
        await ishod.GetByRole(AriaRole.Button, new() { Name = "Оставить исправление" }).ClickAsync();
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync("Исход: исправление оставлено (4)");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Источник" }).Locator(".tab-badge")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Конфликтов с МИС нет.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Талон" }).ClickAsync();
        await Expect(page.Locator("input[name=ds1]")).ToHaveValueAsync("R91");
        await Expect(page.Locator("input[name=ishod]")).ToHaveValueAsync("4");
        await using var conn = await hub.Database.OpenConnectionAsync();
        var stored = await conn.QuerySingleAsync<(string Ds1, int Ishod, string Conflicts)>(
            "select ds1, ishod, conflicts::text from visit where id = @Id", new { visit.Id });
        Assert.Equal(("R91", 4, "{}"), stored);
    }
}
