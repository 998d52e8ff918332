using System.IO.Compression;
using Omslite.Hub.Tests.Signing;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class SigningKeyTests(SpaHub hub)
{
    [Fact]
    public async Task An_admin_uploads_the_gost_key_then_a_pack_is_built_signed_and_the_key_is_removed()
    {
        using var keys = await GostTestKeys.CreateAsync();
        await SeedData.PackMonthAsync(hub, month: 4);
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.Locator(".menu").GetByText("Настройки", new() { Exact = true }).ClickAsync();
        var block = page.GetByTestId("signing-key");
        await Expect(block).ToContainTextAsync("Ключ подписи не загружен");

        // A key of another certificate is refused at its field, with OpenSSL's reason.
        await block.Locator("input[name=crt]").SetInputFilesAsync(keys.Certificate);
        await block.Locator("input[name=key]").SetInputFilesAsync(keys.OtherKey);
        await block.Locator("input[name=ca]").SetInputFilesAsync(keys.Ca);
        await block.GetByRole(AriaRole.Button, new() { Name = "Загрузить ключ" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Загрузить", Exact = true }).ClickAsync();
        await Expect(block.Locator("[data-field=key] .error")).ToContainTextAsync("Ключ не подписывает: закрытый ключ не соответствует сертификату");
        await Expect(block).ToContainTextAsync("Ключ подписи не загружен");

        await block.Locator("input[name=key]").SetInputFilesAsync(keys.Key);
        await block.GetByRole(AriaRole.Button, new() { Name = "Загрузить ключ" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Загрузить", Exact = true }).ClickAsync();
        await Expect(block.Locator(".message.ok")).ToHaveTextAsync("Ключ подписи загружен");
        var facts = page.GetByTestId("signing-key-facts");
        await Expect(facts).ToContainTextAsync("ООО «Центр КТ»");
        await Expect(facts).ToContainTextAsync("Тестовый УЦ");
        await Expect(facts).ToContainTextAsync("проверена");
        await Expect(facts.Locator("dd.mono")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9A-F]{40}$"));
        await SpaHub.ShotAsync(page, "settings-signing-key");

        // The pack form offers "Подписать ЭЦП", ticked; the pack holds a verifiable .sig per file.
        await page.Locator(".menu").GetByText("Реестры", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("input[name=sign]")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("signing-key-hint")).ToContainTextAsync("ООО «Центр КТ», сертификат действует с");
        await page.Locator("input[name=month]").FillAsync("2026-04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await Expect(page.Locator(".dialog")).ToContainTextAsync("Файлы будут подписаны ЭЦП.");
        await page.Locator(".dialog input[name=dialog-input]").FillAsync(SpaHub.AdminLogin);
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await Expect(page.GetByTestId("task-message")).ToContainTextAsync("H записей: 2, L записей: 2. НАЙДЕНО ОШИБОК: 1.");
        var history = page.Locator(".panel", new() { HasText = "История пакетов" }).Locator("tbody tr", new() { HasText = "апрель 2026" }).First;
        await Expect(history.Locator(".badge.signed")).ToHaveTextAsync("ЭЦП");
        await SpaHub.ShotAsync(page, "packs-signed");

        var file = page.GetByTestId("pack-file").GetByRole(AriaRole.Button);
        var download = await page.RunAndWaitForDownloadAsync(() => file.ClickAsync());
        var dir = Directory.CreateDirectory(Path.Combine(keys.Dir, "pack")).FullName;
        var saved = Path.Combine(dir, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        using (var zip = ZipFile.OpenRead(saved))
        {
            Assert.Equal(3, zip.Entries.Count(e => e.Name.EndsWith(".sig", StringComparison.Ordinal)));
            zip.ExtractToDirectory(dir);
        }

        foreach (var xml in Directory.GetFiles(dir, "*.xml"))
        {
            var (exit, output) = await keys.VerifyAsync(xml, Path.ChangeExtension(xml, ".sig"));
            Assert.True(exit == 0, output);
        }

        // Removing the key hides the option again.
        await page.Locator(".menu").GetByText("Настройки", new() { Exact = true }).ClickAsync();
        await block.GetByRole(AriaRole.Button, new() { Name = "Удалить ключ" }).ClickAsync();
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Удалить", Exact = true }).ClickAsync();
        await Expect(block).ToContainTextAsync("Ключ подписи не загружен");
        await page.Locator(".menu").GetByText("Реестры", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("input[name=fresh]")).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=sign]")).ToHaveCountAsync(0);
    }
}
