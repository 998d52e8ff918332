using System.Net;
using System.Text.Json;
using Omslite.Spa.Tests.Infrastructure;

namespace Omslite.Spa.Tests;

/// <summary>How the hub serves the UI (Hosting/WebUi.cs): files to anyone, index.html for app paths, /api untouched.</summary>
[Collection(SpaCollection.Name)]
public sealed class WebUiHostingTests(SpaHub hub)
{
    [Fact]
    public async Task App_paths_get_index_html_and_assets_are_served_without_a_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri(hub.BaseUrl) };
        foreach (var path in new[] { "/", "/visits/12", "/patients/new", "/reference/F003" })
        {
            var page = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<div id=\"app\">", await page.Content.ReadAsStringAsync());
            Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
            Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        }

        var index = await http.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(index, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        var asset = await http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/assets/missing.js")).StatusCode);
    }

    [Fact]
    public async Task The_api_stays_behind_its_token_and_unknown_api_paths_are_not_the_app()
    {
        using var http = new HttpClient { BaseAddress = new Uri(hub.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/visits")).StatusCode);

        var unknown = await http.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Не найдено", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());

        var health = await http.GetAsync("/health");
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/health/extra")).StatusCode);
    }
}
