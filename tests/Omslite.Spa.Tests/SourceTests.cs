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

    [Fact]
    public async Task A_running_sync_shows_its_growing_read_count_and_then_the_result()
    {
        // The hub of these tests has no working connector, so the run history is played by the test: nothing before
        // the start, then a run reading batch after batch, then its end.
        int id;
        await using (var conn = await hub.Database.OpenConnectionAsync())
        {
            id = await conn.ExecuteScalarAsync<int>(
                "insert into mis_source (mo_id, name, connector) values (@MoId, 'progress-mis', 'sql-firebird') returning id", new { hub.MoId });
        }

        var stage = 0;
        var read = 0;
        var page = await hub.SignInAsync();
        await page.RouteAsync($"**/api/sources/{id}/sync", route => route.FulfillAsync(new() { Status = 202, ContentType = "application/json", Body = "{\"started\":true}" }));
        await page.RouteAsync($"**/api/sources/{id}/runs", route =>
        {
            var run = stage switch
            {
                0 => "",
                1 => Run("running", read, 0),
                _ => Run("succeeded", 600, 590),
            };
            return route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = $"[{run}]" });
        });
        await page.GotoAsync(hub.BaseUrl + "/sources");
        var card = page.GetByTestId("source-progress-mis");
        await card.GetByRole(AriaRole.Button, new() { Name = "Синхронизировать" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Синхронизация…" })).ToBeDisabledAsync();

        (stage, read) = (1, 120);
        await Expect(card.Locator(".progress")).ToContainTextAsync("Идёт синхронизация: прочитано 120 случаев…");
        read = 480;
        await Expect(card.Locator(".progress")).ToContainTextAsync("прочитано 480 случаев…");
        await SpaHub.ShotAsync(page, "source-progress");

        stage = 2;
        await Expect(card.GetByTestId("sync-result")).ToHaveTextAsync("Синхронизация завершена: прочитано 600: новых 590, без изменений 10.");
        await Expect(card.Locator(".progress")).ToHaveCountAsync(0);

        string Run(string status, int count, int fresh) =>
            $$"""
            {"run": {"id": 900001, "sourceId": {{id}}, "trigger": "manual", "startedBy": "demo", "startedAt": "2026-03-02T01:00:00Z",
             "finishedAt": {{(status == "running" ? "null" : "\"2026-03-02T01:01:00Z\"")}}, "status": "{{status}}", "read": {{count}},
             "new": {{fresh}}, "updated": 0, "unchanged": {{(status == "running" ? 0 : 10)}}, "conflicts": 0, "skipped": 0, "failed": 0, "error": null},
             "problems": []}
            """;
    }
}
