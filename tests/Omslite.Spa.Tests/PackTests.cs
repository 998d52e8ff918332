using System.IO.Compression;
using Dapper;
using Omslite.Hub.Demo;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class PackTests(SpaHub hub)
{
    [Fact]
    public async Task A_month_is_checked_with_links_to_its_problems_then_built_with_the_login_typed_and_downloaded()
    {
        var excluded = await SeedData.PackMonthAsync(hub);
        var page = await hub.SignInAsync();
        await page.Locator(".menu").GetByText("Реестры", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Реестры: пакеты для ТФОМС");
        await Expect(page.Locator("input[name=fresh]")).ToBeCheckedAsync();
        await Expect(page.Locator("input[name=markSent]")).ToBeCheckedAsync();

        // "Проверить": two visits pass, the one without a service is excluded, with links to it and its card.
        await page.Locator("input[name=month]").FillAsync(SeedData.PackMonth);
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        var message = page.GetByTestId("task-message");
        await Expect(message).ToContainTextAsync("H записей: 2, L записей: 2. НАЙДЕНО ОШИБОК: 1.");
        await Expect(message).ToHaveClassAsync("task-message failed");
        var problem = page.GetByTestId("pack-problems").Locator("tbody tr");
        await Expect(problem).ToHaveCountAsync(1);
        await Expect(problem).ToContainTextAsync("ошибка ПМУ");
        await SpaHub.ShotAsync(page, "packs-check");

        await problem.GetByRole(AriaRole.Link, new() { Name = excluded.Number.ToString(), Exact = true }).ClickAsync();
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync($"Талон № {excluded.Number}");
        await page.GoBackAsync();
        await problem.GetByRole(AriaRole.Link, new() { Name = excluded.Card, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{hub.BaseUrl}/patients/{excluded.PatientId}");
        await page.GoBackAsync();
        await Expect(page.GetByTestId("pack-problems").Locator("tbody tr")).ToHaveCountAsync(1);

        // "Сформировать": a login that is not yours builds nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await page.Locator(".dialog input[name=dialog-input]").FillAsync("admin");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await Expect(page.Locator(".task-status .message.error")).ToHaveTextAsync("Формирование не подтверждено: введён не ваш логин");

        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await Expect(page.Locator(".dialog")).ToContainTextAsync("Пакет № 1 за март 2026");
        await page.Locator(".dialog input[name=dialog-input]").FillAsync(DemoUser.Login);
        await SpaHub.ShotAsync(page, "packs-confirm");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await Expect(message).ToContainTextAsync("H записей: 2, L записей: 2. НАЙДЕНО ОШИБОК: 1.");
        var file = page.GetByTestId("pack-file").GetByRole(AriaRole.Button);
        await Expect(file).ToHaveTextAsync("H25099960301.zip");
        await SpaHub.ShotAsync(page, "packs");

        var download = await page.RunAndWaitForDownloadAsync(() => file.ClickAsync());
        Assert.Equal("H25099960301.zip", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"omslite-pack-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(saved);
        try
        {
            using var zip = ZipFile.OpenRead(saved);
            Assert.Contains(zip.Entries, e => e.Name.StartsWith("HM250999", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.Name.StartsWith("LM250999", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(saved);
        }

        // The history lists the check and the pack; the two packed visits are now sent.
        var history = page.Locator(".panel", new() { HasText = "История пакетов" }).Locator("tbody tr", new() { HasText = "март 2026" });
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.First).ToContainTextAsync("пакет № 1");
        await Expect(history.Nth(1)).ToContainTextAsync("проверка");
        await using var conn = await hub.Database.OpenConnectionAsync();
        var sent = await conn.ExecuteScalarAsync<int>(
            "select count(*) from visit where mo_id = @MoId and report_year = 2026 and report_month = 3 and status = 2", new { hub.MoId });
        Assert.Equal(2, sent);
    }
}
