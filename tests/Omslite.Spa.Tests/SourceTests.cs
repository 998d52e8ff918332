using Dapper;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class SourceTests(SpaHub hub)
{
    [Fact]
    public async Task An_admin_adds_a_source_whose_plugin_is_missing_and_its_sync_fails_saying_why()
    {
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.Locator(".menu").GetByText("Источники", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Добавить источник" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Новый источник");

        await page.Locator("input[name=name]").FillAsync("clinic-mis");
        await page.Locator("input[name=connector]").FillAsync("omslite-legacy");
        await page.Locator("input[name=connectionString]").FillAsync("Host=mis.local;Database=clinic;Username=omslite;Password=s3cret-pw");
        await page.Locator("input[name=schedule]").FillAsync("каждый час");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить настройку" }).ClickAsync();
        await page.Locator("input[name=settingKey0]").FillAsync("Mapping");
        await page.Locator("input[name=settingValue0]").FillAsync("sample-clinic");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-field=schedule] .error")).ToContainTextAsync("Неверное расписание «каждый час»");

        await page.Locator("input[name=schedule]").FillAsync("0 3 * * *");
        await page.Locator("input[name=schedule]").PressAsync("Control+Enter");
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync("Источник «clinic-mis» добавлен");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Источник «clinic-mis»");
        await Expect(page.GetByTestId("plugin-status").First).ToContainTextAsync("не установлен");
        await Expect(page.Locator("[data-field=connectionString] .hint")).ToContainTextAsync("password=***");
        Assert.DoesNotContain("s3cret-pw", await page.ContentAsync());
        await Expect(page.Locator("input[name=settingValue0]")).ToHaveValueAsync("sample-clinic");

        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить подключение" }).ClickAsync();
        await Expect(page.GetByTestId("connection-result")).ToContainTextAsync("Плагин-коннектор «omslite-legacy» не загружен");

        // Sync: the run starts in the background, fails at once for want of the plugin, and says what to do.
        await page.GetByRole(AriaRole.Button, new() { Name = "Синхронизировать" }).ClickAsync();
        await Expect(page.GetByTestId("sync-result")).ToContainTextAsync("Синхронизация не удалась");
        await Expect(page.GetByTestId("sync-result")).ToContainTextAsync("«omslite-legacy» не установлен: положите его в папку плагинов хаба");
        var history = page.Locator(".run-history table.grid tbody tr");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.First).ToContainTextAsync("ошибка");
        await Expect(history.First).ToContainTextAsync("вручную (admin)");
        await Expect(history.First).ToContainTextAsync("не установлен");
        await SpaHub.ShotAsync(page, "source-detail");

        await page.GetByRole(AriaRole.Link, new() { Name = "К списку" }).ClickAsync();
        var card = page.GetByTestId("source-clinic-mis");
        await Expect(card).ToContainTextAsync("не установлен");
        await Expect(card).ToContainTextAsync("0 3 * * *");
        await Expect(card.GetByTestId("run-summary")).ToContainTextAsync("ошибка");
        await SpaHub.ShotAsync(page, "sources");

        await using var conn = await hub.Database.OpenConnectionAsync();
        var status = await conn.ExecuteScalarAsync<string>(
            "select r.status from sync_run r join mis_source s on s.id = r.source_id where s.name = 'clinic-mis' and s.mo_id = @MoId", new { hub.MoId });
        Assert.Equal("failed", status);
    }

    [Fact]
    public async Task An_operator_sees_the_sources_without_the_admin_controls()
    {
        await using (var conn = await hub.Database.OpenConnectionAsync())
        {
            await conn.ExecuteAsync(
                "insert into mis_source (mo_id, name, connector) values (@MoId, 'viewer-visible-mis', 'sql-postgresql') on conflict do nothing", new { hub.MoId });
        }

        var page = await hub.SignInAsync();
        await page.GotoAsync(hub.BaseUrl + "/sources");
        await Expect(page.GetByTestId("source-viewer-visible-mis")).ToContainTextAsync("не установлен");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Добавить источник" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "viewer-visible-mis" }).ClickAsync();
        await Expect(page.Locator("input[name=name]")).ToHaveJSPropertyAsync("readOnly", true);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Проверить подключение" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Синхронизировать" })).ToBeVisibleAsync();
    }
}
