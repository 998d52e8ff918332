using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Omslite.Hub.Demo;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class SignInTests(SpaHub hub)
{
    [Fact]
    public async Task The_login_form_is_interactive_at_once_and_a_wrong_password_is_refused_in_Russian()
    {
        var page = await hub.NewPageAsync();
        var started = Stopwatch.StartNew();
        await page.GotoAsync(hub.BaseUrl + "/visits");
        var login = page.Locator("input[name=login]");
        await Expect(login).ToBeFocusedAsync();
        started.Stop();
        Assert.True(started.ElapsedMilliseconds < 3000, $"the login form took {started.ElapsedMilliseconds} ms to become interactive");

        await login.FillAsync(DemoUser.Login);
        await page.Locator("input[name=password]").FillAsync("wrong-password");
        await page.Locator("input[name=password]").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Неверный логин или пароль");
        await SpaHub.ShotAsync(page, "login");

        // The right password opens the page asked for first, with the user, the role and the MO in the header.
        await page.Locator("input[name=password]").FillAsync(DemoUser.Password);
        await page.Locator("input[name=password]").PressAsync("Enter");
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("demo · оператор");
        await Expect(page.Locator(".topbar .mo")).ToContainTextAsync(DemoSeeder.MoName);
        Assert.EndsWith("/visits", page.Url);
    }

    [Fact]
    public async Task The_overview_counts_the_report_month_shows_sources_and_packs_and_says_what_to_do_next()
    {
        await using (var conn = await hub.Database.OpenConnectionAsync())
        {
            await conn.ExecuteAsync(
                "insert into mis_source (mo_id, name, connector) values (@MoId, 'overview-mis', 'sql-firebird') on conflict do nothing", new { hub.MoId });
        }

        var page = await hub.SignInAsync();
        await Expect(page.GetByTestId("report-month")).ToContainTextAsync(DateTime.Now.Year.ToString());
        await Expect(page.GetByTestId("count-open")).Not.ToHaveTextAsync("…");
        Assert.True(int.Parse(await page.GetByTestId("count-open").InnerTextAsync()) >= 100);
        await Expect(page.GetByTestId("source-overview-mis")).ToContainTextAsync("не установлен");
        await Expect(page.GetByTestId("source-overview-mis").GetByRole(AriaRole.Button, new() { Name = "Синхронизировать" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("next-steps")).ToContainTextAsync("«overview-mis»");
        await Expect(page.GetByTestId("next-steps")).ToContainTextAsync(new Regex("Не работают плагины-коннекторы источников|плагин-коннектор не установлен"));
        await Expect(page.GetByTestId("next-steps")).ToContainTextAsync("ещё не сформирован");
        await Expect(page.GetByText("Последние пакеты")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_token_returns_to_the_login_and_back_to_the_page_after_it()
    {
        var page = await hub.SignInAsync();
        await page.GotoAsync(hub.BaseUrl + "/patients");
        await page.EvaluateAsync(
            "() => { const s = JSON.parse(sessionStorage.getItem('omslite.session')); s.token = 'forged'; sessionStorage.setItem('omslite.session', JSON.stringify(s)); }");
        await page.ReloadAsync();
        await Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
        await Expect(page.Locator(".message.warn")).ToContainTextAsync("Требуется вход в систему");
        await page.Locator("input[name=login]").FillAsync(DemoUser.Login);
        await page.Locator("input[name=password]").FillAsync(DemoUser.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Пациенты");
    }

    [Fact]
    public async Task While_the_user_works_the_token_is_refreshed()
    {
        var page = await hub.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync(hub.BaseUrl + "/patients");
        await page.Locator("input[name=login]").FillAsync(DemoUser.Login);
        await page.Locator("input[name=password]").FillAsync(DemoUser.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Пациенты");

        await page.Locator("input[name=fam]").PressSequentiallyAsync("ИВ");
        var refreshed = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/auth/refresh") && r.Status == 200);
        await page.Clock.FastForwardAsync("16:00");
        var fresh = (await (await refreshed).JsonAsync())!.Value.GetProperty("token").GetString();
        for (var i = 0; i < 50 && await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('omslite.session')).token") != fresh; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(fresh, await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('omslite.session')).token"));
    }
}
