using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class TemplateTests(SpaHub hub)
{
    [Fact]
    public async Task A_template_is_saved_and_applied_to_a_visit()
    {
        var visit = await SeedData.VisitAsync(hub, "7101", "КОЗЛОВА");
        var page = await hub.SignInAsync();
        await page.Locator(".menu").GetByText("Шаблоны", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Новый" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Шаблон новый");
        await page.Locator("input[name=docSpec]").FillAsync("63");
        await page.Locator("input[name=docCode]").FillAsync("2");
        await page.Locator("input[name=name]").FillAsync("КТ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить шаблон" }).ClickAsync();
        await Expect(page.Locator("[data-field=name] .error")).ToHaveTextAsync("Имя шаблона не менее 4 символов без пробелов");

        await page.Locator("input[name=name]").FillAsync("Петров-КТ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить шаблон" }).ClickAsync();
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync("Шаблон «Петров-КТ» создан");
        await SpaHub.ShotAsync(page, "template-editor");
        await page.GetByRole(AriaRole.Link, new() { Name = "К списку" }).ClickAsync();
        await Expect(page.Locator("table.grid tbody")).ToContainTextAsync("Петров-КТ");
        await SpaHub.ShotAsync(page, "templates");

        await page.GotoAsync($"{hub.BaseUrl}/visits/{visit.Id}");
        await Expect(page.Locator("input[name=docCode]")).ToHaveValueAsync("1");
        await page.Locator("select[name=template]").SelectOptionAsync(new SelectOptionValue { Label = "Петров-КТ" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Применить шаблон" }).ClickAsync();
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync("Шаблон «Петров-КТ» применён и сохранён");
        await Expect(page.Locator("input[name=docCode]")).ToHaveValueAsync("2");
        await page.ReloadAsync();
        await Expect(page.Locator("input[name=docCode]")).ToHaveValueAsync("2");
    }
}
