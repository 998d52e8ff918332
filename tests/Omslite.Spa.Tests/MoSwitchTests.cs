using System.Text.RegularExpressions;
using Dapper;
using Omslite.Hub.Demo;
using Omslite.Hub.Security;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class MoSwitchTests(SpaHub hub)
{
    private const string OtherMo = "250797";
    private const string Login = "two-mo";
    private const string Password = "two-mo-omslite";

    [Fact]
    public async Task A_user_of_two_mos_switches_in_the_header_and_sees_the_other_mos_data()
    {
        await SecondMoAsync();
        var visit = await SeedData.VisitAsync(hub, "7401", "ДВУХМОВА");
        var page = await hub.SignInAsync(Login, Password);
        var mo = page.Locator("select[name=mo]");
        await Expect(mo.Locator("option")).ToHaveCountAsync(2);
        await SwitchAsync(page, DemoSeeder.MoCode);

        // A visit of the demo MO is open; after the switch its address means nothing, so the list of visits opens.
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync($"Талон № {visit.Number}");
        await SwitchAsync(page, OtherMo);
        await Expect(page).ToHaveURLAsync(new Regex("/visits$"));
        await Expect(page.Locator(".pager .count")).ToHaveTextAsync("Нет записей");
        await Expect(page.Locator("table.grid tbody")).ToContainTextAsync("Нет таких записей");

        // The books are the other MO's: its one doctor, none of the demo MO's.
        await page.GotoAsync($"{hub.BaseUrl}/reference/doctors");
        var rows = page.Locator("table.grid tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("ВТОРОВА ЕЛЕНА");
        await SpaHub.ShotAsync(page, "mo-switch");

        // And back: the same screen shows the demo MO's doctors again.
        await SwitchAsync(page, DemoSeeder.MoCode);
        await Expect(page).ToHaveURLAsync(new Regex("/reference/doctors$"));
        await Expect(rows.First).ToContainTextAsync("Рентгенолог");
        await Expect(rows.Filter(new() { HasText = "ВТОРОВА" })).ToHaveCountAsync(0);
        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync($"Талон № {visit.Number}");
    }

    [Fact]
    public async Task A_user_of_one_mo_sees_its_name_without_a_switch()
    {
        var page = await hub.SignInAsync();
        await Expect(page.Locator(".brand .mo")).ToContainTextAsync(DemoSeeder.MoCode);
        await Expect(page.Locator("select[name=mo]")).ToHaveCountAsync(0);
    }

    /// <summary>Picks the MO in the header (unless it is the current one) and waits for the reloaded page.</summary>
    private static async Task SwitchAsync(IPage page, string code)
    {
        var mo = page.Locator("select[name=mo]");
        if (await mo.InputValueAsync() != code)
        {
            // The switch loads the page afresh: a mark left on the old page is gone on the new one.
            await page.EvaluateAsync("() => { window.beforeSwitch = true; }");
            await mo.SelectOptionAsync(code);
            await page.WaitForFunctionAsync("() => !window.beforeSwitch && document.querySelector('select[name=mo]')");
        }

        await Expect(mo).ToHaveValueAsync(code);
    }

    /// <summary>A second MO with one specialty and one doctor, and a user who works in both.</summary>
    private async Task SecondMoAsync()
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        var moId = await conn.ExecuteScalarAsync<int?>("select id from mo where code = @OtherMo", new { OtherMo });
        if (moId is not null)
        {
            return;
        }

        moId = await conn.ExecuteScalarAsync<int>(
            "insert into mo (code, short_code, name, region, okato) values (@OtherMo, '797', 'Второй центр МРТ', '25', '05000') returning id",
            new { OtherMo });
        await conn.ExecuteAsync(
            """
            insert into local_specialty (mo_id, spec, name, prvs, profil) values (@moId, 63, 'Рентгенолог', 60, 78);
            insert into doctor (mo_id, code, spec, family, snils) values (@moId, 1, 63, 'ВТОРОВА ЕЛЕНА', '55566677788');
            """,
            new { moId });
        await new UserAccounts(hub.Database).AddAsync("test", Login, Roles.Operator, Password, [DemoSeeder.MoCode, OtherMo], default);
    }
}
