using Dapper;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class SettingsTests(SpaHub hub)
{
    [Fact]
    public async Task An_admin_changes_lpu_1_and_adds_a_user_who_can_then_sign_in()
    {
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.Locator(".menu").GetByText("Настройки", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("input[name=lpu1]")).ToHaveValueAsync("25202699900001001");

        await page.Locator("input[name=lpu1]").FillAsync("25202699900002002");
        await page.Locator(".mo-settings").GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".dialog")).ToContainTextAsync("Сохранить изменения настроек МО?");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".mo-settings .message.ok")).ToHaveTextAsync("Настройки МО сохранены");

        // A wrong short code is refused at its field, in Russian.
        await page.Locator("input[name=shortCode]").FillAsync("99");
        await page.Locator("input[name=shortCode]").PressAsync("Control+Enter");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-field=shortCode] .error")).ToHaveTextAsync("Краткий код МО — ровно 3 символа, ведущие нули сохраняются (например, 007)");
        await page.Locator("input[name=shortCode]").FillAsync("999");
        await Expect(page.Locator("[data-field=shortCode] .error")).ToHaveCountAsync(0);
        await page.Locator(".mo-settings").GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сохранить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".mo-settings .message.ok")).ToHaveTextAsync("Настройки МО сохранены");

        await page.Locator("input[name=newLogin]").FillAsync("registrar");
        await page.Locator("select[name=newRole]").SelectOptionAsync("operator");
        await page.Locator("input[name=newPassword]").FillAsync("1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить пользователя" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Добавить", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-field=newPassword] .error")).ToContainTextAsync("Пароль");
        await page.Locator("input[name=newPassword]").FillAsync("registrar-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить пользователя" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Добавить", Exact = true }).ClickAsync();
        await Expect(page.Locator(".users .message.ok")).ToHaveTextAsync("Пользователь «registrar» добавлен: он может войти со своим паролем");
        var row = page.Locator(".users tbody tr", new() { HasText = "registrar" });
        await Expect(row).ToContainTextAsync("включён");
        await Expect(row.Locator("select")).ToHaveValueAsync("operator");
        await SpaHub.ShotAsync(page, "settings");

        await using (var conn = await hub.Database.OpenConnectionAsync())
        {
            Assert.Equal("25202699900002002", await conn.ExecuteScalarAsync<string>("select lpu_1 from mo where id = @MoId", new { hub.MoId }));
        }

        var registrar = await hub.SignInAsync("registrar", "registrar-2026");
        await Expect(registrar.GetByTestId("user")).ToContainTextAsync("registrar · оператор");
        await registrar.GotoAsync(hub.BaseUrl + "/settings");
        await Expect(registrar.Locator("input[name=lpu1]")).ToHaveValueAsync("25202699900002002");
        await Expect(registrar.Locator("input[name=lpu1]")).ToHaveJSPropertyAsync("readOnly", true);
        await Expect(registrar.GetByText("Пользователи МО")).ToHaveCountAsync(0);
        await SpaHub.ShotAsync(registrar, "settings-operator");
    }
}
