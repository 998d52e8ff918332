using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class VisitEditorTests(SpaHub hub)
{
    private static ILocator ErrorAt(IPage page, string field) => page.Locator($"[data-field={field}] .error");

    [Fact]
    public async Task A_refused_field_shows_its_message_and_the_corrected_visit_is_saved()
    {
        var visit = await SeedData.VisitAsync(hub, "7001", "ПРАВКИНА");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync($"Талон № {visit.Number}");
        await Expect(page.Locator(".patient-panel h2")).ToContainTextAsync("Карта № 7001");
        await Expect(page.Locator("input[name=fam]")).ToHaveValueAsync("ПРАВКИНА");
        await Expect(page.Locator(".patient-panel")).ToContainTextAsync("Документ: 05 07 123456");
        await SpaHub.ShotAsync(page, "visit-editor");

        await page.Locator("input[name=reportMonth]").FillAsync("13");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(ErrorAt(page, "reportMonth")).ToHaveTextAsync("Месяц талона: от 1 до 12");
        await Expect(page.Locator(".message.error")).ToBeVisibleAsync();
        await SpaHub.ShotAsync(page, "visit-validation");

        // Fixed, with a diagnosis typed in the Russian layout: "я01ю8" is Z01.8 on the same keys.
        var month = SeedData.Today.Month == 1 ? 12 : SeedData.Today.Month - 1;
        await page.Locator("input[name=reportMonth]").FillAsync(month.ToString());
        await page.Locator("input[name=ds1]").FillAsync("я01ю8");
        await Expect(page.Locator("input[name=ds1]")).ToHaveValueAsync("Z01.8");
        await page.Locator("input[name=ds1]").PressAsync("Control+Enter");
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync($"Талон № {visit.Number} сохранён");
        await Expect(ErrorAt(page, "reportMonth")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page.Locator("input[name=reportMonth]")).ToHaveValueAsync(month.ToString());
        await Expect(page.Locator("input[name=ds1]")).ToHaveValueAsync("Z01.8");

        await page.GetByRole(AriaRole.Tab, new() { Name = "История" }).ClickAsync();
        await Expect(page.Locator("table.grid tbody")).ToContainTextAsync("Осн. диагноз");
        await Expect(page.Locator("table.grid tbody")).ToContainTextAsync("Z01.8");
        await SpaHub.ShotAsync(page, "visit-history");
    }

    [Fact]
    public async Task Enter_moves_through_every_field_of_the_tab_and_wraps_to_the_first()
    {
        var visit = await SeedData.VisitAsync(hub, "7002", "ОРЛОВА");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");

        // ui.md §1.3(g), with the original's stop at group boundaries fixed: checkboxes included, then round again.
        string[] talon =
        [
            "openDate", "closeDate", "reportMonth", "reportYear", "mek", "urgent", "firstVisit", "istFin", "purpose", "docSpec",
            "docCode", "visitPol", "visitHome", "ds1", "char1", "ishod", "rslt", "ds2", "char2", "travmaType", "openDate",
        ];
        Assert.Equal(talon, await Keyboard.EnterWalkAsync(page, "input[name=openDate]", talon.Length));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Направление" }).ClickAsync();
        string[] referral = ["nprDate", "nprMo", "nprSpec", "nprNumber", "hospMo", "hospNumber", "hospUrgent", "nprDate"];
        Assert.Equal(referral, await Keyboard.EnterWalkAsync(page, "input[name=nprDate]", referral.Length));

        // The card panel beside the visit is its own small form.
        string[] panel = ["fam", "im", "ot", "birthDate", "fam"];
        Assert.Equal(panel, await Keyboard.EnterWalkAsync(page, ".patient-panel input[name=fam]", panel.Length));

        // Enter never submits: nothing was saved by walking.
        await Expect(page.Locator(".message.ok")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Pmu_rows_are_added_by_code_and_counted_up_and_down()
    {
        var visit = await SeedData.VisitAsync(hub, "7003", "НОВИКОВА");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "ПМУ" }).ClickAsync();
        await Expect(page.GetByText("В талоне нет услуг")).ToBeVisibleAsync();

        await page.Locator("input[name=pmuCode]").FillAsync("ф06.09.005");
        await Expect(page.Locator("input[name=pmuCode]")).ToHaveValueAsync("A06.09.005");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить", Exact = true }).ClickAsync();
        var row = page.Locator("table.grid tbody tr", new() { HasText = "A06.09.005" });
        await Expect(row).ToContainTextAsync("Компьютерная томография органов грудной полости");
        await Expect(row.Locator("td.qty")).ToHaveTextAsync("1");
        await Expect(row).ToContainTextAsync(new Regex(@"2\s189,50"));

        await page.Locator("input[name=pmuCode]").FillAsync("B99.99.999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".pmu-tab .message.error")).ToHaveTextAsync("Нет ткого кода услуги");

        await row.GetByRole(AriaRole.Button, new() { Name = "Увеличить количество A06.09.005" }).ClickAsync();
        await Expect(row.Locator("td.qty")).ToHaveTextAsync("2");
        await Expect(page.Locator(".total")).ToContainTextAsync(new Regex(@"4\s379,00"));
        await SpaHub.ShotAsync(page, "visit-pmu");
        await row.GetByRole(AriaRole.Button, new() { Name = "Уменьшить количество A06.09.005" }).ClickAsync();
        await Expect(row.Locator("td.qty")).ToHaveTextAsync("1");
        await row.GetByRole(AriaRole.Button, new() { Name = "Уменьшить количество A06.09.005" }).ClickAsync();
        await Expect(page.GetByText("В талоне нет услуг")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_save_over_another_users_change_is_refused_with_a_reload()
    {
        var visit = await SeedData.VisitAsync(hub, "7004", "МИРОНОВА");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(page.Locator("input[name=visitHome]")).ToHaveValueAsync("0");

        // Somebody else saves the visit in between (a second tab, a colleague).
        using var other = await hub.ApiAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        var current = await other.GetFromJsonAsync<JsonElement>($"/api/visits/{visit.Id}");
        var fields = JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetProperty("fields").GetRawText())!;
        fields["visitHome"] = 2;
        (await other.PutAsJsonAsync($"/api/visits/{visit.Id}", new { version = current.GetProperty("version").GetInt32(), fields })).EnsureSuccessStatusCode();

        await page.Locator("input[name=visitPol]").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".message.warn")).ToContainTextAsync("Изменено другим пользователем");
        await SpaHub.ShotAsync(page, "visit-conflict");
        await page.GetByRole(AriaRole.Button, new() { Name = "Обновить талон" }).ClickAsync();
        await Expect(page.Locator("input[name=visitHome]")).ToHaveValueAsync("2");
        await Expect(page.Locator(".message.warn")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_visit_is_closed_and_opened_with_a_confirmation_and_deleted_with_the_login_typed()
    {
        var visit = await SeedData.VisitAsync(hub, "7005", "ЛЕБЕДЕВА");
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Открыть/Удалить" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Закрыть талон" }).ClickAsync();
        await Expect(page.Locator(".dialog")).ToContainTextAsync("Изменить тип талона");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Закрыть талон" }).ClickAsync();
        await Expect(page.Locator(".editor-title .state")).ToHaveTextAsync("закрыт");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Талон" }).ClickAsync();
        await Expect(page.Locator("input[name=openDate]")).ToHaveAttributeAsync("readonly", "");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Открыть/Удалить" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Открыть талон" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Открыть талон" }).ClickAsync();
        await Expect(page.Locator(".editor-title .state")).ToHaveTextAsync("открыт");

        await page.GetByRole(AriaRole.Button, new() { Name = "Удалить талон" }).ClickAsync();
        await page.Locator("input[name=dialog-input]").FillAsync("somebody");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Удалить талон" }).ClickAsync();
        await Expect(page.Locator(".status-tab .message.error")).ToContainTextAsync("не ваш логин");

        await page.GetByRole(AriaRole.Button, new() { Name = "Удалить талон" }).ClickAsync();
        await page.Locator("input[name=dialog-input]").FillAsync("demo");
        await SpaHub.ShotAsync(page, "visit-delete");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Удалить талон" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Случаи");

        // An admin sees the deleted visit and restores it.
        var admin = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await admin.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(admin.Locator(".editor-title .state")).ToHaveTextAsync("удалён");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Открыть/Удалить" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Восстановить талон" }).ClickAsync();
        await admin.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Восстановить" }).ClickAsync();
        await Expect(admin.Locator(".editor-title .state")).ToHaveTextAsync("открыт");
    }
}
